package org.reasonbrain.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {
  private static float[] random(int w, int h, long seed) {
    Random r = new Random(seed);
    float[] a = new float[w * h * 3];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat();
    }
    return a;
  }

  @Test
  void identicalImagesScorePerfectly() {
    float[] a = random(16, 16, 1);
    assertEquals(0.0, ImageMetrics.l1(a, a.clone(), null));
    assertEquals(ImageMetrics.PSNR_CAP, ImageMetrics.psnr(a, a.clone(), null));
    assertEquals(1.0, ImageMetrics.ssim(a, a.clone(), 16, 16, null), 1e-9);
  }

  @Test
  void knownDifferences() {
    float[] a = new float[8 * 8 * 3];
    float[] b = new float[a.length];
    Arrays.fill(b, 0.5f);
    assertEquals(0.5, ImageMetrics.l1(a, b, null), 1e-9);
    Arrays.fill(b, 0.1f);
    // MSE 0.01 -> 20 dB.
    assertEquals(20.0, ImageMetrics.psnr(a, b, null), 1e-4);
  }

  @Test
  void maskRestrictsTheComparison() {
    float[] a = new float[4 * 4 * 3];
    float[] b = a.clone();
    b[0] = 1f; // pixel 0, red channel
    boolean[] mask = new boolean[16];
    mask[5] = true;
    assertEquals(0.0, ImageMetrics.l1(a, b, mask));
    mask[0] = true;
    assertEquals(1.0 / 6, ImageMetrics.l1(a, b, mask), 1e-9);
  }

  @Test
  void ssimFallsWithNoiseAndLumaSsimAgreesOnIdentity() {
    float[] a = random(32, 32, 2);
    float[] noisy = a.clone();
    Random r = new Random(3);
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += (float) r.nextGaussian() * 0.2f;
    }
    assertTrue(ImageMetrics.ssim(a, noisy, 32, 32, null) < 0.9);
    ImageMetrics.LumaSsim ref = new ImageMetrics.LumaSsim(a, 32, 32);
    assertEquals(1.0, ref.ssim(a, null), 1e-6);
    assertTrue(ref.ssim(noisy, null) < 0.9);
  }

  @Test
  void noiseEstimateTracksAddedNoise() {
    float[] flat = new float[64 * 64 * 3];
    Arrays.fill(flat, 0.5f);
    assertEquals(0.0, ImageMetrics.noiseSigma(flat, 64, 64), 1e-9);
    Random r = new Random(4);
    for (int i = 0; i < flat.length; i++) {
      flat[i] += (float) (r.nextGaussian() * 0.05);
    }
    assertEquals(0.05, ImageMetrics.noiseSigma(flat, 64, 64), 0.01);
  }

  @Test
  void mismatchedSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ImageMetrics.l1(new float[12], new float[15], null));
    assertThrows(IllegalArgumentException.class, () -> ImageMetrics.l1(new float[12], new float[12], new boolean[3]));
  }
}
