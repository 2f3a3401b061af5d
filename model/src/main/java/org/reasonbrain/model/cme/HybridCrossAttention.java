package org.reasonbrain.model.cme;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.Attention;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.SwiGlu;

/** One hybrid cross-attention block of the CME (Fig. 5b): query + CrossAttn(norm(query), kv), then + FF. */
public final class HybridCrossAttention extends Module {
  private final LayerNorm nq;
  private final Attention attn;
  private final LayerNorm nf;
  private final SwiGlu ff;

  public HybridCrossAttention(NDManager m, Random r, int dim, int heads) {
    this.nq = child("norm_q", new LayerNorm(m, dim));
    this.attn = child("attn", new Attention(m, r, dim, dim, heads, false, 0, 0));
    this.nf = child("norm_ff", new LayerNorm(m, dim));
    this.ff = child("ff", new SwiGlu(m, r, dim, dim * 2));
  }

  /** query [B, N, dim] attends to kv [B, S, dim] -> [B, N, dim]. */
  public NDArray forward(NDArray query, NDArray kv) {
    NDArray x = query.add(attn.forward(nq.forward(query), kv, false));
    return x.add(ff.forward(nf.forward(x)));
  }
}
