package org.reasonbrain.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors checkpoint format (as the Python {@code safetensors} package writes and reads it):
 * an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype, shape
 * and [begin, end) byte offsets in the data section, an optional {@code __metadata__} map of strings,
 * then the data. Reading validates everything the header claims and names the tensor at fault;
 * tensors are memory-mapped one by one, so files over 2 GiB work. BF16 and F16 are widened to F32 on
 * request (libtorch through DJL aborts on BF16 arrays).
 */
public final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L * 1024 * 1024;

  private Safetensors() {}

  /** Element types and their sizes in bytes. */
  public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    public final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }
  }

  /** A checkpoint that cannot be used: the message names the file and, where it applies, the tensor. */
  public static final class BadCheckpointException extends IOException {
    public BadCheckpointException(String message) {
      super(message);
    }
  }

  /** One tensor: type, shape and its bytes (little-endian, row-major). */
  public record Tensor(DType dtype, long[] shape, ByteBuffer data) {
    public long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }

    /** The values as floats; F16 and BF16 are widened, integers converted. */
    public float[] toFloats() {
      long n = elements();
      if (n > Integer.MAX_VALUE) {
        throw new IllegalStateException("tensor of " + n + " elements does not fit a Java array");
      }
      float[] out = new float[(int) n];
      ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      b.rewind();
      for (int i = 0; i < out.length; i++) {
        out[i] = switch (dtype) {
          case F32 -> b.getFloat();
          case F64 -> (float) b.getDouble();
          case BF16 -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
          case F16 -> halfToFloat(b.getShort());
          case I64 -> b.getLong();
          case I32 -> b.getInt();
          case I16 -> b.getShort();
          case I8 -> b.get();
          case U8, BOOL -> b.get() & 0xFF;
        };
      }
      return out;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived only in Java 20). */
    public static float halfToFloat(short h) {
      int bits = h & 0xFFFF;
      int sign = (bits & 0x8000) << 16;
      int exp = (bits >>> 10) & 0x1F;
      int mant = bits & 0x3FF;
      if (exp == 0x1F) {
        return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
      }
      if (exp == 0) {
        float v = mant * 0x1p-24f;
        return sign == 0 ? v : -v;
      }
      return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float to IEEE 754 binary16, rounding to nearest even; overflow goes to infinity, tiny values to subnormals or 0. */
    public static short floatToHalf(float f) {
      int bits = Float.floatToRawIntBits(f);
      int sign = (bits >>> 16) & 0x8000;
      int exp = (bits >>> 23) & 0xFF;
      int mant = bits & 0x7FFFFF;
      if (exp == 0xFF) {
        return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
      }
      int e = exp - 127 + 15;
      if (e >= 0x1F) {
        return (short) (sign | 0x7C00);
      }
      if (e <= 0) {
        if (e < -10) {
          return (short) sign;
        }
        int m = mant | 0x800000;
        int shift = 14 - e;
        int half = m >>> shift;
        int rest = m & ((1 << shift) - 1);
        int mid = 1 << (shift - 1);
        if (rest > mid || (rest == mid && (half & 1) == 1)) {
          half++;
        }
        return (short) (sign | half);
      }
      int half = (e << 10) | (mant >>> 13);
      int rest = mant & 0x1FFF;
      if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
        half++; // may carry into the exponent, which is the correct rounding
      }
      return (short) (sign | half);
    }

    /** An F16 tensor from floats (half the size of F32; values rounded to binary16). */
    public static Tensor ofHalfs(float[] values, long... shape) {
      checkCount(values.length, shape);
      ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        b.putShort(floatToHalf(v));
      }
      b.flip();
      return new Tensor(DType.F16, shape.clone(), b);
    }

    private static void checkCount(int count, long... shape) {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != count) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + count);
      }
    }

    /** An F32 tensor from floats. */
    public static Tensor ofFloats(float[] values, long... shape) {
      checkCount(values.length, shape);
      ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        b.putFloat(v);
      }
      b.flip();
      return new Tensor(DType.F32, shape.clone(), b);
    }
  }

  /** The tensors (in file order) and the metadata of a file. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  /** Writes tensors (in the map's order) and metadata (sorted by key, so equal inputs give equal bytes) atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode m = header.putObject("__metadata__");
      new java.util.TreeMap<>(metadata).forEach(m::put);   // sorted: callers pass Map.of, whose order changes per run
    }
    long offset = 0;
    for (var e : tensors.entrySet()) {
      Tensor t = e.getValue();
      long len = t.elements() * t.dtype().bytes;
      if (t.data().remaining() != len) {
        throw new IllegalArgumentException(e.getKey() + ": " + t.data().remaining() + " bytes for shape "
            + Arrays.toString(t.shape()) + " of " + t.dtype() + " (expected " + len + ")");
      }
      ObjectNode n = header.putObject(e.getKey());
      n.put("dtype", t.dtype().name());
      var shape = n.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      n.putArray("data_offsets").add(offset).add(offset + len);
      offset += len;
    }
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (h.length + 7) / 8 * 8;
    byte[] hp = Arrays.copyOf(h, padded);
    Arrays.fill(hp, h.length, padded, (byte) ' ');
    AtomicFiles.write(file, out -> {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      out.write(len.array());
      out.write(hp);
      byte[] buf = new byte[1 << 16];
      for (Tensor t : tensors.values()) {
        ByteBuffer d = t.data().duplicate();
        d.rewind();
        while (d.hasRemaining()) {
          int k = Math.min(buf.length, d.remaining());
          d.get(buf, 0, k);
          out.write(buf, 0, k);
        }
      }
    });
  }

  /** Reads and validates a file; tensor data is memory-mapped. */
  public static Contents read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new BadCheckpointException(file + ": too short for a safetensors file (" + size + " bytes)");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0);
      long headerLen = lenBuf.getLong(0);
      if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
        throw new BadCheckpointException(file + ": header length " + headerLen + " does not fit a file of " + size + " bytes");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
      readFully(ch, hb, 8);
      JsonNode header;
      try {
        header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new BadCheckpointException(file + ": header is not valid JSON (" + e.getMessage() + ")");
      }
      if (header == null || !header.isObject()) {
        throw new BadCheckpointException(file + ": header is not a JSON object");
      }
      long dataStart = 8 + headerLen;
      long dataLen = size - dataStart;
      Map<String, String> metadata = new LinkedHashMap<>();
      List<long[]> spans = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        var e = it.next();
        String name = e.getKey();
        JsonNode n = e.getValue();
        if (name.equals("__metadata__")) {
          n.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        DType dtype;
        try {
          dtype = DType.valueOf(n.path("dtype").asText());
        } catch (IllegalArgumentException ex) {
          throw new BadCheckpointException(file + ": tensor '" + name + "' has unknown dtype '" + n.path("dtype").asText() + "'");
        }
        JsonNode sh = n.path("shape");
        JsonNode off = n.path("data_offsets");
        if (!sh.isArray() || !off.isArray() || off.size() != 2) {
          throw new BadCheckpointException(file + ": tensor '" + name + "' needs 'shape' and two 'data_offsets'");
        }
        long[] shape = new long[sh.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = sh.get(i).asLong(-1);
          if (shape[i] < 0) {
            throw new BadCheckpointException(file + ": tensor '" + name + "' has a negative dimension");
          }
        }
        long expected;
        try {
          for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
          }
          expected = Math.multiplyExact(elements, (long) dtype.bytes);
        } catch (ArithmeticException overflow) {
          throw new BadCheckpointException(file + ": tensor '" + name + "' has shape " + Arrays.toString(shape)
              + ", more elements than a file can hold");
        }
        long begin = off.get(0).asLong(-1);
        long end = off.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLen) {
          throw new BadCheckpointException(file + ": tensor '" + name + "' offsets [" + begin + ", " + end
              + ") lie outside the data section of " + dataLen + " bytes");
        }
        if (end - begin != expected) {
          throw new BadCheckpointException(file + ": tensor '" + name + "' has " + (end - begin) + " bytes but shape "
              + Arrays.toString(shape) + " of " + dtype + " needs " + expected);
        }
        spans.add(new long[] {begin, end});
        names.add(name);
        ByteBuffer data = expected == 0 ? ByteBuffer.allocate(0)
            : ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, expected);
        tensors.put(name, new Tensor(dtype, shape, data.order(ByteOrder.LITTLE_ENDIAN)));
      }
      // Offsets must tile the data section: no overlaps, no holes.
      Integer[] order = new Integer[spans.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(spans.get(a)[0], spans.get(b)[0]));
      long cursor = 0;
      for (int i : order) {
        if (spans.get(i)[0] != cursor) {
          throw new BadCheckpointException(file + ": tensor '" + names.get(i) + "' starts at byte " + spans.get(i)[0]
              + (spans.get(i)[0] < cursor ? ", overlapping the tensor before it" : ", leaving a gap after byte " + cursor));
        }
        cursor = spans.get(i)[1];
      }
      if (cursor != dataLen) {
        throw new BadCheckpointException(file + ": " + (dataLen - cursor) + " bytes after the last tensor are not described by the header");
      }
      return new Contents(tensors, metadata);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos + b.position());
      if (n < 0) {
        throw new BadCheckpointException("unexpected end of file");
      }
    }
  }
}
