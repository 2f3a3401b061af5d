package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** y = x W^T + b, on the last axis. Weight [out, in], like torch.nn.Linear. */
public class Linear extends Module {
  protected final int in;
  protected final int out;
  protected final Parameter weight;
  protected final Parameter bias;

  public Linear(NDManager m, Random r, int in, int out, boolean bias) {
    this.in = in;
    this.out = out;
    this.weight = parameter(m, "weight", normal(r, 1.0 / Math.sqrt(in), (long) in * out), new Shape(out, in));
    this.bias = bias ? parameter(m, "bias", new float[out], new Shape(out)) : null;
  }

  public int inFeatures() {
    return in;
  }

  public int outFeatures() {
    return out;
  }

  /** [..., in] -> [..., out]. */
  public NDArray forward(NDArray x) {
    expectLastDim(x, in);
    return Ops.linear(x, weight.value(), bias == null ? null : bias.value());
  }
}
