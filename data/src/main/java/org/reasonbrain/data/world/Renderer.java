package org.reasonbrain.data.world;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a scene graph with Java2D at any square resolution from 32 to 512 pixels, and the visible
 * instance mask of every object (what a segmenter such as SAM would return). Drawing is a pure
 * function of the scene and the size: the same scene gives the same pixels.
 */
public final class Renderer {
  public static final int MIN_SIZE = 32;
  public static final int MAX_SIZE = 512;

  private final int size;

  public Renderer(int size) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException("image size must be between " + MIN_SIZE + " and " + MAX_SIZE
          + " pixels, got " + size);
    }
    this.size = size;
  }

  public int size() {
    return size;
  }

  /** The scene as an RGB image. */
  public BufferedImage render(Scene scene) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = begin(img, true);
    try {
      Pen pen = new Pen(g);
      BackgroundPainter.paint(pen, scene.background());
      for (SceneObject o : scene.objects()) {
        o.kind().painter().paint(pen, o);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * The pixels one object touches when drawn alone (not yet minus occluders): drawn anti-aliased
   * like the scene, so every pixel the object can change in a render, even partly, is included.
   */
  public boolean[] silhouette(SceneObject o) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = begin(img, true);
    try {
      o.kind().painter().paint(new Pen(g), o);
    } finally {
      g.dispose();
    }
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    boolean[] m = new boolean[size * size];
    for (int i = 0; i < m.length; i++) {
      m[i] = (px[i] >>> 24) != 0;
    }
    return m;
  }

  /** The visible mask of every object, in scene order (later objects cover earlier ones). */
  public List<boolean[]> instanceMasks(Scene scene) {
    List<boolean[]> raw = new ArrayList<>();
    for (SceneObject o : scene.objects()) {
      raw.add(silhouette(o));
    }
    List<boolean[]> out = new ArrayList<>(raw.size());
    boolean[] covered = new boolean[size * size];
    for (int k = raw.size() - 1; k >= 0; k--) {
      boolean[] m = raw.get(k).clone();
      for (int i = 0; i < m.length; i++) {
        if (covered[i]) {
          m[i] = false;
        }
        if (raw.get(k)[i]) {
          covered[i] = true;
        }
      }
      out.add(0, m);
    }
    return out;
  }

  private Graphics2D begin(BufferedImage img, boolean antialias) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
        antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.scale(size, size);
    return g;
  }

  /** Pixels where two images differ in any channel. */
  public static boolean[] difference(BufferedImage a, BufferedImage b) {
    int w = a.getWidth();
    int h = a.getHeight();
    int[] pa = a.getRGB(0, 0, w, h, null, 0, w);
    int[] pb = b.getRGB(0, 0, w, h, null, 0, w);
    boolean[] m = new boolean[w * h];
    for (int i = 0; i < m.length; i++) {
      m[i] = (pa[i] & 0xFFFFFF) != (pb[i] & 0xFFFFFF);
    }
    return m;
  }

  /** Grows a mask by {@code r} pixels (square neighbourhood), as a row pass then a column pass. */
  public static boolean[] dilate(boolean[] m, int width, int r) {
    int height = m.length / width;
    boolean[] rows = new boolean[m.length];
    for (int y = 0; y < height; y++) {
      int o = y * width;
      for (int x = 0; x < width; x++) {
        if (m[o + x]) {
          for (int xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
            rows[o + xx] = true;
          }
        }
      }
    }
    boolean[] out = new boolean[m.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (rows[y * width + x]) {
          for (int yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
            out[yy * width + x] = true;
          }
        }
      }
    }
    return out;
  }

  /** Element-wise OR. */
  public static boolean[] union(boolean[] a, boolean[] b) {
    boolean[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] |= b[i];
    }
    return out;
  }
}
