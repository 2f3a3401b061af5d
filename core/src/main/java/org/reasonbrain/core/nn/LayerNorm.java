package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** LayerNorm on the last axis with a gain and a bias. */
public final class LayerNorm extends Module {
  private final int dim;
  private final float eps;
  private final Parameter gain;
  private final Parameter bias;

  public LayerNorm(NDManager m, int dim) {
    this.dim = dim;
    this.eps = 1e-5f;
    this.gain = parameter(m, "weight", filled(dim, 1f), new Shape(dim));
    this.bias = parameter(m, "bias", new float[dim], new Shape(dim));
  }

  public NDArray forward(NDArray x) {
    expectLastDim(x, dim);
    return Ops.layerNorm(x, gain.value(), bias.value(), eps);
  }
}
