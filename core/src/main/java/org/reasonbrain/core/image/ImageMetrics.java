package org.reasonbrain.core.image;

import java.awt.image.BufferedImage;

/**
 * Pixel metrics between two images of the same size, optionally restricted to a mask.
 *
 * <p>Images are float arrays laid out [H, W, 3] with values in [0, 1] (see {@link Images#toFloatHwc});
 * a mask is a boolean per pixel ([H, W]) or {@code null} for the whole image. Definitions:
 * <ul>
 *   <li>L1: mean absolute difference over the masked pixels and the three channels;</li>
 *   <li>PSNR: 10 log10(1 / MSE) in dB, capped at {@value #PSNR_CAP} dB for identical images;</li>
 *   <li>SSIM: Wang et al. 2004 with an 11x11 Gaussian window (sigma 1.5), C1 = 0.01^2, C2 = 0.03^2,
 *       computed per channel on the whole image and averaged over the masked pixels and channels.</li>
 * </ul>
 */
public final class ImageMetrics {
  /** PSNR reported for identical images (the true value is infinite). */
  public static final double PSNR_CAP = 100.0;

  private static final double C1 = 0.01 * 0.01;
  private static final double C2 = 0.03 * 0.03;
  private static final float[] SSIM_KERNEL = gaussianKernel(1.5, 5);

  private ImageMetrics() {}

