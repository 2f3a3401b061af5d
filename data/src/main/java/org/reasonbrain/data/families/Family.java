package org.reasonbrain.data.families;

import java.util.List;
import java.util.Random;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;

/**
 * A scenario family: a rule (initial scene, intervention) -> target scene, with the explicit initial
 * instruction, the event clauses hypothetical phrasings are built from, and the wrong outcomes
 * (distractors) a model that did not reason would produce. The rule must need both the image and
 * the text: the same intervention has different outcomes in different scenes.
 */
public interface Family {
  /** Short stable name used in manifests ("melt", "seesaw"). */
  String name();

  Category category();

  /**
   * The object kinds the intervention can apply to. When there are two or more, the last is held
   * out of training and appears only in the test-composition split.
   */
  List<Kind> subjects();

  /** How many interventions can be chained on one scene (1 for single-step families). */
  default int maxSteps() {
    return 1;
  }

  /** True when the last subject is reserved for test-composition. */
  default boolean hasHeldOutSubject() {
    return subjects().size() >= 2;
  }

  /** The held-out subject, or null. */
  default Kind heldOutSubject() {
    return hasHeldOutSubject() ? subjects().get(subjects().size() - 1) : null;
  }

  /** Subjects allowed outside test-composition. */
  default List<Kind> seenSubjects() {
    return hasHeldOutSubject() ? subjects().subList(0, subjects().size() - 1) : subjects();
  }

  /**
   * Further subjects the rule applies to, drawn only by a build that asks for them ({@code --extra-subjects}):
   * never the held-out subject, never in test-composition. Empty for most families.
   */
  default List<Kind> extraSubjects() {
    return List.of();
  }

  /**
   * A subject of no fixed shape ({@code Kind#WAX_FIGURE}, {@code Kind#TRINKET}: every sample draws a new silhouette
   * and colour), drawn only by a build that asks for it ({@code --random-shapes}), never in test-composition; null
   * for the families whose outcome is not the same for any shape.
   */
  default Kind shapeFreeSubject() {
    return null;
  }

  /** The seen subjects followed by the extra ones. */
  default List<Kind> trainableSubjects() {
    List<Kind> all = new java.util.ArrayList<>(seenSubjects());
    all.addAll(extraSubjects());
    return List.copyOf(all);
  }

  /** Builds one episode of {@code steps} chained interventions (1 .. maxSteps) on a fresh scene. */
  Episode episode(Random rng, Kind subject, int steps);

  /** World facts this family embodies, as plain sentences for language-model pretraining. */
  List<String> facts(Kind subject);
}
