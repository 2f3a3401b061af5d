package org.reasonbrain.model.frce;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.Attention;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.SwiGlu;

/**
 * TRCB's ID Controller, Eq. (2): R_T = FF(CrossAttn(R_V, O)). The object token O is the query and
 * R_V the keys and values (it "enriches the object token with visual context"), so R_T has one row
 * per referenced object. Stacked {@code layers} times with residuals and pre-norms.
 */
public final class IdController extends Module {
  private final LayerNorm[] nq;
  private final Attention[] cross;
  private final LayerNorm[] nf;
  private final SwiGlu[] ff;

  public IdController(NDManager m, Random r, int dim, int layers, int heads) {
    nq = new LayerNorm[layers];
    cross = new Attention[layers];
    nf = new LayerNorm[layers];
    ff = new SwiGlu[layers];
    for (int i = 0; i < layers; i++) {
      nq[i] = child("layers." + i + ".norm_q", new LayerNorm(m, dim));
      cross[i] = child("layers." + i + ".cross", new Attention(m, r, dim, dim, heads, false, 0, 0));
      nf[i] = child("layers." + i + ".norm_ff", new LayerNorm(m, dim));
      ff[i] = child("layers." + i + ".ff", new SwiGlu(m, r, dim, dim * 2));
    }
  }

  /** O [B, M, dim], R_V [B, N, dim] -> R_T [B, M, dim]. */
  public NDArray forward(NDArray objects, NDArray rv) {
    NDArray x = objects;
    for (int i = 0; i < cross.length; i++) {
      x = x.add(cross[i].forward(nq[i].forward(x), rv, false));   // Cross-Atten(R_V, O)
      x = x.add(ff[i].forward(nf[i].forward(x)));                 // FF(.)
    }
    return x;
  }
}
