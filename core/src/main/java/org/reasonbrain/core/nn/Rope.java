package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding (Su et al., as in LLaMA, "rotate half" layout): for position t and pair
 * i, (x1, x2) -> (x1 cos - x2 sin, x1 sin + x2 cos) with angle t / base^(2i / d).
 */
public final class Rope {
  private final int headDim;
  private final double base;
  private final java.util.Map<Integer, float[][]> tables = new java.util.concurrent.ConcurrentHashMap<>();

  public Rope(int headDim, double base) {
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("RoPE needs an even head dimension, got " + headDim);
    }
    this.headDim = headDim;
    this.base = base;
  }

  /** The cos and sin tables [T x D/2] of a sequence length, computed once per length. */
  private float[][] table(int t) {
    int half = headDim / 2;
    float[] cos = new float[t * half];
    float[] sin = new float[cos.length];
    for (int p = 0; p < t; p++) {
      for (int i = 0; i < half; i++) {
        double angle = p / Math.pow(base, 2.0 * i / headDim);
        cos[p * half + i] = (float) Math.cos(angle);
        sin[p * half + i] = (float) Math.sin(angle);
      }
    }
    return new float[][] {cos, sin};
  }

  /** Applies the rotation to q or k of shape [B, H, T, D]. */
  public NDArray apply(NDArray x) {
    long t = x.getShape().get(2);
    int half = headDim / 2;
    float[][] table = tables.computeIfAbsent((int) t, this::table);
    NDManager m = x.getManager();
    NDArray c = m.create(table[0], new Shape(t, half));
    NDArray s = m.create(table[1], new Shape(t, half));
    NDArray[] h = Ops.halves(x);
    NDArray r1 = h[0].mul(c).sub(h[1].mul(s));
    NDArray r2 = h[0].mul(s).add(h[1].mul(c));
    return r1.concat(r2, Ops.last(x));
  }
}
