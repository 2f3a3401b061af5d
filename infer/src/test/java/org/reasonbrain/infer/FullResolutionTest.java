package org.reasonbrain.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FullResolutionTest {
  /** A detailed original: a fine checkerboard that a 64 px round trip would blur. */
  static BufferedImage original(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((x / 2 + y / 2) % 2 == 0) ? 0x306090 : 0x90C0F0);
      }
    }
    return img;
  }

  @Test
  void theChangeIsCarriedAndTheRestKeepsFullResolution() {
    BufferedImage orig = original(300, 200);
    // The model's view: the centred 200x200 square at 64 px, with a red square painted in its top-left quarter.
    BufferedImage edit = EditPipeline.squareResize(orig, 64);
    BufferedImage e2 = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    e2.getGraphics().drawImage(edit, 0, 0, null);
    var g = e2.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(8, 8, 16, 16);
    g.dispose();
    BufferedImage out = FullResolution.carry(orig, e2);
    assertEquals(300, out.getWidth());
    assertEquals(200, out.getHeight());
    // Inside the painted square (crop offset 50, scale 200/64): red.
    int inside = out.getRGB(50 + 16 * 200 / 64, 16 * 200 / 64);
    assertTrue(((inside >> 16) & 255) > 200 && (inside & 255) < 60, Integer.toHexString(inside));
    // Far from it, and outside the crop: the original pixels, exactly.
    for (int[] p : new int[][] {{10, 10}, {290, 190}, {250, 150}, {120, 180}}) {
      assertEquals(orig.getRGB(p[0], p[1]), out.getRGB(p[0], p[1]), p[0] + "," + p[1]);
    }
    // An edit that changed nothing returns the original unchanged.
    BufferedImage same = FullResolution.carry(orig, EditPipeline.squareResize(orig, 64));
    int diff = 0;
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        diff += same.getRGB(x, y) == orig.getRGB(x, y) ? 0 : 1;
      }
    }
    assertEquals(0, diff);
    assertThrows(IllegalArgumentException.class, () -> FullResolution.carry(orig, new BufferedImage(64, 32, 1)));
  }
}
