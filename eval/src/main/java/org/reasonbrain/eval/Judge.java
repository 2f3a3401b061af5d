package org.reasonbrain.eval;

import java.awt.image.BufferedImage;
import java.util.List;
import org.reasonbrain.core.image.ImageMetrics;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.world.Renderer;

/**
 * The programmatic judge of ReasonWorld (the Ins-Align analogue). Definitions, part of the benchmark:
 * <ul>
 *   <li>region R = the pixels where the source differs from the target or from any distractor, grown by
 *       2 pixels;</li>
 *   <li>distance d(a, b) = root mean square difference over R and the three channels of a and b, both
 *       blurred with a Gaussian of sigma 1 pixel (radius 3) at the target's resolution, values in [0, 1];</li>
 *   <li><b>lenient</b>: d(edit, target) &lt; d(edit, every distractor);</li>
 *   <li><b>strict</b>: lenient, and d(edit, target) &lt;= {@value #MARGIN} x the nearest distractor's
 *       distance (a clear margin), and the mean absolute difference between edit and source outside R is
 *       at most {@value #PRESERVE} (the rest of the image kept, unblurred: a blurry or noisy edit that is
 *       merely nearest does not count; vacuous when R is the whole image).</li>
 * </ul>
 * The target itself scores 1 on both; the source and every distractor score 0.
 */
public final class Judge {
  public static final double MARGIN = 0.7;
  public static final double PRESERVE = 0.03;
  private static final float[] KERNEL = ImageMetrics.gaussianKernel(1.0, 3);

  private Judge() {}

  /**
   * The verdict on one edit.
   *
   * @param nearestDistractor index (into the distractors judged against) of the wrong outcome nearest the edit
   */
  public record Verdict(boolean lenient, boolean strict, double toTarget, double toNearestDistractor, double outsideL1,
      int nearestDistractor) {}

  public static Verdict judge(BufferedImage edit, BufferedImage source, BufferedImage target, List<BufferedImage> distractors) {
    int w = target.getWidth();
    int h = target.getHeight();
    BufferedImage e = Images.resize(Images.toRgb(edit), w, h);
    float[] src = Images.toFloatHwc(Images.resize(source, w, h));
    float[] tgt = Images.toFloatHwc(target);
    boolean[] region = differ(src, tgt);
    float[][] ds = new float[distractors.size()][];
    for (int i = 0; i < ds.length; i++) {
      ds[i] = Images.toFloatHwc(Images.resize(distractors.get(i), w, h));
      boolean[] r = differ(src, ds[i]);
      for (int p = 0; p < region.length; p++) {
        region[p] |= r[p];
      }
    }
    region = Renderer.dilate(region, w, 2);
    float[] ed = ImageMetrics.blurRgb(Images.toFloatHwc(e), w, h, KERNEL);
    double toTarget = Math.sqrt(ImageMetrics.mse(ed, ImageMetrics.blurRgb(tgt, w, h, KERNEL), region));
    double nearest = Double.POSITIVE_INFINITY;
    int nearestIndex = -1;
    for (int i = 0; i < ds.length; i++) {
      double d = Math.sqrt(ImageMetrics.mse(ed, ImageMetrics.blurRgb(ds[i], w, h, KERNEL), region));
      if (d < nearest) {
        nearest = d;
        nearestIndex = i;
      }
    }
    boolean[] outside = new boolean[region.length];
    for (int p = 0; p < outside.length; p++) {
      outside[p] = !region[p];
    }
    double preserved = ImageMetrics.l1(Images.toFloatHwc(e), src, outside);
    boolean lenient = toTarget < nearest;
    boolean strict = lenient && toTarget <= MARGIN * nearest && preserved <= PRESERVE;
    return new Verdict(lenient, strict, toTarget, nearest, preserved, nearestIndex);
  }

  private static boolean[] differ(float[] a, float[] b) {
    boolean[] out = new boolean[a.length / 3];
    for (int p = 0; p < out.length; p++) {
      out[p] = a[3 * p] != b[3 * p] || a[3 * p + 1] != b[3 * p + 1] || a[3 * p + 2] != b[3 * p + 2];
    }
    return out;
  }
}
