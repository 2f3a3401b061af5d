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
}
