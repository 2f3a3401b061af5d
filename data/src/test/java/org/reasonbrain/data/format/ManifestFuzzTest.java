package org.reasonbrain.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the manifest line parser. Contract: a Sample whose required fields are present and that
 * encodes back to a line decoding to the same Sample, or BadLineException naming a field; never another
 * exception or a hang.
 */
class ManifestFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void decode(byte[] data) throws Exception {
    String line = new String(data, StandardCharsets.UTF_8);
    try {
      Sample s = ManifestCodec.decode(line);
      assertTrue(!s.id().isEmpty() && !s.source().isEmpty() && !s.target().isEmpty());
      assertEquals(s, ManifestCodec.decode(ManifestCodec.encode(s)));
    } catch (ManifestCodec.BadLineException expected) {
      assertTrue(expected.field() != null && !expected.getMessage().isBlank());
    }
  }
}
