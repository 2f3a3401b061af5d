package org.reasonbrain.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the safetensors reader (checkpoints, exported models). Contract: the tensors the header
 * describes, each readable as floats, or BadCheckpointException; never another exception, and never an
 * allocation sized by the header alone (a 2^62-element shape, a huge header length).
 */
class SafetensorsFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void read(byte[] data) throws IOException {
    Path f = Files.createTempFile("fuzz", ".safetensors");
    try {
      Files.write(f, data);
      Safetensors.Contents c = Safetensors.read(f);
      for (Safetensors.Tensor t : c.tensors().values()) {
        long n = 1;
        for (long d : t.shape()) {
          n *= d;
        }
        assertTrue(n <= data.length, "a tensor of " + n + " elements from " + data.length + " bytes");
        t.toFloats();
      }
    } catch (Safetensors.BadCheckpointException expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
