package org.reasonbrain.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Names the reasoning category of an instruction (physical, temporal, causal, story) zero-shot: the
 * category whose description is nearest in MiniLM's sentence space.
 */
final class CategoryGuesser {
  static final List<String> NAMES = List.of("physical", "temporal", "causal", "story");
  private static final List<String> DESCRIPTIONS = List.of(
      "physics: melting in the sun, freezing, heavy and light weights, falling and breaking, rolling down, floating and sinking, magnets",
      "time passing: hours, days, weeks, years, seasons, growing, ripening, fading, burning down, sunset and night",
      "cause and effect: a push, a switch, wind from a fan, rain, a ball kicked, fire from a match, a chain reaction",
      "a story or fairy tale: a knight, a princess, magic, a spell, a treasure chest, a fairy godmother");

  private final org.reasonbrain.model.encoders.TextEncoder text;
  private final float[][] prototypes;

  CategoryGuesser(org.reasonbrain.model.encoders.TextEncoder text, NDManager m) {
    this.text = text;
    try (NDManager s = m.newSubManager()) {
      NDArray p = text.pooled(s, DESCRIPTIONS);
      prototypes = new float[DESCRIPTIONS.size()][];
      for (int i = 0; i < prototypes.length; i++) {
        prototypes[i] = normalize(p.get(i).toFloatArray());
      }
    }
  }

  String guess(String instruction) {
    float[] v;
    try (NDManager s = NDManager.newBaseManager()) {
      v = normalize(text.pooled(s, List.of(instruction)).get(0).toFloatArray());
    }
    int best = 0;
    double bestScore = -2;
    for (int i = 0; i < prototypes.length; i++) {
      double d = 0;
      for (int j = 0; j < v.length; j++) {
        d += v[j] * prototypes[i][j];
      }
      if (d > bestScore) {
        bestScore = d;
        best = i;
      }
    }
    return NAMES.get(best);
  }

  private static float[] normalize(float[] x) {
    double n = 0;
    for (float f : x) {
      n += f * f;
    }
    float s = (float) (1 / Math.sqrt(Math.max(n, 1e-12)));
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * s;
    }
    return out;
  }
}
