package org.reasonbrain.data.families;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Scene;

/** A source scene and the chain of interventions applied to it (one step for most samples). */
public record Episode(Family family, Kind subject, Scene source, List<Step> steps) {
  public Episode {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("an episode needs at least one step");
    }
  }

  /** The scene before step {@code i}. */
  public Scene before(int i) {
    return i == 0 ? source : steps.get(i - 1).target();
  }

  /** The lexicon keys of every object the instructions refer to, in order of first mention. */
  public List<String> referencedObjects() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Step s : steps) {
      for (String key : new java.util.TreeMap<>(s.slots()).values()) {
        out.add(key);
      }
    }
    return new ArrayList<>(out);
  }
}
