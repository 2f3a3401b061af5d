package org.reasonbrain.data.families;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Scene;

/**
 * A family whose subject moves along an ordered list of states (banana: green, yellow, spotted,
 * brown). A single-step sample starts at a random state, so the right outcome depends on the state
 * the image shows; chains of up to {@code states - 1} steps feed the multi-step split.
 */
abstract class StateChainFamily extends BaseFamily {
  static final String SUBJECT = "subject";

  StateChainFamily(String name, Category category, Kind... subjects) {
    super(name, category, subjects);
  }

  /** The ordered states of the subject. */
  abstract List<String> states(Kind subject);

  /** A fresh scene whose subject (id {@value #SUBJECT}) is in {@code state}. */
  abstract Scene scene(Random r, Kind subject, String state);

  /** Event clauses for the transition into {@code to}; {a} names the subject. */
  abstract List<String> clauses(Kind subject, String to);

  /** The explicit instruction for the transition into {@code to}. */
  abstract String initial(Kind subject, String to);

  /** The scene with the subject in {@code state}; override when more than the subject changes. */
  Scene apply(Scene s, Kind subject, String state) {
    return s.update(SUBJECT, o -> o.withState(state));
  }

  /** True when a transition also changes the background (sky, ground). */
  boolean changesBackground() {
    return false;
  }

  /** Extra wrong outcomes beyond no-change and wrong-stage. */
  List<Distractor> extraDistractors(Random r, Scene before, Kind subject, String to) {
    return List.of();
  }

  @Override
  public int maxSteps() {
    int m = Integer.MAX_VALUE;
    for (Kind k : subjects()) {
      m = Math.min(m, states(k).size() - 1);
    }
    return m;
  }

  @Override
  Episode build(Random r, Kind subject, int steps) {
    List<String> states = states(subject);
    int start = r.nextInt(states.size() - steps);
    Scene current = scene(r, subject, states.get(start));
    Scene source = current;
    List<Step> out = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      int to = start + k + 1;
      String toState = states.get(to);
      Scene target = apply(current, subject, toState);
      List<Distractor> ds = new ArrayList<>();
      ds.add(none(current));
      if (to + 1 < states.size()) {
        ds.add(wrongStage(apply(current, subject, states.get(to + 1))));
      } else if (to - 2 >= 0) {
        ds.add(wrongStage(apply(current, subject, states.get(to - 2))));
      }
      ds.addAll(extraDistractors(r, current, subject, toState));
      out.add(new Step(target, initial(subject, toState), clauses(subject, toState),
          Map.of("a", subject.noun()), List.of(SUBJECT), changesBackground(), ds));
      current = target;
    }
    return new Episode(this, subject, source, out);
  }
}
