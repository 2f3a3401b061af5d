package org.reasonbrain.infer;

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
}
