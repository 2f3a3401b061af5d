package org.reasonbrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.nn.Parameter;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.model.ReasonBrain;

/**
 * The reasonbrain stage's frozen inputs, computed once per sample and kept (as diffusers keeps one
 * object per frozen encoder output that training reads instead of re-running the encoder): the VAE
 * latents of source and target, E_I(I) (finest map and grid tokens; E_I is frozen in this stage, as
 * the paper keeps its CLIP image encoder frozen), the instance masks pooled to E_I's finest map, E_T(H)
 * token states and mask, the pooled object phrases and mask, and the per-latent-cell change between
 * source and target (max |target - source| over the cell's pixels and channels, in [0, 1]) for
 * region-weighted L_DM. Values are stored as binary16.
 *
 * <p>One file per (dataset, split, frozen weights, settings): its name carries the first 16 hex digits
 * of the SHA-256 key over all of them, the header repeats the whole key and the sample ids, and a
 * CRC32 over the records closes the file. A file whose key, ids or checksum do not match is never
 * used: it is rebuilt, with a warning for a corrupt one. The file is written to a temporary name and
 * renamed into place.
 */
public final class FeatureCache {
  static final String FORMAT = "reasonbrain-feature-cache-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Shapes of one record; pixelH is the side of the source image a UNet with a pixel stem reads (its 3 x pixelH x
   * pixelH values end the record), 0 for a model without one.
   */
  public record Layout(int latentC, int latentH, int mapC, int mapH, int tokens, int tokenDim, int textTokens, int textDim,
      int objects, int regions, int pixelH) {
    /** A layout without source pixels. */
    public Layout(int latentC, int latentH, int mapC, int mapH, int tokens, int tokenDim, int textTokens, int textDim,
        int objects, int regions) {
      this(latentC, latentH, mapC, mapH, tokens, tokenDim, textTokens, textDim, objects, regions, 0);
    }

    int latent() {
      return latentC * latentH * latentH;
    }

    int map() {
      return mapC * mapH * mapH;
    }

    int grid() {
      return tokens * tokenDim;
    }

    int text() {
      return textTokens * textDim;
    }

    int masks() {
      return regions * mapH * mapH;
    }

    int cells() {
      return latentH * latentH;
    }

    int pixels() {
      return 3 * pixelH * pixelH;
    }

    /**
     * Record length in values: source latent, target latent, map, grid tokens, text, text mask, objects, object mask,
     * masks, change, source pixels.
     */
    int record() {
      return 2 * latent() + map() + grid() + text() + textTokens + objects * textDim + objects + masks() + cells() + pixels();
    }

    /** The layout as the cache key reads it (a layout without pixels reads as before they existed, so its caches stay valid). */
    @Override
    public String toString() {
      return latentC + "x" + latentH + "," + mapC + "x" + mapH + "," + tokens + "x" + tokenDim + "," + textTokens + "x" + textDim
          + "," + objects + "," + regions + (pixelH > 0 ? ",pixels=3x" + pixelH : "");
    }
  }

  /** Computes the records of a list of samples (in order); supplied by the trainer, which owns the encoders. */
  @FunctionalInterface
  public interface Encoder {
    /** One float[] of {@link Layout#record()} values per sample. */
    List<float[]> encode(List<Sample> samples) throws IOException;
  }

  private final Layout layout;
  private final List<Sample> samples;
  private final short[][] records;
  private final Path file;

  private FeatureCache(Layout layout, List<Sample> samples, short[][] records, Path file) {
    this.layout = layout;
    this.samples = samples;
    this.records = records;
    this.file = file;
  }

  public Layout layout() {
    return layout;
  }

  public int size() {
    return records.length;
  }

  public Path file() {
    return file;
  }

  /**
   * The key: SHA-256 over the format, the split, the layout, the settings string (image size,
   * segmenter, text encoder), the dataset's manifest and dataset.json bytes, and every frozen weight the
   * cached features depend on (the autoencoder's encoder and E_I; not the decoder, which the cache never uses).
   */
  public static String key(Path datasetDir, String split, Layout layout, String settings, Map<String, Parameter> frozen)
      throws IOException {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    d.update((FORMAT + "|" + split + "|" + layout + "|" + settings + "|").getBytes(StandardCharsets.UTF_8));
    for (String f : List.of("manifest.jsonl", "dataset.json")) {
      Path p = datasetDir.resolve(f);
      if (Files.isRegularFile(p)) {
        d.update(f.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(p)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
          }
        }
      }
    }
    for (var e : frozen.entrySet()) {
      d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      float[] v = e.getValue().value().toFloatArray();
      ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      d.update(b.array());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * Opens the cache for {@code key} in {@code dir}, building it first when it is missing, stale or
   * corrupt. Warnings (a corrupt file) go to {@code warn}.
   */
  public static FeatureCache open(Path dir, String key, Layout layout, List<Sample> samples, Encoder encoder, int batch,
      Progress progress, java.util.function.Consumer<String> warn) throws IOException {
    Path file = dir.resolve("features-" + key.substring(0, 16) + ".bin");
    if (Files.isRegularFile(file)) {
      try {
        return read(file, key, layout, samples);
      } catch (IOException e) {
        warn.accept("feature cache " + file + " is unusable (" + e.getMessage() + "); rebuilding it");
      }
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("cannot create the feature cache folder " + dir + " (" + e.getMessage() + "); pass --cache-dir", e);
    }
    short[][] records = new short[samples.size()][];
    progress.start("caching frozen features", samples.size());
    try {
      for (int i = 0; i < samples.size(); i += batch) {
        List<Sample> part = samples.subList(i, Math.min(samples.size(), i + batch));
        List<float[]> enc = encoder.encode(part);
        for (int j = 0; j < part.size(); j++) {
          float[] v = enc.get(j);
          if (v.length != layout.record()) {
            throw new IllegalStateException("cache record of " + v.length + " values, layout says " + layout.record());
          }
          short[] h = new short[v.length];
          for (int k = 0; k < v.length; k++) {
            h[k] = Safetensors.Tensor.floatToHalf(v[k]);
          }
          records[i + j] = h;
        }
        progress.advance(part.size());
      }
    } finally {
      progress.finish();
    }
    write(file, key, layout, samples, records);
    return new FeatureCache(layout, samples, records, file);
  }

  private static void write(Path file, String key, Layout layout, List<Sample> samples, short[][] records) throws IOException {
    ObjectNode h = JSON.createObjectNode();
    h.put("format", FORMAT);
    h.put("key", key);
    h.put("layout", layout.toString());
    h.put("count", records.length);
    var ids = h.putArray("ids");
    samples.forEach(s -> ids.add(s.id()));
    byte[] header = JSON.writeValueAsBytes(h);
    AtomicFiles.write(file, raw -> {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
      out.writeInt(header.length);
      out.write(header);
      CRC32 crc = new CRC32();
      DataOutputStream body = new DataOutputStream(new CheckedOutputStream(out, crc));
      ByteBuffer buf = ByteBuffer.allocate(layout.record() * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (short[] r : records) {
        buf.clear();
        buf.asShortBuffer().put(r);
        body.write(buf.array());
      }
      body.flush();
      out.writeLong(crc.getValue());
      out.flush();
    });
  }

  private static FeatureCache read(Path file, String key, Layout layout, List<Sample> samples) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      int hl = in.readInt();
      if (hl <= 0 || hl > 64 << 20) {
        throw new IOException("bad header length " + hl);
      }
      byte[] hb = in.readNBytes(hl);
      if (hb.length != hl) {
        throw new IOException("truncated header");
      }
      JsonNode h = JSON.readTree(hb);
      if (!FORMAT.equals(h.path("format").asText()) || !key.equals(h.path("key").asText())) {
        throw new IOException("stale: its key does not match the dataset, the frozen weights or the settings");
      }
      if (!layout.toString().equals(h.path("layout").asText()) || h.path("count").asInt(-1) != samples.size()) {
        throw new IOException("stale: layout or sample count differs");
      }
      JsonNode ids = h.path("ids");
      for (int i = 0; i < samples.size(); i++) {
        if (!samples.get(i).id().equals(ids.path(i).asText())) {
          throw new IOException("stale: sample " + i + " is " + ids.path(i).asText() + ", expected " + samples.get(i).id());
        }
      }
      CRC32 crc = new CRC32();
      DataInputStream body = new DataInputStream(new CheckedInputStream(in, crc));
      short[][] records = new short[samples.size()][];
      byte[] buf = new byte[layout.record() * 2];
      for (int i = 0; i < records.length; i++) {
        body.readFully(buf);
        short[] r = new short[layout.record()];
        ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(r);
        records[i] = r;
      }
      long stored = in.readLong();
      if (stored != crc.getValue()) {
        throw new IOException("corrupt: checksum " + Long.toHexString(crc.getValue()) + " != stored " + Long.toHexString(stored));
      }
      if (in.read() != -1) {
        throw new IOException("corrupt: trailing bytes");
      }
      return new FeatureCache(layout, samples, records, file);
    } catch (EOFException e) {
      throw new IOException("corrupt: truncated", e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("corrupt header: " + e.getOriginalMessage(), e);
    }
  }

  /** One batch read from the cache: the frozen encoders' output and the rest of the model's inputs. */
  public record Batch(ReasonBrain.Encoded encoded, NDArray text, NDArray textMask, NDArray objects, NDArray objectMask,
      NDArray targetLatent, NDArray change) {}

  /**
   * Assembles the records of {@code draw} with its conditioning dropout applied exactly as the
   * uncached path does: a dropped text has zero token states, mask and objects; a dropped image has a
   * zero source latent and the E_I features of a blank image ({@code nullFinest}, {@code nullTokens}:
   * one row each).
   */
  public Batch batch(NDManager m, TrainingData.Draw draw, float[] nullFinest, float[] nullTokens) {
    Layout l = layout;
    int b = draw.index().length;
    float[] src = new float[b * l.latent()];
    float[] tgt = new float[b * l.latent()];
    float[] map = new float[b * l.map()];
    float[] grid = new float[b * l.grid()];
    float[] text = new float[b * l.text()];
    float[] textMask = new float[b * l.textTokens()];
    float[] obj = new float[b * l.objects() * l.textDim()];
    float[] objMask = new float[b * l.objects()];
    float[] masks = new float[b * l.masks()];
    float[] change = new float[b * l.cells()];
    float[] pix = l.pixelH() > 0 ? new float[b * l.pixels()] : null;
    for (int i = 0; i < b; i++) {
      short[] r = records[draw.index()[i]];
      boolean keepImage = draw.keepImage()[i] > 0;
      boolean keepText = draw.keepText()[i];
      int o = 0;
      if (keepImage) {
        copy(r, o, src, i * l.latent(), l.latent());
      }
      o += l.latent();
      copy(r, o, tgt, i * l.latent(), l.latent());
      o += l.latent();
      if (keepImage) {
        copy(r, o, map, i * l.map(), l.map());
        copy(r, o + l.map(), grid, i * l.grid(), l.grid());
      } else {
        System.arraycopy(nullFinest, 0, map, i * l.map(), l.map());
        System.arraycopy(nullTokens, 0, grid, i * l.grid(), l.grid());
      }
      o += l.map() + l.grid();
      if (keepText) {
        copy(r, o, text, i * l.text(), l.text());
        copy(r, o + l.text(), textMask, i * l.textTokens(), l.textTokens());
        copy(r, o + l.text() + l.textTokens(), obj, i * l.objects() * l.textDim(), l.objects() * l.textDim());
        copy(r, o + l.text() + l.textTokens() + l.objects() * l.textDim(), objMask, i * l.objects(), l.objects());
      }
      o += l.text() + l.textTokens() + l.objects() * l.textDim() + l.objects();
      copy(r, o, masks, i * l.masks(), l.masks());
      o += l.masks();
      copy(r, o, change, i * l.cells(), l.cells());
      o += l.cells();
      if (pix != null && keepImage) {
        copy(r, o, pix, i * l.pixels(), l.pixels());
      }
    }
    ReasonBrain.Encoded enc = new ReasonBrain.Encoded(m.create(src, new Shape(b, l.latentC(), l.latentH(), l.latentH())),
        m.create(map, new Shape(b, l.mapC(), l.mapH(), l.mapH())), m.create(grid, new Shape(b, l.tokens(), l.tokenDim())),
        m.create(masks, new Shape(b, l.regions(), l.mapH(), l.mapH())),
        pix == null ? null : m.create(pix, new Shape(b, 3, l.pixelH(), l.pixelH())));
    return new Batch(enc, m.create(text, new Shape(b, l.textTokens(), l.textDim())), m.create(textMask, new Shape(b, l.textTokens())),
        m.create(obj, new Shape(b, l.objects(), l.textDim())), m.create(objMask, new Shape(b, l.objects())),
        m.create(tgt, new Shape(b, l.latentC(), l.latentH(), l.latentH())), m.create(change, new Shape(b, 1, l.latentH(), l.latentH())));
  }

  /** binary16 -> float for every bit pattern (reading a batch converts about a million values). */
  private static final float[] HALF = new float[1 << 16];

  static {
    for (int i = 0; i < HALF.length; i++) {
      HALF[i] = Safetensors.Tensor.halfToFloat((short) i);
    }
  }

  private static void copy(short[] from, int at, float[] to, int dest, int n) {
    for (int k = 0; k < n; k++) {
      to[dest + k] = HALF[from[at + k] & 0xFFFF];
    }
  }
}
