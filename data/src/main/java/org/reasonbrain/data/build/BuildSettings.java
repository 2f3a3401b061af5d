package org.reasonbrain.data.build;

import org.reasonbrain.data.world.Renderer;

/**
 * Settings of a ReasonWorld build.
 *
 * @param samples total number of samples over all splits
 * @param seed the seed: the same seed and settings give byte-identical files
 * @param size image side in pixels (32..512)
 * @param candidates source candidates generated per target (stage d)
 * @param threads worker threads (never changes the output)
 * @param rivals share of samples (0..1) whose scene also holds a rival subject: an object another family
 *     would change, which the instruction leaves alone (see {@code Rivals}); 0 is the standard build
 * @param heldOutBystanders share of samples (0..1) whose scene also holds, unchanged in every step, a subject
 *     that test-composition reserves for its family (see {@code Rivals#addHeldOutBystander}): the held-out
 *     (subject, rule) pair is still never a training edit, but the object itself is no longer unseen, as the
 *     split's definition asks ("held-out (object, intervention) pairs"); 0 is the standard build
 * @param extraSubjects share (0..1) of the samples outside test-composition, of a family that has extra seen
 *     subjects ({@code Family#extraSubjects}), whose subject is one of those extras: more kinds of object
 *     trained under the same rule, never the held-out one; 0 is the standard build
 * @param randomShapes share (0..1) of the samples outside test-composition, of a family that has a shape-free
 *     subject ({@code Family#shapeFreeSubject}: melt, drop), whose subject is that one, a new silhouette and colour
 *     in every sample: the rule seen on objects no two alike; drawn after the extras; 0 is the standard build
 * @param takeAway share (0..1) of the train and val samples that are, instead of their family's edit, the named
 *     object taken out of one of that family's scenes ({@code TakeAway}): the one rule that acts on any object the
 *     same way, test-composition's reserved subjects included, so each noun is grounded in its object without a
 *     held-out (subject, rule) pair; 0 is the standard build
 * @param outcomeBystanders share (0..1) of the train and val samples whose scene also holds, unchanged in every
 *     step, a subject that test-composition reserves for its family in the state that family's rule leaves it in
 *     (see {@code Rivals#addOutcomeBystander}): what a snowman looks like melted is seen, the held-out edit never
 *     is; 0 is the standard build
 * @param genericNouns share (0..1) of the single-step train samples without a rival (take-away samples aside: there
 *     only the noun says which object) whose instruction names the subject "the object" instead of by its noun (see {@code Lexicon#generic}): the rule must then be read from
 *     the rest of the instruction and the image, not keyed on the noun; 0 is the standard build
 * @param counterfactual share (0..1) of the train and val samples that are rows of counterfactual sets (see {@code
 *     CounterfactualSet}): blocks of four rows showing one rival scene, asked about its host, about its rival, for
 *     nothing and about an absent object, each with its own target; the test-counterfactual split is made of such
 *     sets in every build; 0 leaves train and val standard
 */
