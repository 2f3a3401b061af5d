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
 * step's own true target. A sample is found by its first instruction and, where several samples share it ("What
 * would happen if it started to rain?"), by its source's pixels; a later step of a chain by the image this
 * editor returned for the step before it.
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
  private final Map<String, List<Sample>> byInstruction = new HashMap<>();
  private final Map<BufferedImage, Done> made = java.util.Collections.synchronizedMap(new IdentityHashMap<>());   // shared by a Spark executor's tasks

  OracleEditor(Dataset dataset, List<Sample> samples, Reconstruct reconstruct) {
    this.dataset = dataset;
    this.reconstruct = reconstruct;
    for (Sample s : samples) {
      byInstruction.computeIfAbsent(instruction(s, 0), k -> new ArrayList<>()).add(s);
    }
  }

  @Override
  public List<BufferedImage> apply(List<BufferedImage> images, List<String> instructions) {
    List<BufferedImage> out = new ArrayList<>();
    for (int k = 0; k < images.size(); k++) {
      BufferedImage in = images.get(k);
      Done before = made.remove(in);                         // each answer is the input of at most one next step
      Sample s = before != null ? before.sample() : firstStep(instructions.get(k), in);
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

  /** The sample whose first step is {@code instruction} on this source image (null when none). */
  private Sample firstStep(String instruction, BufferedImage source) {
    List<Sample> same = byInstruction.getOrDefault(instruction, List.of());
    if (same.size() == 1) {
      return same.get(0);
    }
    for (Sample s : same) {
      try {
        if (samePixels(dataset.image(s.source()), source)) {
          return s;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    return a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight() && Arrays.equals(
        a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()), b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
  }
}
