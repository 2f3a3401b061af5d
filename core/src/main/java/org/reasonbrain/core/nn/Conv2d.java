package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** 2-D convolution on [B, C, H, W] with "same" padding for odd kernels; weight [out, in, k, k]. */
public final class Conv2d extends Module {
  private final int in;
  private final int stride;
  private final int pad;
  private final Parameter weight;
  private final Parameter bias;

  public Conv2d(NDManager m, Random r, int in, int out, int kernel, int stride, boolean zeroInit) {
    this.in = in;
    this.stride = stride;
    this.pad = kernel / 2;
    long n = (long) out * in * kernel * kernel;
    float[] w = zeroInit ? new float[(int) n] : normal(r, 1.0 / Math.sqrt((double) in * kernel * kernel), n);
    this.weight = parameter(m, "weight", w, new Shape(out, in, kernel, kernel));
    this.bias = parameter(m, "bias", new float[out], new Shape(out));
  }

  public NDArray forward(NDArray x) {
    if (x.getShape().dimension() != 4 || x.getShape().get(1) != in) {
      throw new IllegalArgumentException("Conv2d: expected [B, " + in + ", H, W], got " + x.getShape());
    }
    return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight.value(), bias.value(), new Shape(stride, stride),
        new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow();
  }
}
