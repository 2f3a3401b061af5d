package org.reasonbrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.reasonbrain.core.Rng;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.text.NounChunker;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.encoders.TextEncoder;
import org.reasonbrain.model.frce.ColorSegmenter;
import org.reasonbrain.model.frce.Segmenter;

/**
 * Batches of one split of a dataset for training: images scaled to [-1, 1], instance masks padded to
 * K (from the same segmenter the edit pipeline uses), the instruction through the frozen text encoder, its noun chunks (the referenced objects) pooled, and the
 * conditioning dropout of InstructPix2Pix (text, image or both replaced by their null condition).
 */
public final class TrainingData {
  private final Dataset dataset;
  private final List<Sample> samples;
  private final TextEncoder text;
  private final int size;
  private final int maxRegions;
  private final int maxObjects;
  private final Segmenter segmenter = new ColorSegmenter();

  public TrainingData(Dataset dataset, String split, TextEncoder text, int size, int maxRegions, int maxObjects) {
    this.dataset = dataset;
    this.samples = dataset.split(split).stream().filter(s -> s.steps().isEmpty()).toList();
    if (samples.isEmpty()) {
      throw new IllegalArgumentException(dataset.dir() + ": no single-step samples in split '" + split + "'");
    }
    this.text = text;
    this.size = size;
    this.maxRegions = maxRegions;
    this.maxObjects = maxObjects;
  }

  public int size() {
    return samples.size();
  }

  public List<Sample> samples() {
    return samples;
  }

  /** One training batch: the model inputs (after dropout) and the target images. */
  /** change: [B, 1, H/4, W/4], how much each latent cell changes from source to target (see {@link #changeCells}). */
  public record Batch(ReasonBrain.Inputs inputs, NDArray target, List<Sample> samples, NDArray change) {}

  /** Which samples a batch holds and which of their conditions are kept (conditioning dropout). */
  public record Draw(int[] index, boolean[] keepText, float[] keepImage) {}

  /**
   * Draws {@code b} sample indices out of {@code n}, then each one's dropout: text dropped with
   * probability {@code dropText}, image with {@code dropImage}, both with {@code dropBoth}. The cached
   * and the uncached paths draw through this one method, so a seed gives them the same batches.
   */
  public static Draw draw(Rng rng, int n, int b, double dropText, double dropImage, double dropBoth) {
    return draw(rng, n, null, b, dropText, dropImage, dropBoth);
  }

  /**
   * As {@link #draw(Rng, int, int, double, double, double)}, each index drawn with probability proportional
   * to its weight: {@code cumulative[i]} is the sum of the weights of samples 0..i (see
   * {@link #cumulativeWeights}); null draws uniformly, exactly as the method without weights.
   */
  public static Draw draw(Rng rng, int n, double[] cumulative, int b, double dropText, double dropImage, double dropBoth) {
    if (cumulative != null && cumulative.length != n) {
      throw new IllegalArgumentException("draw weights for " + cumulative.length + " samples, but there are " + n);
    }
    int[] index = new int[b];
    for (int i = 0; i < b; i++) {
      if (cumulative == null) {
        index[i] = rng.nextInt(n);
      } else {
        double u = rng.nextDouble() * cumulative[n - 1];
        int k = Arrays.binarySearch(cumulative, u);
        k = k >= 0 ? k + 1 : -k - 1;                       // the first i with cumulative[i] > u
        index[i] = Math.min(k, n - 1);
      }
    }
    boolean[] keepText = new boolean[b];
    float[] keepImage = new float[b];
    for (int i = 0; i < b; i++) {
      double u = rng.nextDouble();
      keepText[i] = !(u < dropText || (u >= dropText + dropImage && u < dropText + dropImage + dropBoth));
      keepImage[i] = (u >= dropText && u < dropText + dropImage + dropBoth) ? 0f : 1f;
    }
    return new Draw(index, keepText, keepImage);
  }

  /**
   * Cumulative draw weights of this split's samples for {@link #draw(Rng, int, double[], int, double, double, double)}:
   * a sample of family f weighs {@code factors.get(f)}, any other 1. Null when {@code factors} is empty (uniform
   * draws). A family no sample of the split has is an error naming the split's families.
   */
  public double[] cumulativeWeights(Map<String, Double> factors) {
    if (factors.isEmpty()) {
      return null;
    }
    Set<String> known = new TreeSet<>();
    for (Sample s : samples) {
      if (s.family() != null) {
        known.add(s.family());
      }
    }
    for (String f : factors.keySet()) {
      if (!known.contains(f)) {
        throw new IllegalArgumentException("--oversample: no family '" + f + "' among the " + samples.size()
            + " train samples of " + dataset.dir() + " (their families: " + String.join(", ", known) + ")");
      }
    }
    double[] c = new double[samples.size()];
    double acc = 0;
    for (int i = 0; i < c.length; i++) {
      String f = samples.get(i).family();
      acc += f == null ? 1 : factors.getOrDefault(f, 1.0);
      c[i] = acc;
    }
    return c;
  }

