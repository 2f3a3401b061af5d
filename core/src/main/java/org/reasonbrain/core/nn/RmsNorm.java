package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** RMSNorm (Zhang and Sennrich, used by LLaMA): y = x / sqrt(mean(x^2) + eps) * g, on the last axis. */
public final class RmsNorm extends Module {
  private final int dim;
  private final float eps;
  private final Parameter gain;

  public RmsNorm(NDManager m, int dim, double eps) {
    this.dim = dim;
    this.eps = (float) eps;
    this.gain = parameter(m, "weight", filled(dim, 1f), new Shape(dim));
  }

  public NDArray forward(NDArray x) {
    expectLastDim(x, dim);
    NDArray rms = Ops.meanLast(x.square()).add(eps).sqrt();
    return x.div(rms).mul(gain.value());
  }
}
