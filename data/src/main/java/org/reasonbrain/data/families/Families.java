package org.reasonbrain.data.families;

import java.util.ArrayList;
import java.util.List;
import org.reasonbrain.data.world.Category;

/** The registry of ReasonWorld's scenario families, in a fixed order. */
public final class Families {
  private static final List<Family> ALL;

  static {
    List<Family> all = new ArrayList<>();
    all.addAll(PhysicalFamilies.all());
    all.addAll(TemporalFamilies.all());
    all.addAll(CausalFamilies.all());
    all.addAll(StoryFamilies.all());
    ALL = List.copyOf(all);
  }

  private Families() {}

  public static List<Family> all() {
    return ALL;
  }

  public static List<Family> of(Category c) {
    return ALL.stream().filter(f -> f.category() == c).toList();
  }

  /** Families that can chain two or more interventions (for test-multistep). */
  public static List<Family> chainable() {
    return ALL.stream().filter(f -> f.maxSteps() >= 2).toList();
  }

  public static Family byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown family '" + name + "'"));
  }
}
