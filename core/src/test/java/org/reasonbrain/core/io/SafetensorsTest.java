package org.reasonbrain.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir
  Path tmp;

  @Test
  void roundTripIsExact() throws Exception {
    Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
    t.put("a.weight", Safetensors.Tensor.ofFloats(new float[] {1, -2.5f, 3, Float.MIN_VALUE, 1e30f, 0}, 2, 3));
    t.put("b.bias", Safetensors.Tensor.ofFloats(new float[] {7}, 1));
    t.put("empty", Safetensors.Tensor.ofFloats(new float[0], 0, 4));
    Path f = tmp.resolve("m.safetensors");
    Safetensors.write(f, t, Map.of("step", "12"));
    var c = Safetensors.read(f);
    assertEquals(t.keySet(), c.tensors().keySet());
    assertArrayEquals(t.get("a.weight").toFloats(), c.tensors().get("a.weight").toFloats());
    assertArrayEquals(new long[] {2, 3}, c.tensors().get("a.weight").shape());
    assertEquals("12", c.metadata().get("step"));
    // Header is padded to 8 bytes, as the Python package expects.
    long headerLen = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLen % 8);
  }

  @Test
  void metadataOrderDoesNotChangeTheBytes() throws Exception {
    Map<String, Safetensors.Tensor> t = Map.of("w", Safetensors.Tensor.ofFloats(new float[] {1, 2}, 2));
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("stage", "reasonbrain");
    ab.put("preset", "tiny");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("preset", "tiny");
    ba.put("stage", "reasonbrain");
    Safetensors.write(tmp.resolve("ab.safetensors"), t, ab);
    Safetensors.write(tmp.resolve("ba.safetensors"), t, ba);
    assertArrayEquals(Files.readAllBytes(tmp.resolve("ab.safetensors")), Files.readAllBytes(tmp.resolve("ba.safetensors")));
    assertEquals(ab, Safetensors.read(tmp.resolve("ba.safetensors")).metadata());
  }

  @Test
  void halfPrecisionRoundTripsWithinBinary16Accuracy(@TempDir Path dir) throws Exception {
    float[] v = {0f, -0f, 1f, -2.5f, 65504f, 1e6f, 6.0e-8f, 1e-9f, 0.1f, (float) Math.PI, -1234.567f};
    Path f = dir.resolve("h.safetensors");
    Safetensors.write(f, Map.of("h", Safetensors.Tensor.ofHalfs(v, v.length)), Map.of());
    Safetensors.Tensor t = Safetensors.read(f).tensors().get("h");
    assertEquals(Safetensors.DType.F16, t.dtype());
    assertEquals(2L * v.length, t.data().remaining()); // two bytes a value
    float[] back = t.toFloats();
    float[] expected = {0f, -0f, 1f, -2.5f, 65504f, Float.POSITIVE_INFINITY, 5.9604645e-8f, 0f, 0.099975586f, 3.140625f, -1235.0f};
    assertArrayEquals(expected, back);
    // Every binary16 value survives half -> float -> half unchanged.
    for (int h = 0; h < 0x10000; h++) {
      float x = Safetensors.Tensor.halfToFloat((short) h);
      if (!Float.isNaN(x)) {
        assertEquals((short) h, Safetensors.Tensor.floatToHalf(x), "half " + Integer.toHexString(h));
      }
    }
  }

  @Test
  void bf16AndF16AreWidened() {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) (Float.floatToIntBits(1.5f) >>> 16));
    b.putShort((short) (Float.floatToIntBits(-2f) >>> 16));
    b.flip();
    assertArrayEquals(new float[] {1.5f, -2f}, new Safetensors.Tensor(Safetensors.DType.BF16, new long[] {2}, b).toFloats());
    ByteBuffer h = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3400); // 0.25 in binary16
    h.flip();
    assertArrayEquals(new float[] {0.25f}, new Safetensors.Tensor(Safetensors.DType.F16, new long[] {1}, h).toFloats());
  }

  private Path raw(String header, int dataBytes) throws Exception {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    Path f = tmp.resolve("bad" + System.nanoTime() + ".safetensors");
    Files.write(f, b.array());
    return f;
  }

  private void refused(String header, int dataBytes, String... words) throws Exception {
    Path f = raw(header, dataBytes);
    var e = assertThrows(Safetensors.BadCheckpointException.class, () -> Safetensors.read(f));
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), e.getMessage());
    }
  }

  @Test
  void lyingHeadersAreRefusedWithTheTensorName() throws Exception {
    refused("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8, "'w'", "outside the data section");
    refused("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "'w'", "needs 12");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "'b'", "overlapping");
    refused("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "'w'", "gap");
    refused("{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "'w'", "unknown dtype");
    refused("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 12, "not described");
    refused("not json", 0, "not valid JSON");
  }

  @Test
  void absurdHeaderLengthIsRefused() throws Exception {
    Path f = tmp.resolve("x.safetensors");
    Files.write(f, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
    var e = assertThrows(Safetensors.BadCheckpointException.class, () -> Safetensors.read(f));
    assertTrue(e.getMessage().contains("header length"));
  }
}
