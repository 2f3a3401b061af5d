package org.reasonbrain.sampling;

import ai.djl.ndarray.NDArray;

/**
 * DDIM (Song et al. 2021) over an evenly spaced subset of the training timesteps, as diffusers'
 * DDIMScheduler with "leading" (default) or "trailing" spacing: deterministic at eta = 0 (the default),
 * with fresh noise of scale sigma_t(eta) at each step otherwise (eta = 1 is DDPM's ancestral sampler).
 */
public final class DdimSampler {
  /**
   * Where the visited timesteps sit: leading (Stable Diffusion's: 951, 901, ..., 1 for 20 of 1000) or
   * trailing (Lin et al. 2024, "Common Diffusion Noise Schedules and Sample Steps are Flawed": 999, 949, ...,
   * 49, so sampling starts at the noisiest trained step).
   */
  public enum Spacing {
    LEADING, TRAILING;

    /** The spacing named {@code s} (case-insensitive); the error lists the names. */
    public static Spacing parse(String s) {
      for (Spacing x : values()) {
        if (x.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
          return x;
        }
      }
      throw new IllegalArgumentException("spacing must be leading or trailing, got '" + s + "'");
    }
  }

  private final NoiseSchedule schedule;

  public DdimSampler(NoiseSchedule schedule) {
    this.schedule = schedule;
  }

  /** The timesteps to visit with leading spacing, from noisiest to cleanest. */
  public int[] timesteps(int count) {
    return timesteps(count, Spacing.LEADING);
  }

  /** The timesteps to visit, from noisiest to cleanest. */
  public int[] timesteps(int count, Spacing spacing) {
    if (count < 1 || count > schedule.steps()) {
      throw new IllegalArgumentException("DDIM steps must be in 1.." + schedule.steps() + ", got " + count);
    }
    int[] out = new int[count];
    if (spacing == Spacing.TRAILING) {
      double stride = schedule.steps() / (double) count;
      for (int i = 0; i < count; i++) {
        out[i] = (int) Math.round(schedule.steps() - i * stride) - 1;
      }
      return out;
    }
    int stride = schedule.steps() / count;
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
    return step(zt, eps, t, tPrev, 0, null);
  }

  /**
   * One update with DDIM's eta (Eq. 16 of Song et al.): sigma = eta sqrt((1 - ab_prev) / (1 - ab_t))
   * sqrt(1 - ab_t / ab_prev); z_prev = sqrt(ab_prev) z0 + sqrt(1 - ab_prev - sigma^2) eps + sigma noise.
   * {@code noise} (shaped as z_t) may be null when eta is 0.
   */
  public NDArray step(NDArray zt, NDArray eps, int t, int tPrev, double eta, NDArray noise) {
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("eta must be between 0 and 1, got " + eta);
    }
    double ab = schedule.alphaBar(t);
    double abPrev = schedule.alphaBar(tPrev);
    NDArray z0 = zt.sub(eps.mul((float) Math.sqrt(1 - ab))).div((float) Math.sqrt(ab));
    double sigma = sigma(t, tPrev, eta);
    NDArray out = z0.mul((float) Math.sqrt(abPrev)).add(eps.mul((float) Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma))));
    if (sigma > 0) {
      if (noise == null) {
        throw new IllegalArgumentException("a stochastic step (eta > 0) needs noise");
      }
      out = out.add(noise.mul((float) sigma));
    }
    return out;
  }

  /** DDIM's sigma_t for a step t -> tPrev at {@code eta} (0 on the last step, where ab_prev is 1). */
  public double sigma(int t, int tPrev, double eta) {
    double ab = schedule.alphaBar(t);
    double abPrev = schedule.alphaBar(tPrev);
    return eta * Math.sqrt((1 - abPrev) / (1 - ab)) * Math.sqrt(Math.max(0, 1 - ab / abPrev));
  }
}
