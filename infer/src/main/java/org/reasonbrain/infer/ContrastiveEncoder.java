package org.reasonbrain.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.ClipHead;
import org.reasonbrain.model.encoders.ImageEncoder;
import org.reasonbrain.model.encoders.TextEncoder;

/**
 * The project's own contrastive image/text encoder: the image encoder as the {@code clip} stage left it
 * (before the reasonbrain stage tuned it further) and the caption head trained with it. It stands where
 * the paper uses CLIP (CLIP score, CLIP-dir, CLIP-im) and serves as the default embedder of the
 * DINO-style image similarity. Embeddings are L2-normalised.
 *
 * <p>File: {@code clip.safetensors} with {@code image_encoder.*} and {@code clip_head.*} tensors.
 */
public final class ContrastiveEncoder implements AutoCloseable {
  /** The file name inside a shipped model folder. */
  public static final String FILE = "clip.safetensors";

  private final NDManager manager;
  private final Pair pair;
  private final TextEncoder text;
  private final int size;

  private static final class Pair extends Module {
    final ImageEncoder image;
    final ClipHead head;

    Pair(NDManager m, ReasonBrainConfig c) {
      image = child("image_encoder", new ImageEncoder(m, new Random(0), c.image()));
      head = child("clip_head", new ClipHead(m, new Random(0), c.textDim(), c.image().dim()));
    }
  }

  private ContrastiveEncoder(NDManager manager, Pair pair, TextEncoder text, int size) {
    this.manager = manager;
    this.pair = pair;
    this.text = text;
    this.size = size;
  }

  /** Loads {@code file} (strictly) for the shapes of {@code preset}; {@code text} stays owned by the caller. */
  public static ContrastiveEncoder load(Path file, String preset, TextEncoder text) throws IOException {
    ReasonBrainConfig c = ReasonBrainConfig.preset(preset);
    NDManager m = NDManager.newBaseManager();
    try {
      Pair p = new Pair(m, c);
      Checkpoints.load(p, file);
      p.setTrainable(false);
      return new ContrastiveEncoder(m, p, text, c.imageSize());
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /**
   * Writes {@code out} from a finished {@code clip}-stage run folder: its image encoder (from
   * {@code checkpoint/model.safetensors}) and its head ({@code checkpoint/clip_head.safetensors}),
   * as F16 when {@code half}.
   */
  public static void export(Path clipRun, Path out, boolean half) throws IOException {
    Path model = clipRun.resolve("checkpoint/model.safetensors");
    Path head = clipRun.resolve("checkpoint/clip_head.safetensors");
    if (!Files.isRegularFile(model) || !Files.isRegularFile(head)) {
      throw new IOException(clipRun + ": not a finished clip-stage run (needs checkpoint/model.safetensors and checkpoint/clip_head.safetensors)");
    }
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    Safetensors.read(model).tensors().forEach((k, t) -> {
      if (k.startsWith("image_encoder.")) {
        tensors.put(k, convert(t, half));
      }
    });
    Safetensors.read(head).tensors().forEach((k, t) -> tensors.put("clip_head." + k, convert(t, half)));
    Safetensors.write(out, tensors, Map.of("from", clipRun.getFileName().toString(), "stage", "clip"));
  }

  private static Safetensors.Tensor convert(Safetensors.Tensor t, boolean half) {
    return half ? Safetensors.Tensor.ofHalfs(t.toFloats(), t.shape()) : Safetensors.Tensor.ofFloats(t.toFloats(), t.shape());
  }

  /** The image's embedding (resized to the encoder's resolution). */
  public float[] image(BufferedImage image) {
    try (NDManager m = manager.newSubManager()) {
      pair.tempAttach(m);
      float[] px = new float[3 * size * size];
      Images.toChwSigned(Images.resize(Images.toRgb(image), size, size), px, 0);
      NDArray x = m.create(px, new Shape(1, 3, size, size));
      return normalize(pair.image.embed(pair.image.forward(x)).toFloatArray());
    }
  }

  /** The text's embedding. */
  public float[] text(String s) {
    try (NDManager m = manager.newSubManager()) {
      pair.tempAttach(m);
      return normalize(pair.head.embed(text.pooled(m, List.of(s))).toFloatArray());
    }
  }

  private static float[] normalize(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float inv = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
