package org.reasonbrain.infer;

/**
 * Keeps the source's own pixels where an edit did not change the scene (an inference option, not part of
 * the paper; Blended Latent Diffusion and DiffEdit use the same idea with a mask they are given or infer).
 * The mask comes from the edit itself: a latent cell counts as changed when the RMS over its channels of
 * (edited latent - source latent) exceeds a threshold; changed cells are grown by one cell (so the border of
 * a moved or new object is not cut off), carried to pixels and softened over {@value #SOFT} pixels; then
 * out = mask x decoded edit + (1 - mask) x source. The diffusion model still decides what changes and where:
 * this only stops the decoder's and the sampler's blur from reaching the rest of the picture.
 */
public final class KeepUnchanged {
  /** Half-width in pixels of the box filter that softens the mask's edge. */
  static final int SOFT = 1;

  private KeepUnchanged() {}

  /**
   * Blends {@code n} edits with their sources, all [n, 3, size, size] in [-1, 1].
   *
   * @param change per-cell RMS change [n, lh, lw] between edited and source latents
   * @param threshold cells with change above it are the edit's; must be > 0
   * @return a new array [n, 3, size, size]
   */
  public static float[] blend(float[] edit, float[] source, float[] change, int n, int lh, int lw, int size, double threshold) {
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
    }
    int px = size * size;
    if (edit.length != n * 3 * px || source.length != edit.length || change.length != n * lh * lw || size % lh != 0 || size % lw != 0) {
      throw new IllegalArgumentException("shapes disagree: " + edit.length + " edit, " + source.length + " source and "
          + change.length + " change values for " + n + " images of " + size + " px on a " + lh + "x" + lw + " latent");
    }
    float[] out = new float[edit.length];
    for (int i = 0; i < n; i++) {
      float[] w = mask(change, i * lh * lw, lh, lw, size, threshold);
      for (int ch = 0; ch < 3; ch++) {
        int o = (i * 3 + ch) * px;
        for (int p = 0; p < px; p++) {
          out[o + p] = w[p] * edit[o + p] + (1 - w[p]) * source[o + p];
        }
      }
    }
    return out;
  }

  /** The soft pixel mask [size * size] in [0, 1] of one image (1 = the edit's pixel). */
  static float[] mask(float[] change, int offset, int lh, int lw, int size, double threshold) {
    boolean[] changed = new boolean[lh * lw];
    for (int y = 0; y < lh; y++) {
      for (int x = 0; x < lw; x++) {
        if (change[offset + y * lw + x] > threshold) {
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int yy = y + dy;
              int xx = x + dx;
              if (yy >= 0 && yy < lh && xx >= 0 && xx < lw) {
                changed[yy * lw + xx] = true;
              }
            }
          }
        }
      }
    }
    int sy = size / lh;
    int sx = size / lw;
    float[] hard = new float[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        hard[y * size + x] = changed[(y / sy) * lw + x / sx] ? 1f : 0f;
      }
    }
    float[] soft = new float[hard.length];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float sum = 0;
        int count = 0;
        for (int dy = -SOFT; dy <= SOFT; dy++) {
          for (int dx = -SOFT; dx <= SOFT; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < size && xx >= 0 && xx < size) {
              sum += hard[yy * size + xx];
              count++;
            }
          }
        }
        soft[y * size + x] = sum / count;
      }
    }
    return soft;
  }

  /**
   * Keeps the source's own pixels where the decoded edit draws what the decoder draws for the unchanged scene
   * (a pixel-level companion of {@link #blend}, used by {@link EditPipeline#keepPixels(double)}). Per pixel,
   * d = the largest channel difference between {@code edit} and {@code reference} (the source's own latent decoded
   * the same way) on a 0-1 scale, then the largest d over the pixel and its 8 neighbours (so a thin change keeps its
   * rim); the edit's weight is 0 at d <= threshold, 1 at d >= 2 x threshold, linear between:
   * out = w x edit + (1 - w) x source. A change the decoder merely smears into its surroundings (a house drawn darker
   * because the sky around it turned to night) is smaller than the change itself and is dropped; the edit stays.
   * A change the decoder draws faintly (a paper clip moved, a crack, a banana's new shade) can be as small as such a
   * smear, so the latent cells the edit is about ({@code editCells}, when given) are the edit's whatever d is.
   * Images [n, 3, size, size] in [-1, 1].
   *
   * @param editCells [n, lh, lw], nonzero on the latent cells that are the edit's whatever d; or null (none)
   * @param threshold the difference (0-1 scale) at or below which a pixel is the source's; in (0, 0.5]
   * @return a new array [n, 3, size, size]
   */
  public static float[] blendPixels(float[] edit, float[] reference, float[] source, float[] editCells, int lh, int lw, int n, int size,
      double threshold) {
    if (!(threshold > 0 && threshold <= 0.5)) {
      throw new IllegalArgumentException("pixel threshold must be in (0, 0.5], got " + threshold);
    }
    int px = size * size;
    if (edit.length != n * 3 * px || reference.length != edit.length || source.length != edit.length
        || editCells != null && (editCells.length != n * lh * lw || lh < 1 || lw < 1 || size % lh != 0 || size % lw != 0)) {
      throw new IllegalArgumentException("shapes disagree: " + edit.length + " edit, " + reference.length + " reference, "
          + source.length + " source and " + (editCells == null ? 0 : editCells.length) + " cell values for " + n + " images of "
          + size + " px on a " + lh + "x" + lw + " latent");
    }
    float[] out = new float[edit.length];
    float t = (float) threshold;
    float[] d = new float[px];
    for (int i = 0; i < n; i++) {
      int o = i * 3 * px;
      java.util.Arrays.fill(d, 0f);
      for (int ch = 0; ch < 3; ch++) {
        for (int p = 0; p < px; p++) {
          d[p] = Math.max(d[p], Math.abs(edit[o + ch * px + p] - reference[o + ch * px + p]) / 2);
        }
      }
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          float most = 0;
          for (int yy = Math.max(0, y - 1); yy <= Math.min(size - 1, y + 1); yy++) {
            for (int xx = Math.max(0, x - 1); xx <= Math.min(size - 1, x + 1); xx++) {
              most = Math.max(most, d[yy * size + xx]);
            }
          }
          float w = Math.min(1f, Math.max(0f, (most - t) / t));
          if (editCells != null && editCells[(i * lh + y / (size / lh)) * lw + x / (size / lw)] != 0) {
            w = 1f;
          }
          int p = y * size + x;
          for (int ch = 0; ch < 3; ch++) {
            int q = o + ch * px + p;
            out[q] = w * edit[q] + (1 - w) * source[q];
          }
        }
      }
    }
    return out;
  }
}
