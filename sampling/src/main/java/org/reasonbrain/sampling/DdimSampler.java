package org.reasonbrain.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Deterministic DDIM (Song et al. 2021, eta = 0) over an evenly spaced subset of the training
 * timesteps, as diffusers' DDIMScheduler with "leading" spacing.
 */
public final class DdimSampler {
  private final NoiseSchedule schedule;

  public DdimSampler(NoiseSchedule schedule) {
    this.schedule = schedule;
  }

  /** The timesteps to visit, from noisiest to cleanest. */
  public int[] timesteps(int count) {
    if (count < 1 || count > schedule.steps()) {
      throw new IllegalArgumentException("DDIM steps must be in 1.." + schedule.steps() + ", got " + count);
    }
    int stride = schedule.steps() / count;
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = (count - 1 - i) * stride + 1;
    }
    return out;
  }

  /**
   * One update z_t -> z_prev given the predicted noise:
   * z0 = (z_t - sqrt(1 - ab_t) eps) / sqrt(ab_t); z_prev = sqrt(ab_prev) z0 + sqrt(1 - ab_prev) eps.
   */
  public NDArray step(NDArray zt, NDArray eps, int t, int tPrev) {
    double ab = schedule.alphaBar(t);
    double abPrev = schedule.alphaBar(tPrev);
    NDArray z0 = zt.sub(eps.mul((float) Math.sqrt(1 - ab))).div((float) Math.sqrt(ab));
    return z0.mul((float) Math.sqrt(abPrev)).add(eps.mul((float) Math.sqrt(1 - abPrev)));
  }
}
