package org.reasonbrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.reasonbrain.core.Rng;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.text.NounChunker;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.encoders.TextEncoder;

/**
 * Batches of one split of a dataset for training: images scaled to [-1, 1], instance masks padded to
 * K, the instruction through the frozen text encoder, its noun chunks (the referenced objects) pooled, and the
 * conditioning dropout of InstructPix2Pix (text, image or both replaced by their null condition).
 */
public final class TrainingData {
  private final Dataset dataset;
  private final List<Sample> samples;
  private final TextEncoder text;
  private final int size;
  private final int maxRegions;
  private final int maxObjects;

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
  public record Batch(ReasonBrain.Inputs inputs, NDArray target, List<Sample> samples) {}

  /** Draws {@code b} samples with {@code rng}; dropout probabilities as in {@link TrainConfig}. */
  public Batch batch(NDManager m, Rng rng, int b, double dropText, double dropImage, double dropBoth) {
    List<Sample> picked = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      picked.add(samples.get(rng.nextInt(samples.size())));
    }
    boolean[] keepText = new boolean[b];
    float[] keepImage = new float[b];
    for (int i = 0; i < b; i++) {
      double u = rng.nextDouble();
      keepText[i] = !(u < dropText || (u >= dropText + dropImage && u < dropText + dropImage + dropBoth));
      keepImage[i] = (u >= dropText && u < dropText + dropImage + dropBoth) ? 0f : 1f;
    }
    return assemble(m, picked, keepText, keepImage);
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
    try {
      for (int i = 0; i < b; i++) {
        Sample s = picked.get(i);
        if (keepImage[i] > 0) {
          Images.toChwSigned(load(s.source()), src, i);
        }
        Images.toChwSigned(load(s.target()), tgt, i);
        for (int k = 0; k < Math.min(maxRegions, s.masks().size()); k++) {
          boolean[] mk = dataset.mask(s.masks().get(k).path(), size, size);
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
    return new Batch(in, m.create(tgt, new Shape(b, 3, size, size)), picked);
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
