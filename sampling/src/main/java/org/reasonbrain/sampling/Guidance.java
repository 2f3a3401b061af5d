package org.reasonbrain.sampling;

import ai.djl.ndarray.NDArray;

/**
 * InstructPix2Pix's three-way classifier-free guidance:
 * eps = eps(null, null) + s_T (eps(text, img) - eps(null, img)) + s_I (eps(null, img) - eps(null, null)).
 */
public final class Guidance {
  private Guidance() {}

  public static NDArray threeWay(NDArray uncond, NDArray imageOnly, NDArray full, double textScale, double imageScale) {
    return uncond.add(full.sub(imageOnly).mul((float) textScale)).add(imageOnly.sub(uncond).mul((float) imageScale));
  }
}