  /** Draws {@code b} samples with {@code rng}; dropout probabilities as in {@link TrainConfig}. */
  public Batch batch(NDManager m, Rng rng, int b, double dropText, double dropImage, double dropBoth) {
    return batch(m, rng, null, b, dropText, dropImage, dropBoth);
  }

  /** Draws {@code b} samples with {@code rng}, weighted by {@code cumulative} (null: uniformly). */
  public Batch batch(NDManager m, Rng rng, double[] cumulative, int b, double dropText, double dropImage, double dropBoth) {
    Draw d = draw(rng, samples.size(), cumulative, b, dropText, dropImage, dropBoth);
    List<Sample> picked = new ArrayList<>();
    for (int i : d.index()) {
      picked.add(samples.get(i));
    }
    return assemble(m, picked, d.keepText(), d.keepImage());
  }

  /** The batch of the given samples without dropout (evaluation, tests). */
  public Batch exact(NDManager m, List<Sample> picked) {
    boolean[] keepText = new boolean[picked.size()];
    float[] keepImage = new float[picked.size()];
    java.util.Arrays.fill(keepText, true);
    java.util.Arrays.fill(keepImage, 1f);
    return assemble(m, picked, keepText, keepImage);
  }

  private Batch assemble(NDManager m, List<Sample> picked, boolean[] keepText, float[] keepImage) {
    int b = picked.size();
    int px = size * size;
    float[] src = new float[b * 3 * px];
    float[] tgt = new float[b * 3 * px];
    float[] masks = new float[b * maxRegions * px];
    List<String> instr = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    float[] objMask = new float[b * maxObjects];
    int cells = (size / 4) * (size / 4);
    float[] change = new float[b * cells];
    try {
      for (int i = 0; i < b; i++) {
        Sample s = picked.get(i);
        BufferedImage source = load(s.source());
        BufferedImage target = load(s.target());
        if (keepImage[i] > 0) {
          Images.toChwSigned(source, src, i);
        }
        Images.toChwSigned(target, tgt, i);
        System.arraycopy(changeCells(source, target, 4), 0, change, i * cells, cells);
        // SAM's stand-in: the same segmenter the edit pipeline runs on a user's image, so that the
        // region branch sees the same kind of masks in training and in editing.
        List<boolean[]> seg = segmenter.segment(source, maxRegions);
        for (int k = 0; k < seg.size(); k++) {
          boolean[] mk = seg.get(k);
          for (int p = 0; p < px; p++) {
            masks[(i * maxRegions + k) * px + p] = mk[p] ? 1f : 0f;
          }
        }
        instr.add(keepText[i] ? s.instruction() : "");
        // O: the noun chunks of the hypothetical instruction, exactly as the edit pipeline finds them.
        List<String> chunks = NounChunker.get().nounChunks(s.instruction());
        for (int j = 0; j < maxObjects; j++) {
          boolean has = keepText[i] && j < chunks.size();
          objects.add(has ? chunks.get(j) : "");
          objMask[i * maxObjects + j] = has ? 1f : 0f;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TextEncoder.Features f = text.encodeFixed(m, instr, 32);
    NDArray textKeep = m.create(toFloats(keepText), new Shape(b, 1));
    NDArray textMask = f.mask().mul(textKeep);
    NDArray tokens = f.tokens().mul(textMask.expandDims(2));
    NDArray objVec = text.pooled(m, objects).reshape(b, maxObjects, text.dim());
    NDArray objM = m.create(objMask, new Shape(b, maxObjects));
    ReasonBrain.Inputs in = new ReasonBrain.Inputs(m.create(src, new Shape(b, 3, size, size)),
        m.create(masks, new Shape(b, maxRegions, size, size)), tokens, textMask, objVec.mul(objM.expandDims(2)), objM,
        m.create(keepImage, new Shape(b)));
    return new Batch(in, m.create(tgt, new Shape(b, 3, size, size)), picked, m.create(change, new Shape(b, 1, size / 4, size / 4)));
  }

  /**
   * How much each cell of a {@code factor} x {@code factor} grid changes between two images of the same
   * size: the largest |target - source| over the cell's pixels and channels, in [0, 1]. Region-weighted
   * L_DM reads this, so it works for any paired dataset, masks or not.
   */
  public static float[] changeCells(BufferedImage source, BufferedImage target, int factor) {
    int w = source.getWidth();
    int h = source.getHeight();
    if (target.getWidth() != w || target.getHeight() != h || w % factor != 0 || h % factor != 0) {
      throw new IllegalArgumentException("change map needs two images of one size divisible by " + factor);
    }
    int gw = w / factor;
    float[] out = new float[gw * (h / factor)];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = (y / factor) * gw + x / factor;
        out[c] = Math.max(out[c], Images.channelDiff(source.getRGB(x, y), target.getRGB(x, y)) / 255f);
      }
    }
    return out;
  }

  private static float[] toFloats(boolean[] b) {
    float[] out = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] ? 1f : 0f;
    }
    return out;
  }

  private BufferedImage load(String rel) throws IOException {
    BufferedImage img = dataset.image(rel);
    return Images.resize(img, size, size);
  }
}
