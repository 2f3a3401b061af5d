package org.reasonbrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;
import org.reasonbrain.model.encoders.TextEncoder;

class TextEncoderTest {
  @Test
  void miniLmGivesTokenFeaturesAndBertIds() {
    try (MiniLmTextEncoder enc = new MiniLmTextEncoder(); NDManager m = NDManager.newBaseManager()) {
      // BERT uncased: [CLS] hello world ! [SEP]
      assertArrayEquals(new int[] {101, 7592, 2088, 999, 102}, enc.tokenizer().encode("Hello, World!".replace(",", "")));
      TextEncoder.Features f = enc.encode(m, List.of("What if the ice cube was left in the sun?", "melt"), 32);
      assertEquals(2, f.tokens().getShape().get(0));
      assertEquals(384, f.tokens().getShape().get(2));
      long t = f.tokens().getShape().get(1);
      assertEquals(new Shape(2, t), f.mask().getShape());
      assertEquals(3f, f.mask().get(1).sum().getFloat()); // [CLS] melt [SEP]
      var pooled = enc.pooled(m, List.of("an ice cube", "a block of ice", "a bowling ball"));
      float same = cosine(pooled.get(0).toFloatArray(), pooled.get(1).toFloatArray());
      float other = cosine(pooled.get(0).toFloatArray(), pooled.get(2).toFloatArray());
      assertTrue(same > other, "synonyms are closer: " + same + " vs " + other);
    }
  }

  private static float cosine(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return (float) (d / Math.sqrt(na * nb));
  }
}
