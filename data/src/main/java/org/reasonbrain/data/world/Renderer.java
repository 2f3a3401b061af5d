package org.reasonbrain.data.world;

import java.awt.Color;
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

  /** The pixels one object covers when drawn alone (not yet minus occluders). */
  public boolean[] silhouette(SceneObject o) {
    int[] onBlack = alone(o, Color.BLACK);
    int[] onWhite = alone(o, Color.WHITE);
    boolean[] m = new boolean[size * size];
    for (int i = 0; i < m.length; i++) {
      m[i] = (onBlack[i] & 0xFFFFFF) != 0 || (onWhite[i] & 0xFFFFFF) != 0xFFFFFF;
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

  private int[] alone(SceneObject o, Color background) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = begin(img, false);
    try {
      g.setColor(background);
      g.fillRect(0, 0, 1, 1);
      o.kind().painter().paint(new Pen(g), o);
    } finally {
      g.dispose();
    }
    return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
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

  /** Grows a mask by {@code r} pixels (square neighbourhood). */
  public static boolean[] dilate(boolean[] m, int width, int r) {
    int height = m.length / width;
    boolean[] out = new boolean[m.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (!m[y * width + x]) {
          continue;
        }
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
              out[yy * width + xx] = true;
            }
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
