package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Group normalisation (Wu and He) on [B, C, H, W], composed from reshapes (DJL has no op for it). */
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
    NDArray g = x.reshape(s.get(0), groups, channels / groups * s.get(2) * s.get(3));
    NDArray mu = g.mean(new int[] {2}, true);
    NDArray c = g.sub(mu);
    NDArray var = c.square().mean(new int[] {2}, true);
    return c.div(var.add(1e-5f).sqrt()).reshape(s).mul(gain.value()).add(bias.value());
  }
}
