package org.reasonbrain.data.families;

import java.util.List;
import java.util.Map;
import org.reasonbrain.data.world.Scene;

/**
 * One intervention: the scene after it, the explicit instruction that would produce it, the event
 * clauses for hypothetical phrasings ("{a} was left in the sun"), what the slots name (slot ->
 * lexicon key), which objects it changes, and the wrong outcomes.
 */
public record Step(Scene target, String initialTemplate, List<String> clauses, Map<String, String> slots,
    List<String> changed, boolean backgroundChanged, List<Distractor> distractors) {

  public Step {
    clauses = List.copyOf(clauses);
    slots = Map.copyOf(slots);
    changed = List.copyOf(changed);
    distractors = List.copyOf(distractors);
    if (clauses.isEmpty()) {
      throw new IllegalArgumentException("a step needs at least one event clause");
    }
    if (distractors.isEmpty()) {
      throw new IllegalArgumentException("a step needs at least one distractor");
    }
  }

  /** The initial (explicit) instruction with slots filled by their canonical nouns. */
  public String initialInstruction() {
    String s = initialTemplate;
    for (var e : slots.entrySet()) {
      s = s.replace("{" + e.getKey() + "}", "the " + e.getValue());
    }
    return s;
  }
}
