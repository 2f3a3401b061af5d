package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The DJL workarounds in one place: DJL fails on negative axes in some ops, so every helper takes
 * the last axis by its positive number; there is no fused attention or group norm op, so they are
 * composed here.
 */
public final class Ops {
  private Ops() {}

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
}