public record BuildSettings(int samples, long seed, int size, int candidates, int threads, double rivals,
    double heldOutBystanders, double extraSubjects, double randomShapes, double takeAway, double outcomeBystanders,
    double genericNouns, double counterfactual) implements java.io.Serializable {
  /** These settings with {@code share} of train and val in counterfactual sets. */
  public BuildSettings withCounterfactual(double share) {
    return new BuildSettings(samples, seed, size, candidates, threads, rivals, heldOutBystanders, extraSubjects,
        randomShapes, takeAway, outcomeBystanders, genericNouns, share);
  }

  public BuildSettings {
    if (!(rivals >= 0 && rivals <= 1)) {
      throw new IllegalArgumentException("--rivals must be between 0 and 1, got " + rivals);
    }
    if (!(heldOutBystanders >= 0 && heldOutBystanders <= 1)) {
      throw new IllegalArgumentException("--held-out-bystanders must be between 0 and 1, got " + heldOutBystanders);
    }
    if (!(extraSubjects >= 0 && extraSubjects <= 1)) {
      throw new IllegalArgumentException("--extra-subjects must be between 0 and 1, got " + extraSubjects);
    }
    if (!(randomShapes >= 0 && randomShapes <= 1)) {
      throw new IllegalArgumentException("--random-shapes must be between 0 and 1, got " + randomShapes);
    }
    if (!(takeAway >= 0 && takeAway <= 1)) {
      throw new IllegalArgumentException("--take-away must be between 0 and 1, got " + takeAway);
    }
    if (!(outcomeBystanders >= 0 && outcomeBystanders <= 1)) {
      throw new IllegalArgumentException("--outcome-bystanders must be between 0 and 1, got " + outcomeBystanders);
    }
    if (!(genericNouns >= 0 && genericNouns <= 1)) {
      throw new IllegalArgumentException("--generic-nouns must be between 0 and 1, got " + genericNouns);
    }
    if (!(counterfactual >= 0 && counterfactual <= 1)) {
      throw new IllegalArgumentException("--counterfactual must be between 0 and 1, got " + counterfactual);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
    }
    if (size < Renderer.MIN_SIZE || size > Renderer.MAX_SIZE) {
      throw new IllegalArgumentException("--size must be between " + Renderer.MIN_SIZE + " and "
          + Renderer.MAX_SIZE + ", got " + size);
    }
    if (candidates < 1 || candidates > 16) {
      throw new IllegalArgumentException("--candidates must be between 1 and 16, got " + candidates);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
  }

  /**
   * A standard build of {@code samples} samples under {@code seed}, with each other setting named where it is
   * changed: {@code BuildSettings.builder(400, 6).size(64).candidates(2).threads(1).rivals(0.5).build()}. Defaults:
   * 64 px, 4 candidates per target, one thread per core, every share 0 (the standard build).
   */
  public static Builder builder(int samples, long seed) {
    return new Builder(samples, seed);
  }

  /** Named settings of a build; {@link #build()} validates them (see the record's parameters for each). */
  public static final class Builder {
    private final int samples;
    private final long seed;
    private int size = 64;
    private int candidates = 4;
    private int threads = Runtime.getRuntime().availableProcessors();
    private double rivals;
    private double heldOutBystanders;
    private double extraSubjects;
    private double randomShapes;
    private double takeAway;
    private double outcomeBystanders;
    private double genericNouns;
    private double counterfactual;

    private Builder(int samples, long seed) {
      this.samples = samples;
      this.seed = seed;
    }

    /** Image side in pixels (default 64). */
    public Builder size(int px) {
      this.size = px;
      return this;
    }

    /** Source candidates generated per target (default 4). */
    public Builder candidates(int n) {
      this.candidates = n;
      return this;
    }

    /** Worker threads (default one per core; never changes the output). */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    /** Share of samples whose scene also holds a rival subject. */
    public Builder rivals(double share) {
      this.rivals = share;
      return this;
    }

    /** Share of samples whose scene also holds a subject test-composition reserves, unchanged. */
    public Builder heldOutBystanders(double share) {
      this.heldOutBystanders = share;
      return this;
    }

    /** Share of the eligible samples whose subject is one of its family's extra seen subjects. */
    public Builder extraSubjects(double share) {
      this.extraSubjects = share;
      return this;
    }

    /** Share of the eligible samples whose subject is its family's shape-free subject. */
    public Builder randomShapes(double share) {
      this.randomShapes = share;
      return this;
    }

    /** Share of the train and val samples that take a named object out of the scene. */
    public Builder takeAway(double share) {
      this.takeAway = share;
      return this;
    }

    /** Share of the train and val samples whose scene also holds a reserved subject in its rule's end state. */
    public Builder outcomeBystanders(double share) {
      this.outcomeBystanders = share;
      return this;
    }

    /** Share of the single-step train samples without a rival whose instruction says "the object". */
    public Builder genericNouns(double share) {
      this.genericNouns = share;
      return this;
    }

    /** Share of the train and val samples that are rows of counterfactual sets. */
    public Builder counterfactual(double share) {
      this.counterfactual = share;
      return this;
    }

    /** The settings, validated as the record's constructor validates them. */
    public BuildSettings build() {
      return new BuildSettings(samples, seed, size, candidates, threads, rivals, heldOutBystanders, extraSubjects,
          randomShapes, takeAway, outcomeBystanders, genericNouns, counterfactual);
    }
  }
}
