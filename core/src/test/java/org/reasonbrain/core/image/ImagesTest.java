package org.reasonbrain.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
  private static byte[] png(BufferedImage img) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ImageIO.write(img, "png", b);
    return b.toByteArray();
  }

  @Test
  void greyAlphaAnd16BitBecomeRgb() throws Exception {
    for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_USHORT_GRAY}) {
      BufferedImage img = new BufferedImage(5, 7, type);
      BufferedImage rgb = Images.decode(png(img), "x.png", 1000);
      assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
      assertEquals(5, rgb.getWidth());
      assertEquals(7, rgb.getHeight());
    }
    // Fully transparent pixels are composited over white.
    BufferedImage clear = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    assertEquals(0xFFFFFF, Images.decode(png(clear), "clear.png", 100).getRGB(0, 0) & 0xFFFFFF);
  }

  @Test
  void garbageAndHugeImagesAreRefusedWithTheirName() throws Exception {
    var e = assertThrows(Images.BadImageException.class, () -> Images.decode("not an image".getBytes(), "notes.txt", 100));
    assertTrue(e.getMessage().contains("notes.txt"));
    byte[] big = png(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB));
    var e2 = assertThrows(Images.BadImageException.class, () -> Images.decode(big, "big.png", 5000));
    assertTrue(e2.getMessage().contains("100x100"));
  }

  @Test
  void pngAndMaskRoundTrip(@TempDir Path dir) throws Exception {
    float[] px = new float[4 * 3 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i % 7) / 6f;
    }
    Path f = dir.resolve("a.png");
    Images.writePng(f, Images.fromFloatHwc(px, 4, 3));
    float[] back = Images.toFloatHwc(Images.read(f));
    for (int i = 0; i < px.length; i++) {
      assertEquals(px[i], back[i], 0.5 / 255 + 1e-6);
    }
    boolean[] m = {true, false, false, true, true, false};
    Images.writePng(dir.resolve("m.png"), Images.maskImage(m, 3, 2));
    assertTrue(java.util.Arrays.equals(m, Images.readMask(dir.resolve("m.png"), 3, 2)));
    assertThrows(Images.BadImageException.class, () -> Images.readMask(dir.resolve("m.png"), 2, 3));
    try (var s = Files.list(dir)) {
      assertEquals(2, s.count(), "no temporary files are left behind");
    }
  }

  @Test
  void areaResizeAveragesBlocksAndKeepsTheMeanColour() {
    // A 2x2 checker of black and white shrunk by 2 is a flat grey; bilinear filtering reads one corner and stays black or white.
    BufferedImage checker = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
      }
    }
    BufferedImage half = Images.resizeArea(checker, 4, 3);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(128, half.getRGB(x, y) & 255, "pixel " + x + "," + y);
      }
    }
    // An image blown up by whole factors (each pixel a 3x3 block) comes back exactly.
    BufferedImage small = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(3);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        small.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    BufferedImage big = new BufferedImage(15, 12, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 15; x++) {
        big.setRGB(x, y, small.getRGB(x / 3, y / 3));
      }
    }
    BufferedImage back = Images.resizeArea(big, 5, 4);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        assertEquals(small.getRGB(x, y), back.getRGB(x, y));
      }
    }
    // Any ratio keeps the mean colour (to 8-bit rounding); the same size is the identity.
    BufferedImage odd = Images.resizeArea(big, 7, 5);
    assertEquals(mean(big), mean(odd), 1.0);
    assertEquals(mean(big), mean(Images.resizeArea(big, 40, 33)), 1.0);
    assertEquals(big.getRGB(4, 7), Images.resizeArea(big, 15, 12).getRGB(4, 7));
    assertThrows(IllegalArgumentException.class, () -> Images.resizeArea(big, 0, 3));
  }

  /** Mean of the red channel, 0..255. */
  private static double mean(BufferedImage img) {
    double s = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        s += (img.getRGB(x, y) >> 16) & 255;
      }
    }
    return s / (img.getWidth() * img.getHeight());
  }
}
