package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Multi-head attention: queries from x, keys and values from {@code context} (x itself for
 * self-attention), optional causal mask and RoPE. The q/k/v/o projections can carry LoRA adapters.
 */
public final class Attention extends Module {
  private final int heads;
  private final int dim;
  private final LoraLinear q;
  private final LoraLinear k;
  private final LoraLinear v;
  private final LoraLinear o;
  private final Rope rope;

  /**
   * @param dim query width; {@code contextDim} the key/value input width
   * @param loraRank 0 for none
   */
  public Attention(NDManager m, Random r, int dim, int contextDim, int heads, boolean rope, int loraRank, double loraAlpha) {
    if (dim % heads != 0) {
      throw new IllegalArgumentException("width " + dim + " is not divisible by " + heads + " heads");
    }
    this.heads = heads;
    this.dim = dim;
    this.q = child("q", new LoraLinear(m, r, dim, dim, false, loraRank, loraAlpha));
    this.k = child("k", new LoraLinear(m, r, contextDim, dim, false, loraRank, loraAlpha));
    this.v = child("v", new LoraLinear(m, r, contextDim, dim, false, loraRank, loraAlpha));
    this.o = child("o", new LoraLinear(m, r, dim, dim, false, loraRank, loraAlpha));
    this.rope = rope ? new Rope(dim / heads, 10000) : null;
  }

  /** Additive causal masks [T x T] (0 on and below the diagonal, -1e9 above) by length, built once each. */
  private static final java.util.Map<Integer, float[]> CAUSAL = new java.util.concurrent.ConcurrentHashMap<>();

  private static float[] causalMask(int t) {
    float[] mask = new float[t * t];
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        mask[i * t + j] = -1e9f;
      }
    }
    return mask;
  }

  /** Self-attention, [B, T, C] -> [B, T, C]. */
  public NDArray forward(NDArray x, boolean causal) {
    return forward(x, x, causal);
  }

  /** Cross-attention: x [B, T, C] attends to context [B, S, Cc]; returns [B, T, C]. */
  public NDArray forward(NDArray x, NDArray context, boolean causal) {
    expectLastDim(x, dim);
    long t = x.getShape().get(1);
    long s = context.getShape().get(1);
    NDArray qh = Ops.splitHeads(q.forward(x), heads);       // [B, H, T, D]
    NDArray kh = Ops.splitHeads(k.forward(context), heads); // [B, H, S, D]
    NDArray vh = Ops.splitHeads(v.forward(context), heads); // [B, H, S, D]
    if (rope != null) {
      qh = rope.apply(qh);
      kh = rope.apply(kh);
    }
    // The 1/sqrt(D) scale goes on q ([B, H, T, D]), not on the scores ([B, H, T, S], S >> D in the UNet).
    double scale = 1.0 / Math.sqrt(dim / (double) heads);
    NDArray scores = Ops.mul(qh, scale).matMul(kh.transpose(0, 1, 3, 2)); // [B, H, T, S]
    if (causal) {
      if (t != s) {
        throw new IllegalArgumentException("a causal mask needs as many keys as queries, got " + t + " and " + s);
      }
      scores = scores.add(x.getManager().create(CAUSAL.computeIfAbsent((int) t, Attention::causalMask), new Shape(t, s)));
    }
    NDArray att = Ops.softmaxLast(scores);
    return o.forward(Ops.mergeHeads(att.matMul(vh)));        // [B, T, C]
  }
}
