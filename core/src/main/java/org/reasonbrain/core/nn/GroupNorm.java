package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Group normalisation (Wu and He) on [B, C, H, W]: DJL has no op for it, so it is a layer norm over each group. */
public final class GroupNorm extends Module {
  private final int groups;
  private final int channels;
  private final Parameter gain;
  private final Parameter bias;

  public GroupNorm(NDManager m, int groups, int channels) {
    if (channels % groups != 0) {
      throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
    }
    this.groups = groups;
    this.channels = channels;
    this.gain = parameter(m, "weight", filled(channels, 1f), new Shape(1, channels, 1, 1));
    this.bias = parameter(m, "bias", new float[channels], new Shape(1, channels, 1, 1));
  }

  public NDArray forward(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 4 || s.get(1) != channels) {
      throw new IllegalArgumentException("GroupNorm: expected [B, " + channels + ", H, W], got " + s);
    }
    // Each (sample, group) row normalised by libtorch's fused layer norm (one op forward and backward instead of
    // about eight composed ones), then the per-channel affine.
    long n = channels / groups * s.get(2) * s.get(3);
    NDArray g = x.reshape(s.get(0), groups, n);
    NDManager m = x.getManager();
    return Ops.layerNorm(g, m.ones(new Shape(n)), m.zeros(new Shape(n)), 1e-5f).reshape(s).mul(gain.value()).add(bias.value());
  }
}
