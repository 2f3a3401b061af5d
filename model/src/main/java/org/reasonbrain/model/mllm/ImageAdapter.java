package org.reasonbrain.model.mllm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;

/** IA of Eq. (3): the trainable image adapter mapping E_I tokens into the MLLM's width (a 2-layer MLP). */
public final class ImageAdapter extends Module {
  private final Linear fc1;
  private final Linear fc2;

  public ImageAdapter(NDManager m, Random r, int in, int dim) {
    this.fc1 = child("fc1", new Linear(m, r, in, dim, true));
    this.fc2 = child("fc2", new Linear(m, r, dim, dim, true));
  }

  /** [B, N, in] -> [B, N, dim]. */
  public NDArray forward(NDArray x) {
    return fc2.forward(Ops.silu(fc1.forward(x)));
  }
}
