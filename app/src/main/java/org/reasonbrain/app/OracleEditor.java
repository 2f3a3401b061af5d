package org.reasonbrain.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.Evaluator;

/**
 * The editor of {@code eval --oracle-vae}: it answers each step of each sample with {@code reconstruct} of that
 * step's own true target. A sample is found by its first instruction and its source's pixels (several samples
 * may share an instruction: "What would happen if it started to rain?"), a later step of a chain by the image
 * this editor returned for the step before it.
 */
final class OracleEditor implements Evaluator.BatchEditor {
  /** (true target, the step's input image) -> what the editor returns. */
  @FunctionalInterface
  interface Reconstruct {
    BufferedImage apply(BufferedImage target, BufferedImage input);
  }

  private record Done(Sample sample, int step) {}

  private final Dataset dataset;
  private final Reconstruct reconstruct;
  private final Map<String, Sample> first = new HashMap<>();
  private final Map<BufferedImage, Done> made = java.util.Collections.synchronizedMap(new IdentityHashMap<>());   // shared by a Spark executor's tasks

  OracleEditor(Dataset dataset, List<Sample> samples, Reconstruct reconstruct) throws IOException {
    this.dataset = dataset;
    this.reconstruct = reconstruct;
    for (Sample s : samples) {
      first.put(key(instruction(s, 0), dataset.image(s.source())), s);
    }
  }

  @Override
  public List<BufferedImage> apply(List<BufferedImage> images, List<String> instructions) {
    List<BufferedImage> out = new ArrayList<>();
    for (int k = 0; k < images.size(); k++) {
      BufferedImage in = images.get(k);
      Done before = made.remove(in);                         // each answer is the input of at most one next step
      Sample s = before != null ? before.sample() : first.get(key(instructions.get(k), in));
      int step = before != null ? before.step() + 1 : 0;
      if (s == null || step >= Math.max(1, s.steps().size()) || !instruction(s, step).equals(instructions.get(k))) {
        throw new IllegalArgumentException("--oracle-vae: no sample of this evaluation has the instruction '" + instructions.get(k)
            + "' for this image (the oracle answers only the samples' own instructions)");
      }
      String target = s.steps().isEmpty() ? s.target() : s.steps().get(step).target();
      BufferedImage rec;
      try {
        rec = reconstruct.apply(dataset.image(target), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      made.put(rec, new Done(s, step));
      out.add(rec);
    }
    return out;
  }

  private static String instruction(Sample s, int step) {
    return s.steps().isEmpty() ? s.instruction() : s.steps().get(step).instruction();
  }

  private static String key(String instruction, BufferedImage image) {
    int[] px = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return instruction + '\u0000' + image.getWidth() + 'x' + image.getHeight() + ':' + Arrays.hashCode(px);
  }
}
