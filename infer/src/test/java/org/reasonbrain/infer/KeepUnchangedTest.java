package org.reasonbrain.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The mask of {@link KeepUnchanged}: which pixels come from the edit and which from the source. */
class KeepUnchangedTest {
  @Test
  void aChangedCellTakesTheEditGrownByOneCellAndSoftenedAtItsEdge() {
    int size = 16;
    int lh = 4;
    float[] change = new float[lh * lh];
    change[1 * lh + 1] = 0.5f;                          // cell (1, 1) changed: pixels 4..7 of each axis
    change[3 * lh + 3] = 0.05f;                         // below the threshold
    float[] edit = new float[3 * size * size];
    float[] source = new float[edit.length];
    java.util.Arrays.fill(edit, 1f);
    java.util.Arrays.fill(source, -1f);
    float[] out = KeepUnchanged.blend(edit, source, change, 1, lh, lh, size, 0.1);
    // Grown by one cell: cells 0..2 on both axes are the edit's, pixels 0..11; pixel 13 on is the source's.
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(1f, out[ch * size * size + 5 * size + 5], 1e-6, "the changed cell itself");
      assertEquals(1f, out[ch * size * size + 1 * size + 10], 1e-6, "a neighbouring cell");
      assertEquals(-1f, out[ch * size * size + 14 * size + 14], 1e-6, "the cell below the threshold stays the source");
      assertEquals(-1f, out[ch * size * size + 2 * size + 14], 1e-6, "a far cell stays the source");
    }
    // At the mask's edge (pixel 11 | 12) the box filter mixes: 2 of 3 columns are the edit's.
    float[] w = KeepUnchanged.mask(change, 0, lh, lh, size, 0.1);
    assertEquals(2f / 3, w[5 * size + 11], 1e-6);
    assertEquals(1f / 3, w[5 * size + 12], 1e-6);
    assertEquals(0f, w[5 * size + 13], 1e-6);
  }

  @Test
  void badShapesAndThresholdsAreRefused() {
    float[] img = new float[3 * 16 * 16];
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blend(img, img, new float[16], 1, 4, 4, 16, 0));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blend(img, img, new float[15], 1, 4, 4, 16, 0.1));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blend(img, new float[3], new float[16], 1, 4, 4, 16, 0.1));
  }

  @Test
  void pixelsTheEditDrawsAsTheSourceDoesAreTheSourcesOwn() {
    int size = 8;
    int px = size * size;
    float[] source = new float[3 * px];
    float[] reference = new float[3 * px];
    float[] edit = new float[3 * px];
    for (int q = 0; q < source.length; q++) {
      source[q] = 0.9f;                                   // the real source: not what the decoder draws
      reference[q] = 0.2f;
      edit[q] = 0.2f + 0.1f;                               // d = 0.05 everywhere: a smear, below the threshold
    }
    int far = 6 * size + 6;
    edit[2 * size + 2] = 0.2f + 0.6f;                      // pixel (2, 2) of channel 0: d = 0.3 >= 2 x 0.1, the edit's
    edit[px + 2 * size + 5] = 0.2f + 0.3f;                 // pixel (2, 5) of channel 1: d = 0.15, halfway up the ramp
    float[] out = KeepUnchanged.blendPixels(edit, reference, source, null, 1, 1, 1, size, 0.1);
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(edit[ch * px + 2 * size + 2], out[ch * px + 2 * size + 2], 1e-6, "the changed pixel is the edit's in every channel");
      assertEquals(edit[ch * px + 3 * size + 3], out[ch * px + 3 * size + 3], 1e-6, "its neighbour too (the rim of a change)");
      assertEquals(0.9f, out[ch * px + far], 1e-6, "a pixel drawn within the threshold is the source's");
      assertEquals(0.9f, out[ch * px + 5 * size + 2], 1e-6, "three pixels from any change: the source's");
      float w = 0.5f;                                      // (0.15 - 0.1) / 0.1
      assertEquals(w * edit[ch * px + 2 * size + 5] + (1 - w) * 0.9f, out[ch * px + 2 * size + 5], 1e-6, "on the ramp: a mix");
    }
    assertArrayEquals(source, KeepUnchanged.blendPixels(reference, reference, source, null, 1, 1, 1, size, 0.01), "drawn as the source: the source");
    // The cells the edit is about (here the bottom-right of a 2 x 2 latent: pixels 4..7 of each axis) are the edit's.
    float[] cells = {0, 0, 0, 1};
    float[] withCells = KeepUnchanged.blendPixels(edit, reference, source, cells, 2, 2, 1, size, 0.1);
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(edit[ch * px + far], withCells[ch * px + far], 1e-6, "inside an edit cell: the edit, however small its change");
      assertEquals(edit[ch * px + 4 * size + 4], withCells[ch * px + 4 * size + 4], 1e-6);
      assertEquals(0.9f, withCells[ch * px + 5 * size + 2], 1e-6, "outside: as before");
      assertEquals(out[ch * px + 2 * size + 5], withCells[ch * px + 2 * size + 5], 1e-6);
    }
  }

  @Test
  void badPixelThresholdsAndShapesAreRefused() {
    float[] img = new float[3 * 4 * 4];
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, img, null, 1, 1, 1, 4, 0));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, img, null, 1, 1, 1, 4, 0.6));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, img, null, 1, 1, 1, 4, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, new float[3], null, 1, 1, 1, 4, 0.1));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, img, null, 1, 1, 2, 4, 0.1));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, img, new float[3], 2, 2, 1, 4, 0.1));
    assertThrows(IllegalArgumentException.class, () -> KeepUnchanged.blendPixels(img, img, img, new float[9], 3, 3, 1, 4, 0.1));
  }
}
