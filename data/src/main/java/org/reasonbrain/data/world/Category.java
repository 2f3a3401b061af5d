package org.reasonbrain.data.world;

/** The four reasoning scenarios of Reason50K (paper Sec. 3.1, Fig. 2) with the paper's share of samples. */
public enum Category {
  PHYSICAL("physical", 0.4),
  TEMPORAL("temporal", 0.3),
  CAUSAL("causal", 0.2),
  STORY("story", 0.1);

  private final String label;
  private final double share;

  Category(String label, double share) {
    this.label = label;
    this.share = share;
  }

  /** The name used in manifests and reports. */
  public String label() {
    return label;
  }

  /** The target fraction of samples in this category. */
  public double share() {
    return share;
  }

  /** Parses a manifest label; the error lists the valid ones. */
  public static Category parse(String label) {
    for (Category c : values()) {
      if (c.label.equalsIgnoreCase(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown category '" + label
        + "' (expected physical, temporal, causal or story)");
  }
}
