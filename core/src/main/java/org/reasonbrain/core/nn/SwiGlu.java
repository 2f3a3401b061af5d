package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/** The LLaMA feed-forward: down(silu(gate(x)) * up(x)). */
public final class SwiGlu extends Module {
  private final Linear gate;
  private final Linear up;
  private final Linear down;

  public SwiGlu(NDManager m, Random r, int dim, int hidden) {
    this.gate = child("gate", new Linear(m, r, dim, hidden, false));
    this.up = child("up", new Linear(m, r, dim, hidden, false));
    this.down = child("down", new Linear(m, r, hidden, dim, false));
  }

  public NDArray forward(NDArray x) {
    NDArray g = gate.forward(x);
    NDArray silu = g.mul(ai.djl.nn.Activation.sigmoid(g));
    return down.forward(silu.mul(up.forward(x)));
  }
}
