package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reasonbrain.core.io.Safetensors;

/** export --decoder's encoder check: the same encoder at an export's half precision fits; another does not. */
class DecoderSwapTest {
  @Test
  void anEncoderRoundedToHalfPrecisionIsTheSameEncoder() {
    float[] run = {0.123456789f, -1.5e-3f, 3.14159265f, 0f};
    float[] exported = new float[run.length];
    for (int i = 0; i < run.length; i++) {
      exported[i] = Safetensors.Tensor.halfToFloat(Safetensors.Tensor.floatToHalf(run[i]));
    }
    assertFalse(java.util.Arrays.equals(run, exported), "rounding moved some weight, or the test proves nothing");
    assertTrue(ModelExportCommand.sameAtHalfPrecision(run, exported));
    float[] other = exported.clone();
    other[2] += 0.01f;
    assertFalse(ModelExportCommand.sameAtHalfPrecision(run, other), "a weight moved beyond half precision");
    assertFalse(ModelExportCommand.sameAtHalfPrecision(run, new float[3]), "another shape");
  }
}
