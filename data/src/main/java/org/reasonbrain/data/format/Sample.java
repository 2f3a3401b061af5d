package org.reasonbrain.data.format;

import java.util.List;

/**
 * One manifest line: a source image, a hypothetical instruction and the target image, with what the
 * project knows beside them. Paths are relative to the dataset folder. Optional parts are empty
 * lists or null.
 *
 * @param objects the referenced object phrases (lexicon keys in ReasonWorld)
 * @param masks per-object instance masks of the source (the region branch's input)
 * @param editMask pixels the edit may change; null when unknown
 * @param distractorTargets wrong outcomes for the programmatic judge (test samples)
 * @param steps for multi-step chains, every step in order (the first is this line's instruction)
 */
public record Sample(String id, String split, String category, String family, String source, String target,
    String instruction, String initialInstruction, List<String> objects, List<MaskRef> masks, String editMask,
    List<DistractorRef> distractorTargets, List<StepRef> steps) {

  public Sample {
    objects = objects == null ? List.of() : List.copyOf(objects);
    masks = masks == null ? List.of() : List.copyOf(masks);
    distractorTargets = distractorTargets == null ? List.of() : List.copyOf(distractorTargets);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** An instance mask and the object it belongs to. */
  public record MaskRef(String label, String path) {}

  /** A wrong outcome and why it is wrong ("no-change", "wrong-way", "wrong-object", "wrong-stage"). */
  public record DistractorRef(String path, String reason) {}

  /** One step of a chain. */
  public record StepRef(String instruction, String initialInstruction, String target, String editMask) {}

  /** Number of chained instructions (1 for ordinary samples). */
  public int stepCount() {
    return steps.isEmpty() ? 1 : steps.size();
  }
}
