package org.reasonbrain.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngCheckTest {
  static byte[] png(BufferedImage img) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static String refusal(byte[] bytes) {
    return assertThrows(Images.BadImageException.class, () -> Images.decode(bytes, "in.png", 1 << 20)).getMessage();
  }

  @Test
  void corruptAndTruncatedPngsAreRefusedWithOneClearMessage() throws Exception {
    BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0xFF0000);
    byte[] good = png(img);
    assertEquals(20, Images.decode(good, "in.png", 1 << 20).getWidth());
    // A flipped bit inside the pixel data: ImageIO alone decodes it; the CRC catches it.
    byte[] flipped = good.clone();
    flipped[good.length - 20] ^= 0x01;
    String m = refusal(flipped);
    assertTrue(m.startsWith("in.png: corrupt PNG (CRC mismatch in chunk"), m);
    // Cut short, in a chunk and between chunks.
    assertTrue(refusal(Arrays.copyOf(good, good.length - 5)).contains("truncated PNG"));
    assertTrue(refusal(Arrays.copyOf(good, good.length - 12)).contains("no IEND"));
    // A huge declared length is refused before anything is allocated for it.
    byte[] huge = good.clone();
    huge[33] = 0x7F;
    assertTrue(refusal(huge).contains("truncated PNG"), refusal(huge));
    // A zero width with a valid CRC.
    byte[] zero = good.clone();
    Arrays.fill(zero, 16, 20, (byte) 0);
    CRC32 crc = new CRC32();
    crc.update(zero, 12, 17);
    long c = crc.getValue();
    zero[29] = (byte) (c >>> 24);
    zero[30] = (byte) (c >>> 16);
    zero[31] = (byte) (c >>> 8);
    zero[32] = (byte) c;
    assertTrue(refusal(zero).contains("zero-size PNG"), refusal(zero));
  }

  @Test
  void unusualButValidImagesStillDecode() throws Exception {
    byte[] r = {0, (byte) 255};
    IndexColorModel palette = new IndexColorModel(1, 2, r, r, r);
    for (BufferedImage img : new BufferedImage[] {new BufferedImage(7, 3, BufferedImage.TYPE_BYTE_GRAY),
        new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB), new BufferedImage(9, 2, BufferedImage.TYPE_USHORT_GRAY),
        new BufferedImage(4, 6, BufferedImage.TYPE_BYTE_BINARY, palette)}) {
      BufferedImage back = Images.decode(png(img), "odd.png", 1 << 20);
      assertEquals(img.getWidth(), back.getWidth());
      assertEquals(BufferedImage.TYPE_INT_RGB, back.getType());
    }
    for (String fmt : new String[] {"jpg", "gif", "bmp"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), fmt, out);
      assertEquals(8, Images.decode(out.toByteArray(), "x." + fmt, 1 << 20).getHeight(), fmt);
    }
  }
}
