package org.reasonbrain.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.reasonbrain.core.io.AtomicFiles;

/**
 * Image input and output in one place: decoding with clear errors, conversion of any colour model
 * (grey, alpha, 16-bit, indexed) to 8-bit sRGB, a header check that rejects huge images before
 * decoding them, and atomic PNG writes.
 */
public final class Images {
  static {
    // ImageIO otherwise buffers every encode through a temporary file on disk.
    ImageIO.setUseCache(false);
  }

  private Images() {}

  /** Raised for an image that cannot be used; the message names the file and the problem. */
  public static final class BadImageException extends IOException {
    public BadImageException(String message) {
      super(message);
    }
  }

  /** Width and height read from an image header without decoding the pixels. */
  public record Dimensions(int width, int height, String format) {}

  /** Reads only the header of {@code bytes}; fails for data no installed decoder recognises. */
  public static Dimensions probe(byte[] bytes, String name) throws BadImageException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadImageException(name + ": not a decodable image (PNG, JPEG, GIF or BMP expected)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new Dimensions(reader.getWidth(0), reader.getHeight(0), reader.getFormatName().toLowerCase());
      } finally {
        reader.dispose();
      }
    } catch (BadImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BadImageException(name + ": unreadable image header (" + e.getMessage() + ")");
    }
  }

  /** Decodes {@code bytes} into 8-bit RGB, refusing images with more than {@code maxPixels} pixels. */
  public static BufferedImage decode(byte[] bytes, String name, long maxPixels) throws BadImageException {
    if (PngCheck.isPng(bytes)) {
      PngCheck.verify(bytes, name);   // CRCs, lengths, IHDR, IEND: ImageIO checks none of them
    }
    Dimensions d = probe(bytes, name);
    if ((long) d.width() * d.height() > maxPixels) {
      throw new BadImageException(name + ": " + d.width() + "x" + d.height() + " has more than "
          + maxPixels + " pixels");
    }
    BufferedImage img;
    try {
      img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new BadImageException(name + ": cannot decode " + d.format() + " image (" + e.getMessage()
          + "; CMYK JPEGs are not supported, convert to RGB first)");
    }
    if (img == null) {
      throw new BadImageException(name + ": not a decodable image");
    }
    return toRgb(img);
  }

  /** Reads a file into 8-bit RGB; the error names the file. */
  public static BufferedImage read(Path file) throws BadImageException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadImageException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return decode(bytes, file.toString(), 64L * 1024 * 1024);
  }

  /** Reads an image from a stream. */
  public static BufferedImage read(InputStream in, String name) throws IOException {
    return decode(in.readAllBytes(), name, 64L * 1024 * 1024);
  }

  /**
   * Converts any colour model to TYPE_INT_RGB. Alpha is composited over white (what a viewer shows),
   * grey is expanded to three channels, 16-bit channels are reduced to 8 bits.
   */
  /** The largest absolute difference over the R, G and B channels of two packed RGB pixels, 0..255. */
  public static int channelDiff(int rgbA, int rgbB) {
    int d = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
      d = Math.max(d, Math.abs(((rgbA >> sh) & 255) - ((rgbB >> sh) & 255)));
    }
    return d;
  }

  public static BufferedImage toRgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, src.getWidth(), src.getHeight());
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Resizes with bilinear filtering (used when an image is not at the model's resolution). */
  public static BufferedImage resize(BufferedImage src, int width, int height) {
    if (src.getWidth() == width && src.getHeight() == height) {
      return src;
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
          java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Resizes by area averaging: each output pixel is the mean of the input pixels its footprint covers, each
   * weighted by the share of it that is covered (exact box filtering, any ratio, each axis on its own). Shrinking by
   * a whole factor gives the plain mean of each block; the mean colour of the image is kept. This is the resize
   * for images larger than wanted (an external editor's 1024-px edit judged at 64 px), where bilinear filtering
   * reads only a few input pixels per output pixel and aliases.
   */
  public static BufferedImage resizeArea(BufferedImage src, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("resize to " + width + "x" + height + ": both sides must be at least 1");
    }
    BufferedImage rgb = toRgb(src);
    if (rgb.getWidth() == width && rgb.getHeight() == height) {
      return rgb;
    }
    int w0 = rgb.getWidth();
    int h0 = rgb.getHeight();
    float[] in = toFloatHwc(rgb);                                         // [h0, w0, 3]
    float[] rows = new float[h0 * width * 3];                            // [h0, w0, 3] -> [h0, width, 3]
    boxAxis(in, rows, h0, w0, width);
    float[] cols = transpose(rows, h0, width);                           // [width, h0, 3]
    float[] out = new float[width * height * 3];                         // [width, h0, 3] -> [width, height, 3]
    boxAxis(cols, out, width, h0, height);
    return fromFloatHwc(transpose(out, width, height), width, height);   // [height, width, 3]
  }

  /** Box-filters the inner axis of {@code in} [outer, from, 3] into {@code out} [outer, to, 3]. */
  private static void boxAxis(float[] in, float[] out, int outer, int from, int to) {
    double scale = from / (double) to;                     // input pixels per output pixel
    for (int o = 0; o < to; o++) {
      double lo = o * scale;
      double hi = (o + 1) * scale;
      int first = (int) Math.floor(lo);
      int last = Math.min(from - 1, (int) Math.ceil(hi) - 1);
      for (int r = 0; r < outer; r++) {
        double sr = 0;
        double sg = 0;
        double sb = 0;
        for (int i = first; i <= last; i++) {
          double wgt = Math.min(hi, i + 1) - Math.max(lo, i);   // the covered share of input pixel i
          int k = 3 * (r * from + i);
          sr += wgt * in[k];
          sg += wgt * in[k + 1];
          sb += wgt * in[k + 2];
        }
        int k = 3 * (r * to + o);
        out[k] = (float) (sr / scale);
        out[k + 1] = (float) (sg / scale);
        out[k + 2] = (float) (sb / scale);
      }
    }
  }

  /** [a, b, 3] -> [b, a, 3]. */
  private static float[] transpose(float[] in, int a, int b) {
    float[] out = new float[in.length];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        System.arraycopy(in, 3 * (i * b + j), out, 3 * (j * a + i), 3);
      }
    }
    return out;
  }

  /** Encodes as PNG bytes. */
  public static byte[] pngBytes(BufferedImage img) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      if (!ImageIO.write(img, "png", bos)) {
        throw new IllegalStateException("no PNG writer installed");
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("PNG encoding failed", e);
    }
  }

  /** Writes a PNG atomically. */
  public static void writePng(Path file, BufferedImage img) throws IOException {
    byte[] bytes = pngBytes(img);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** Writes a PNG directly (for files inside a folder that is itself renamed into place when complete). */
  public static void writePngDirect(Path file, BufferedImage img) throws IOException {
    Files.write(file, pngBytes(img));
  }

  /** A binary mask as a black/white 8-bit grey image. */
  public static BufferedImage maskImage(boolean[] mask, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < mask.length; i++) {
      data[i] = mask[i] ? (byte) 255 : 0;
    }
    return out;
  }

  /** Reads a mask image: a pixel is in the mask when its brightness is above half. */
  public static boolean[] readMask(Path file, int width, int height) throws BadImageException {
    BufferedImage img = read(file);
    if (img.getWidth() != width || img.getHeight() != height) {
      throw new BadImageException(file + ": mask is " + img.getWidth() + "x" + img.getHeight()
          + ", expected " + width + "x" + height);
    }
    boolean[] mask = new boolean[width * height];
    int[] px = img.getRGB(0, 0, width, height, null, 0, width);
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      int lum = ((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255);
      mask[i] = lum > 3 * 127;
    }
    return mask;
  }

  /** Pixels as floats in [0, 1], layout [H, W, 3]. */
  public static float[] toFloatHwc(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = toRgb(img).getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[w * h * 3];
    for (int i = 0; i < px.length; i++) {
      out[3 * i] = ((px[i] >> 16) & 255) / 255f;
      out[3 * i + 1] = ((px[i] >> 8) & 255) / 255f;
      out[3 * i + 2] = (px[i] & 255) / 255f;
    }
    return out;
  }

  /** Inverse of {@link #toFloatHwc}: clamps to [0, 1] and rounds to 8 bits. */
  public static BufferedImage fromFloatHwc(float[] hwc, int width, int height) {
    if (hwc.length != width * height * 3) {
      throw new IllegalArgumentException("expected " + (width * height * 3) + " values for "
          + width + "x" + height + "x3, got " + hwc.length);
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] px = new int[width * height];
    for (int i = 0; i < px.length; i++) {
      int r = to8(hwc[3 * i]);
      int g = to8(hwc[3 * i + 1]);
      int b = to8(hwc[3 * i + 2]);
      px[i] = (r << 16) | (g << 8) | b;
    }
    out.setRGB(0, 0, width, height, px, 0, width);
    return out;
  }

  /**
   * Writes an RGB image as channel-first floats in [-1, 1] (the networks' input layout) into
   * {@code out} at batch slot {@code slot}.
   */
  public static void toChwSigned(BufferedImage img, float[] out, int slot) {
    int w = img.getWidth();
    int plane = w * img.getHeight();
    int[] px = toRgb(img).getRGB(0, 0, w, img.getHeight(), null, 0, w);
    int base = slot * 3 * plane;
    for (int p = 0; p < plane; p++) {
      out[base + p] = ((px[p] >> 16) & 255) / 127.5f - 1f;
      out[base + plane + p] = ((px[p] >> 8) & 255) / 127.5f - 1f;
      out[base + 2 * plane + p] = (px[p] & 255) / 127.5f - 1f;
    }
  }

  /** Inverse of {@link #toChwSigned} for one image of {@code size} x {@code size}. */
  public static BufferedImage fromChwSigned(float[] chw, int size) {
    int plane = size * size;
    float[] hwc = new float[3 * plane];
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        hwc[3 * p + c] = (chw[c * plane + p] + 1f) / 2f;
      }
    }
    return fromFloatHwc(hwc, size, size);
  }

  private static int to8(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255f)));
  }
}
