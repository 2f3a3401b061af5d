package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The DJL workarounds in one place: DJL fails on negative axes in some ops, so every helper takes
 * the last axis by its positive number; there is no fused attention op, so attention is composed; there
 * is no group norm op, so {@link GroupNorm} runs {@link #layerNorm} (libtorch's fused layer norm) over each
 * group; layer norm and linear layers go through libtorch's fused kernels here.
 *
 * <p>Scalars: {@code x.mul(0.5f)} in DJL's PyTorch engine wraps the number in a tensor that borrows a
 * Java direct buffer, uses it, and closes it at once; autograd keeps that tensor for the backward
 * pass, and once the garbage collector frees the buffer the gradients are computed from freed memory
 * (seen here as random zero or NaN gradients after a GC between forward and backward). Differentiated
 * code therefore multiplies, divides and clamps by scalars only through {@link #mul}, {@link #div} and
 * {@link #atLeast}, which use a scalar tensor that owns its memory.
 */
public final class Ops {
  private Ops() {}

  /** A scalar tensor owning its memory (a libtorch copy), attached to {@code like}'s manager. */
  public static NDArray scalar(NDArray like, float v) {
    try (NDArray borrowed = like.getManager().create(v)) {
      NDArray owned = borrowed.duplicate();
      owned.attach(like.getManager());
      return owned;
    }
  }

  /** x * v, safe under autograd. */
  public static NDArray mul(NDArray x, double v) {
    return x.mul(scalar(x, (float) v));
  }

  /** x / v, safe under autograd. */
  public static NDArray div(NDArray x, double v) {
    return x.div(scalar(x, (float) v));
  }

  /** x + v, safe under autograd. */
  public static NDArray add(NDArray x, double v) {
    return x.add(scalar(x, (float) v));
  }

  /** max(x, v) element-wise, safe under autograd. */
  public static NDArray atLeast(NDArray x, double v) {
    return x.maximum(scalar(x, (float) v));
  }

  /**
   * Layer norm over the last axis, (x - mean) / sqrt(var + eps) * gain + bias, by libtorch's fused op
   * (torch.nn.functional.layer_norm: one node forward and backward; the composed form took about eight).
   */
  public static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias, float eps) {
    return ai.djl.nn.norm.LayerNorm.layerNorm(x, new ai.djl.ndarray.types.Shape(x.getShape().get(last(x))), gain, bias, eps).get(0);
  }

  /**
   * x W^T (+ b) on the last axis, weight [out, in], by libtorch's linear (one node: no transposed copy of the
   * weight and no separate bias add).
   */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return (bias == null ? ai.djl.nn.core.Linear.linear(x, weight) : ai.djl.nn.core.Linear.linear(x, weight, bias)).get(0);
  }

  /** The positive index of the last axis. */
  public static int last(NDArray x) {
    return x.getShape().dimension() - 1;
  }

  /** Softmax over the last axis. */
  public static NDArray softmaxLast(NDArray x) {
    return x.softmax(last(x));
  }

  /** Mean over the last axis, keeping it as size 1. */
  public static NDArray meanLast(NDArray x) {
    return x.mean(new int[] {last(x)}, true);
  }

  /** The first and second half of the last axis. */
  public static NDArray[] halves(NDArray x) {
    long d = x.getShape().get(last(x));
    if (d % 2 != 0) {
      throw new IllegalArgumentException("last dimension must be even, got shape " + x.getShape());
    }
    return new NDArray[] {x.get(new NDIndex("..., :" + d / 2)), x.get(new NDIndex("..., " + d / 2 + ":"))};
  }

  /** [B, T, H*D] -> [B, H, T, D]. */
  public static NDArray splitHeads(NDArray x, int heads) {
    Shape s = x.getShape();
    long b = s.get(0);
    long t = s.get(1);
    long c = s.get(2);
    if (c % heads != 0) {
      throw new IllegalArgumentException("width " + c + " is not divisible by " + heads + " heads");
    }
    return x.reshape(b, t, heads, c / heads).transpose(0, 2, 1, 3);
  }

  /** [B, H, T, D] -> [B, T, H*D]. */
  public static NDArray mergeHeads(NDArray x) {
    Shape s = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
  }

  /** Mean squared error over all elements. */
  public static NDArray mse(NDArray a, NDArray b) {
    return a.sub(b).square().mean();
  }

  /** SiLU (x * sigmoid(x)). */
  public static NDArray silu(NDArray x) {
    return x.mul(ai.djl.nn.Activation.sigmoid(x));
  }

  /** Nearest-neighbour 2x upsampling of [B, C, H, W] (DJL has no transposed convolution). */
  public static NDArray upsample2x(NDArray x) {
    return x.repeat(2, 2).repeat(3, 2);
  }

  /** Sinusoidal timestep embedding [B] -> [B, dim] (as in DDPM / diffusers). */
  public static NDArray timestepEmbedding(ai.djl.ndarray.NDManager m, int[] t, int dim) {
    int half = dim / 2;
    float[] out = new float[t.length * dim];
    for (int b = 0; b < t.length; b++) {
      for (int i = 0; i < half; i++) {
        double f = Math.exp(-Math.log(10000) * i / half);
        out[b * dim + i] = (float) Math.sin(t[b] * f);
        out[b * dim + half + i] = (float) Math.cos(t[b] * f);
      }
    }
    return m.create(out, new Shape(t.length, dim));
  }

  /** [B, C, H, W] -> [B, H*W, C] tokens. */
  public static NDArray toTokens(NDArray x) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
  }

  /** [B, H*W, C] tokens -> [B, C, H, W]. */
  public static NDArray fromTokens(NDArray x, long h, long w) {
    Shape s = x.getShape();
    return x.transpose(0, 2, 1).reshape(s.get(0), s.get(2), h, w);
  }
}
