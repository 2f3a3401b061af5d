package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * A linear layer with a low-rank adapter (Hu et al., LoRA): y = x W^T + b + (alpha / r) (x A^T) B^T.
 * A starts random, B at zero, so the adapter starts as the identity change; with the adapter on, the
 * base W and b are frozen and only A and B train. Rank 0 means no adapter.
 */
public final class LoraLinear extends Linear {
  private final int rank;
  private final float scale;
  private final Parameter a;
  private final Parameter b;

  public LoraLinear(NDManager m, Random r, int in, int out, boolean bias, int rank, double alpha) {
    super(m, r, in, out, bias);
    this.rank = rank;
    this.scale = rank == 0 ? 0 : (float) (alpha / rank);
    if (rank > 0) {
      this.a = parameter(m, "lora_a", normal(r, 1.0 / Math.sqrt(in), (long) rank * in), new Shape(rank, in));
      this.b = parameter(m, "lora_b", new float[out * rank], new Shape(out, rank));
      weight.setTrainable(false);
      if (this.bias != null) {
        this.bias.setTrainable(false);
      }
    } else {
      this.a = null;
      this.b = null;
    }
  }

  public int rank() {
    return rank;
  }

  @Override
  public NDArray forward(NDArray x) {
    NDArray y = super.forward(x);
    if (rank == 0) {
      return y;
    }
    // [..., in] -> [..., r] -> [..., out]
    NDArray delta = Ops.linear(Ops.linear(x, a.value(), null), b.value(), null);
    delta = Ops.mul(delta, scale);
    return y.add(delta);
  }
}
