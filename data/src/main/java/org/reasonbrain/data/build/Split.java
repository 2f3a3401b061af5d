package org.reasonbrain.data.build;

/** The dataset splits of ReasonWorld and their share of a build. */
public enum Split {
  TRAIN("train", 0),
  VAL("val", 0.03),
  TEST_ID("test-id", 0.04),
  TEST_PHRASING("test-phrasing", 0.04),
  TEST_COMPOSITION("test-composition", 0.03),
  TEST_MULTISTEP("test-multistep", 0.03),
  /**
   * Counterfactual sets (see {@code CounterfactualSet}): one new scene with a host and a rival subject, asked about
   * the host, about the rival, for nothing, and about an object it does not hold; seen phrasings, as test-id.
   */
  TEST_COUNTERFACTUAL("test-counterfactual", 0.04);

  private final String label;
  private final double share;

  Split(String label, double share) {
    this.label = label;
    this.share = share;
  }

  public String label() {
    return label;
  }

  /** Share of the build (train takes the rest). */
  public double share() {
    return share;
  }

  /** True for the splits that carry distractor targets for the judge. */
  public boolean evaluated() {
    return this != TRAIN;
  }

  public static Split parse(String label) {
    for (Split s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown split '" + label + "' (expected train, val, test-id, "
        + "test-phrasing, test-composition, test-multistep or test-counterfactual)");
  }
}