  /** Mean absolute difference inside the mask. Returns 0 for an empty mask. */
  public static double l1(float[] a, float[] b, boolean[] mask) {
    checkSame(a, b, mask);
    double sum = 0;
    long n = 0;
    for (int p = 0; p < a.length / 3; p++) {
      if (mask != null && !mask[p]) {
        continue;
      }
      for (int c = 0; c < 3; c++) {
        sum += Math.abs(a[3 * p + c] - b[3 * p + c]);
      }
      n += 3;
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Mean squared difference inside the mask. Returns 0 for an empty mask. */
  public static double mse(float[] a, float[] b, boolean[] mask) {
    checkSame(a, b, mask);
    double sum = 0;
    long n = 0;
    for (int p = 0; p < a.length / 3; p++) {
      if (mask != null && !mask[p]) {
        continue;
      }
      for (int c = 0; c < 3; c++) {
        double d = a[3 * p + c] - b[3 * p + c];
        sum += d * d;
      }
      n += 3;
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Peak signal-to-noise ratio in dB for a peak value of 1. */
  public static double psnr(float[] a, float[] b, boolean[] mask) {
    double m = mse(a, b, mask);
    if (m <= 1e-10) {
      return PSNR_CAP;
    }
    return Math.min(PSNR_CAP, 10 * Math.log10(1.0 / m));
  }

  /** Structural similarity, averaged over the masked pixels; 1 for identical images. */
  public static double ssim(float[] a, float[] b, int width, int height, boolean[] mask) {
    checkSame(a, b, mask);
    if (a.length != width * height * 3) {
      throw new IllegalArgumentException("image has " + a.length + " values, expected " + (width * height * 3));
    }
    int n = width * height;
    double total = 0;
    long count = 0;
    float[] x = new float[n];
    float[] y = new float[n];
    float[] xx = new float[n];
    float[] yy = new float[n];
    float[] xy = new float[n];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < n; p++) {
        x[p] = a[3 * p + c];
        y[p] = b[3 * p + c];
        xx[p] = x[p] * x[p];
        yy[p] = y[p] * y[p];
        xy[p] = x[p] * y[p];
      }
      float[] mx = blur(x, width, height, SSIM_KERNEL);
      float[] my = blur(y, width, height, SSIM_KERNEL);
      float[] sxx = blur(xx, width, height, SSIM_KERNEL);
      float[] syy = blur(yy, width, height, SSIM_KERNEL);
      float[] sxy = blur(xy, width, height, SSIM_KERNEL);
      for (int p = 0; p < n; p++) {
        if (mask != null && !mask[p]) {
          continue;
        }
        double vx = sxx[p] - (double) mx[p] * mx[p];
        double vy = syy[p] - (double) my[p] * my[p];
        double cxy = sxy[p] - (double) mx[p] * my[p];
        double num = (2 * mx[p] * my[p] + C1) * (2 * cxy + C2);
        double den = ((double) mx[p] * mx[p] + (double) my[p] * my[p] + C1) * (vx + vy + C2);
        total += num / den;
        count++;
      }
    }
    return count == 0 ? 1.0 : total / count;
  }

  /**
   * SSIM on luma (BT.601 weights) against a fixed reference whose local statistics are computed once:
   * for scoring many candidates against one target (3 blurs per candidate instead of 15).
   */
  public static final class LumaSsim {
    private final int width;
    private final int height;
    private final float[] ref;
    private final float[] muRef;
    private final float[] varRef;

    public LumaSsim(float[] referenceHwc, int width, int height) {
      this.width = width;
      this.height = height;
      this.ref = luma(referenceHwc);
      this.muRef = blur(ref, width, height, SSIM_KERNEL);
      float[] sq = new float[ref.length];
      for (int i = 0; i < sq.length; i++) {
        sq[i] = ref[i] * ref[i];
      }
      float[] ex2 = blur(sq, width, height, SSIM_KERNEL);
      this.varRef = new float[ref.length];
      for (int i = 0; i < sq.length; i++) {
        varRef[i] = ex2[i] - muRef[i] * muRef[i];
      }
    }

    /** Mean SSIM of {@code candidateHwc} against the reference over the masked pixels (1 if none). */
    public double ssim(float[] candidateHwc, boolean[] mask) {
      float[] x = luma(candidateHwc);
      float[] xx = new float[x.length];
      float[] xy = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        xx[i] = x[i] * x[i];
        xy[i] = x[i] * ref[i];
      }
      float[] mx = blur(x, width, height, SSIM_KERNEL);
      float[] sxx = blur(xx, width, height, SSIM_KERNEL);
      float[] sxy = blur(xy, width, height, SSIM_KERNEL);
      double total = 0;
      long count = 0;
      for (int p = 0; p < x.length; p++) {
        if (mask != null && !mask[p]) {
          continue;
        }
        double vx = sxx[p] - (double) mx[p] * mx[p];
        double cxy = sxy[p] - (double) mx[p] * muRef[p];
        double num = (2 * mx[p] * muRef[p] + C1) * (2 * cxy + C2);
        double den = ((double) mx[p] * mx[p] + (double) muRef[p] * muRef[p] + C1) * (vx + varRef[p] + C2);
        total += num / den;
        count++;
      }
      return count == 0 ? 1.0 : total / count;
    }

    private static float[] luma(float[] hwc) {
      float[] out = new float[hwc.length / 3];
      for (int p = 0; p < out.length; p++) {
        out[p] = 0.299f * hwc[3 * p] + 0.587f * hwc[3 * p + 1] + 0.114f * hwc[3 * p + 2];
      }
      return out;
    }
  }

  /** Convenience overloads on BufferedImages. */
  public static double l1(BufferedImage a, BufferedImage b, boolean[] mask) {
    return l1(Images.toFloatHwc(a), Images.toFloatHwc(b), mask);
  }

  public static double psnr(BufferedImage a, BufferedImage b, boolean[] mask) {
    return psnr(Images.toFloatHwc(a), Images.toFloatHwc(b), mask);
  }

  public static double ssim(BufferedImage a, BufferedImage b, boolean[] mask) {
    return ssim(Images.toFloatHwc(a), Images.toFloatHwc(b), a.getWidth(), a.getHeight(), mask);
  }

  /**
   * No-reference noise level (Immerkaer 1996, "Fast noise variance estimation"): the mean absolute
   * response of a Laplacian-difference kernel on the channel mean, scaled to estimate the standard
   * deviation of additive Gaussian noise per channel (independent noise averages down by sqrt(3)). Clean renders give values near 0.01; noise of standard
   * deviation s gives about s more.
   */
  public static double noiseSigma(float[] hwc, int width, int height) {
    if (width < 3 || height < 3) {
      return 0;
    }
    float[] y = new float[width * height];
    for (int p = 0; p < y.length; p++) {
      y[p] = (hwc[3 * p] + hwc[3 * p + 1] + hwc[3 * p + 2]) / 3f;
    }
    double sum = 0;
    for (int r = 1; r < height - 1; r++) {
      int o = r * width;
      for (int x = 1; x < width - 1; x++) {
        int c = o + x;
        double v = 4 * y[c] - 2 * (y[c - 1] + y[c + 1] + y[c - width] + y[c + width])
            + y[c - width - 1] + y[c - width + 1] + y[c + width - 1] + y[c + width + 1];
        sum += Math.abs(v);
      }
    }
    return Math.sqrt(Math.PI / 2) * sum / (6.0 * (width - 2) * (height - 2)) * Math.sqrt(3);
  }

  /** A normalised 1-D Gaussian of radius {@code radius} (length 2r+1). */
  public static float[] gaussianKernel(double sigma, int radius) {
    float[] k = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      double v = Math.exp(-(i * i) / (2 * sigma * sigma));
      k[i + radius] = (float) v;
      sum += v;
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return k;
  }

  /** Separable blur of one channel [H, W] with edge clamping. */
  public static float[] blur(float[] src, int width, int height, float[] kernel) {
    // Horizontal pass, transpose, horizontal pass, transpose back: both passes run on padded rows.
    float[] t = transpose(blurRows(src, width, height, kernel), width, height);
    return transpose(blurRows(t, height, width, kernel), height, width);
  }

  private static float[] blurRows(float[] src, int width, int height, float[] kernel) {
    int r = kernel.length / 2;
    float[] out = new float[src.length];
    float[] row = new float[width + 2 * r];
    for (int y = 0; y < height; y++) {
      int base = y * width;
      System.arraycopy(src, base, row, r, width);
      java.util.Arrays.fill(row, 0, r, src[base]);
      java.util.Arrays.fill(row, r + width, row.length, src[base + width - 1]);
      for (int x = 0; x < width; x++) {
        float acc = 0;
        for (int k = 0; k < kernel.length; k++) {
          acc += kernel[k] * row[x + k];
        }
        out[base + x] = acc;
      }
    }
    return out;
  }

  private static float[] transpose(float[] src, int width, int height) {
    float[] out = new float[src.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out[x * height + y] = src[y * width + x];
      }
    }
    return out;
  }

  /** Blurs each channel of an [H, W, 3] image. */
  public static float[] blurRgb(float[] hwc, int width, int height, float[] kernel) {
    int n = width * height;
    float[] out = new float[hwc.length];
    float[] ch = new float[n];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < n; p++) {
        ch[p] = hwc[3 * p + c];
      }
      float[] b = blur(ch, width, height, kernel);
      for (int p = 0; p < n; p++) {
        out[3 * p + c] = b[p];
      }
    }
    return out;
  }

  private static void checkSame(float[] a, float[] b, boolean[] mask) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("images differ in size: " + a.length + " vs " + b.length + " values");
    }
    if (a.length % 3 != 0) {
      throw new IllegalArgumentException("expected [H, W, 3] values, got " + a.length);
    }
    if (mask != null && mask.length * 3 != a.length) {
      throw new IllegalArgumentException("mask has " + mask.length + " pixels, image has " + (a.length / 3));
    }
  }
}
