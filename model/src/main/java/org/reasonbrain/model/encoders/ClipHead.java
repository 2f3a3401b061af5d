package org.reasonbrain.model.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Parameter;

/**
 * The caption side of the contrastive stage (the project's own CLIP): MiniLM sentence vectors
 * projected to the image embedding width, and the learned temperature. With {@link ImageEncoder#embed}
 * it is the default image/text encoder pair of the evaluation's CLIP scores.
 */
public final class ClipHead extends Module {
  private final Linear proj;
  private final Parameter logitScale;

  public ClipHead(NDManager m, Random r, int textDim, int dim) {
    this.proj = child("proj", new Linear(m, r, textDim, dim, true));
    this.logitScale = parameter(m, "logit_scale", new float[] {(float) Math.log(1 / 0.07)}, new Shape(1));
  }

  public NDArray embed(NDArray pooledText) {
    return proj.forward(pooledText);
  }

  public NDArray scale() {
    return logitScale.value().exp();
  }
}
