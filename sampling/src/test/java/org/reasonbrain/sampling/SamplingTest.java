package org.reasonbrain.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SamplingTest {
  @Test
  void scheduleMatchesStableDiffusionsEndpoints() {
    NoiseSchedule s = NoiseSchedule.stableDiffusion();
    assertEquals(1 - 0.00085, s.alphaBar(0), 1e-9);
    // diffusers' alphas_cumprod[-1] for this schedule is about 0.00466.
    assertEquals(0.00466, s.alphaBar(999), 2e-4);
    for (int t = 1; t < 1000; t++) {
      assertTrue(s.alphaBar(t) < s.alphaBar(t - 1));
    }
  }

  @Test
  void ddimTimestepsAndExactInversionWithTrueNoise() {
    NoiseSchedule s = NoiseSchedule.stableDiffusion();
    DdimSampler d = new DdimSampler(s);
    assertArrayEquals(new int[] {951, 901, 851}, java.util.Arrays.copyOf(d.timesteps(20), 3));
    assertEquals(1, d.timesteps(20)[19]);
    assertThrows(IllegalArgumentException.class, () -> d.timesteps(0));
    // Trailing spacing starts at the last trained step and keeps the stride (diffusers' "trailing").
    assertArrayEquals(new int[] {999, 949, 899}, java.util.Arrays.copyOf(d.timesteps(20, DdimSampler.Spacing.TRAILING), 3));
    assertEquals(49, d.timesteps(20, DdimSampler.Spacing.TRAILING)[19]);
    assertArrayEquals(new int[] {999, 666, 332}, d.timesteps(3, DdimSampler.Spacing.TRAILING));
    assertEquals(DdimSampler.Spacing.TRAILING, DdimSampler.Spacing.parse(" Trailing"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DdimSampler.Spacing.parse("middle")).getMessage().contains("middle"));
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z0 = m.create(new float[] {0.5f, -1f, 2f, 0f}, new Shape(1, 4));
      NDArray eps = m.create(new float[] {1f, 0.3f, -0.7f, 0.2f}, new Shape(1, 4));
      NDArray zt = s.addNoise(z0, eps, new int[] {951});
      // With the true noise, one DDIM step to t = -1 recovers z0.
      assertArrayEquals(z0.toFloatArray(), d.step(zt, eps, 951, -1).toFloatArray(), 1e-4f);
    }
  }

  @Test
  void etaIsDdimAtZeroAndDdpmsPosteriorAtOne() {
    NoiseSchedule s = NoiseSchedule.stableDiffusion();
    DdimSampler d = new DdimSampler(s);
    // eta = 1 on consecutive steps is DDPM's posterior standard deviation: sqrt(beta~_t).
    int t = 500;
    double ab = s.alphaBar(t);
    double abPrev = s.alphaBar(t - 1);
    double betaTilde = (1 - abPrev) / (1 - ab) * (1 - ab / abPrev);
    assertEquals(Math.sqrt(betaTilde), d.sigma(t, t - 1, 1), 1e-12);
    assertEquals(0, d.sigma(951, 901, 0), 0);
    assertEquals(0, d.sigma(1, -1, 1), 0);          // the last step adds no noise
    assertEquals(0.5 * d.sigma(951, 901, 1), d.sigma(951, 901, 0.5), 1e-12);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = m.create(new float[] {0.3f, -1.2f, 0.8f, 2f}, new Shape(1, 1, 2, 2));
      NDArray eps = m.create(new float[] {0.1f, 0.4f, -0.7f, 0.2f}, new Shape(1, 1, 2, 2));
      NDArray noise = m.create(new float[] {1f, -1f, 0.5f, 0f}, new Shape(1, 1, 2, 2));
      // eta 0 with or without noise is the deterministic step.
      assertArrayEquals(d.step(z, eps, 951, 901).toFloatArray(), d.step(z, eps, 951, 901, 0, noise).toFloatArray(), 0f);
      // eta 1: mean part with the reduced eps coefficient, plus sigma x noise.
      double a = s.alphaBar(951);
      double ap = s.alphaBar(901);
      double sig = d.sigma(951, 901, 1);
      float[] got = d.step(z, eps, 951, 901, 1, noise).toFloatArray();
      float[] zs = z.toFloatArray();
      float[] es = eps.toFloatArray();
      float[] ns = noise.toFloatArray();
      for (int i = 0; i < 4; i++) {
        double z0 = (zs[i] - Math.sqrt(1 - a) * es[i]) / Math.sqrt(a);
        double want = Math.sqrt(ap) * z0 + Math.sqrt(1 - ap - sig * sig) * es[i] + sig * ns[i];
        assertEquals(want, got[i], 1e-5);
      }
      assertThrows(IllegalArgumentException.class, () -> d.step(z, eps, 951, 901, 1, null));
      assertThrows(IllegalArgumentException.class, () -> d.step(z, eps, 951, 901, 1.5, noise));
    }
  }

  @Test
  void threeWayGuidanceOnKnownInputs() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray u = m.create(new float[] {1f});
      NDArray i = m.create(new float[] {2f});
      NDArray f = m.create(new float[] {4f});
      // 1 + 7.5 * (4 - 2) + 1.5 * (2 - 1) = 17.5
      assertEquals(17.5f, Guidance.threeWay(u, i, f, 7.5, 1.5).getFloat(), 1e-6);
      // Scales of 1 give the fully conditioned prediction.
      assertEquals(4f, Guidance.threeWay(u, i, f, 1, 1).getFloat(), 1e-6);
    }
  }
}
