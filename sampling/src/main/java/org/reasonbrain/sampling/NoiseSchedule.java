package org.reasonbrain.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The DDPM forward process (Ho et al. 2020) with Stable Diffusion's "scaled linear" betas:
 * beta_t = (sqrt(b0) + t/(T-1) (sqrt(b1) - sqrt(b0)))^2, alpha-bar_t = prod(1 - beta). Knows nothing
 * of any network.
 */
public final class NoiseSchedule {
  private final int steps;
  private final double[] alphaBar;

  public NoiseSchedule(int steps, double betaStart, double betaEnd) {
    if (steps < 2) {
      throw new IllegalArgumentException("a schedule needs at least 2 steps, got " + steps);
    }
    this.steps = steps;
    this.alphaBar = new double[steps];
    double prod = 1;
    for (int t = 0; t < steps; t++) {
      double s = Math.sqrt(betaStart) + t / (double) (steps - 1) * (Math.sqrt(betaEnd) - Math.sqrt(betaStart));
      prod *= 1 - s * s;
      alphaBar[t] = prod;
    }
  }

  /** Stable Diffusion's schedule: 1000 steps, betas 0.00085 .. 0.012. */
  public static NoiseSchedule stableDiffusion() {
    return new NoiseSchedule(1000, 0.00085, 0.012);
  }

  public int steps() {
    return steps;
  }

  /** alpha-bar at step t (t = -1 means no noise: 1). */
  public double alphaBar(int t) {
    return t < 0 ? 1.0 : alphaBar[t];
  }

  /** z_t = sqrt(ab_t) z_0 + sqrt(1 - ab_t) eps, with one timestep per batch element; z0 is [B, ...]. */
  public NDArray addNoise(NDArray z0, NDArray eps, int[] t) {
    long b = z0.getShape().get(0);
    if (t.length != b) {
      throw new IllegalArgumentException("need one timestep per batch element: " + t.length + " for batch " + b);
    }
    float[] a = new float[t.length];
    float[] s = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      a[i] = (float) Math.sqrt(alphaBar[t[i]]);
      s[i] = (float) Math.sqrt(1 - alphaBar[t[i]]);
    }
    long[] bshape = new long[z0.getShape().dimension()];
    java.util.Arrays.fill(bshape, 1);
    bshape[0] = b;
    NDArray ca = z0.getManager().create(a, new Shape(bshape));
    NDArray cs = z0.getManager().create(s, new Shape(bshape));
    return z0.mul(ca).add(eps.mul(cs));
  }
}
