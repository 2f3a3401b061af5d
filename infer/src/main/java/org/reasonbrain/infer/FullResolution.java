package org.reasonbrain.infer;

import java.awt.image.BufferedImage;
import org.reasonbrain.core.image.Images;

/**
 * Carries an edit made at the model's resolution back onto the user's image at its own size: the
 * pixels the edit changed (|edit - source| above {@link #THRESHOLD} at the model's resolution, grown
 * by one pixel and feathered) take the upscaled edit; everything else keeps the original pixels at full
 * resolution. The model edits the centred square crop of the image (see EditPipeline), so the change
 * lands in that square and the rest of a non-square image is untouched.
 */
public final class FullResolution {
  /** A pixel counts as changed when a channel moves by more than this (0..1). */
  public static final double THRESHOLD = 0.08;

  private FullResolution() {}

  /**
   * @param original the user's image, any size
   * @param edit the edit at the model's resolution (square, {@code size} x {@code size})
   * @return the original with the change carried onto it, same size as {@code original}
   */
  public static BufferedImage carry(BufferedImage original, BufferedImage edit) {
    BufferedImage orig = Images.toRgb(original);
    int size = edit.getWidth();
    if (edit.getHeight() != size) {
      throw new IllegalArgumentException("the edit must be square, got " + edit.getWidth() + "x" + edit.getHeight());
    }
    BufferedImage source = EditPipeline.squareResize(orig, size);
    // 1. Where the edit changed the source, at the model's resolution, grown by one pixel.
    float[] alpha = new float[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (Images.channelDiff(source.getRGB(x, y), edit.getRGB(x, y)) / 255.0 > THRESHOLD) {
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int xx = x + dx;
              int yy = y + dy;
              if (xx >= 0 && yy >= 0 && xx < size && yy < size) {
                alpha[yy * size + xx] = 1f;
              }
            }
          }
        }
      }
    }
    // 2. Upscale the edit and the mask (bilinear: a feathered edge) to the crop's size.
    int side = Math.min(orig.getWidth(), orig.getHeight());
    int ox = (orig.getWidth() - side) / 2;
    int oy = (orig.getHeight() - side) / 2;
    BufferedImage up = Images.resize(edit, side, side);
    BufferedImage maskImg = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < alpha.length; i++) {
      int v = Math.round(alpha[i] * 255);
      maskImg.setRGB(i % size, i / size, (v << 16) | (v << 8) | v);
    }
    BufferedImage mask = Images.resize(maskImg, side, side);
    // 3. Blend inside the crop; the rest of the image is the original.
    BufferedImage out = new BufferedImage(orig.getWidth(), orig.getHeight(), BufferedImage.TYPE_INT_RGB);
    out.getGraphics().drawImage(orig, 0, 0, null);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double a = (mask.getRGB(x, y) & 255) / 255.0;
        if (a <= 0) {
          continue;
        }
        int o = orig.getRGB(ox + x, oy + y);
        int e = up.getRGB(x, y);
        int rgb = 0;
        for (int sh = 0; sh <= 16; sh += 8) {
          int c = (int) Math.round(a * ((e >> sh) & 255) + (1 - a) * ((o >> sh) & 255));
          rgb |= Math.max(0, Math.min(255, c)) << sh;
        }
        out.setRGB(ox + x, oy + y, rgb);
      }
    }
    return out;
  }
}
