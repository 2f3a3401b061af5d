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
 * @param set the counterfactual set this line belongs to (rows of one set share their source picture and differ in
 *     instruction and target); null outside a set
 * @param member the line's role in its set: {@value #HOST}, {@value #RIVAL}, {@value #NULL} or {@value #ABSENT};
 *     null outside a set
 */
public record Sample(String id, String split, String category, String family, String source, String target,
    String instruction, String initialInstruction, List<String> objects, List<MaskRef> masks, String editMask,
    List<DistractorRef> distractorTargets, List<StepRef> steps, String set, String member) {
  /** The member asked about the scene's own subject (the standard sample of a rival scene). */
  public static final String HOST = "host";
  /** The member asked about the rival subject: the rival changed, the host kept. */
  public static final String RIVAL = "rival";
  /** The member asked for no change at all: the target is the source. */
  public static final String NULL = "null";
  /** The member asked about an object the scene does not hold: the target is the source. */
  public static final String ABSENT = "absent";
  /** Every member kind, in a set's order. */
  public static final List<String> MEMBERS = List.of(HOST, RIVAL, NULL, ABSENT);

  public Sample {
    objects = objects == null ? List.of() : List.copyOf(objects);
    masks = masks == null ? List.of() : List.copyOf(masks);
    distractorTargets = distractorTargets == null ? List.of() : List.copyOf(distractorTargets);
    steps = steps == null ? List.of() : List.copyOf(steps);
    if ((set == null) != (member == null)) {
      throw new IllegalArgumentException(id + ": a counterfactual row needs both 'set' and 'member'");
    }
    if (member != null && !MEMBERS.contains(member)) {
      throw new IllegalArgumentException(id + ": member must be one of " + MEMBERS + ", got '" + member + "'");
    }
  }

  /** A line outside any counterfactual set. */
  public Sample(String id, String split, String category, String family, String source, String target,
      String instruction, String initialInstruction, List<String> objects, List<MaskRef> masks, String editMask,
      List<DistractorRef> distractorTargets, List<StepRef> steps) {
    this(id, split, category, family, source, target, instruction, initialInstruction, objects, masks, editMask,
        distractorTargets, steps, null, null);
  }

  /** True for a row of a counterfactual set. */
  public boolean inSet() {
    return set != null;
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
