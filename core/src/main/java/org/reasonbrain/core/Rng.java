package org.reasonbrain.core;

/**
 * A seedable random generator whose whole state is one long (SplitMix64), so a training run can save
 * it in a checkpoint and resume bit for bit. Not thread-safe: give each thread its own.
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /** The state to save; {@code new Rng(state())} continues the same sequence. */
  public long state() {
    return state;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) Math.floorMod(nextLong(), (long) bound);
  }

  /** Standard normal (Box-Muller). */
  public double nextGaussian() {
    double u1 = Math.max(1e-300, nextDouble());
    double u2 = nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** n standard normal floats. */
  public float[] gaussians(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) nextGaussian();
    }
    return out;
  }
}
