package org.reasonbrain.model.qformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.reasonbrain.core.nn.Attention;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Parameter;
import org.reasonbrain.core.nn.SwiGlu;

/**
 * V-hat = QFormer(V) (Li et al. 2023, BLIP-2): learned queries that self-attend, cross-attend to the
 * MLLM's [IMG] states and pass a feed-forward, aligning them with the diffusion model's space.
 * Paper preset: 6 layers, 77 queries.
 */
public final class QFormer extends Module {
  /** Layers, queries, heads. */
  public record Config(int layers, int queries, int heads) {
    public static Config tiny() {
      return new Config(2, 16, 4);
    }

    public static Config paper() {
      return new Config(6, 77, 12);
    }
  }

  private final Parameter queries;
  private final LayerNorm[] ns;
  private final Attention[] self;
  private final LayerNorm[] nc;
  private final Attention[] cross;
  private final LayerNorm[] nf;
  private final SwiGlu[] ff;
  private final Linear out;

  public QFormer(NDManager m, Random r, Config cfg, int inDim, int dim, int outDim) {
    this.queries = parameter(m, "queries", normal(r, 0.02, (long) cfg.queries() * dim), new Shape(cfg.queries(), dim));
    int l = cfg.layers();
    ns = new LayerNorm[l];
    self = new Attention[l];
    nc = new LayerNorm[l];
    cross = new Attention[l];
    nf = new LayerNorm[l];
    ff = new SwiGlu[l];
    for (int i = 0; i < l; i++) {
      ns[i] = child("layers." + i + ".norm_self", new LayerNorm(m, dim));
      self[i] = child("layers." + i + ".self", new Attention(m, r, dim, dim, cfg.heads(), false, 0, 0));
      nc[i] = child("layers." + i + ".norm_cross", new LayerNorm(m, dim));
      cross[i] = child("layers." + i + ".cross", new Attention(m, r, dim, inDim, cfg.heads(), false, 0, 0));
      nf[i] = child("layers." + i + ".norm_ff", new LayerNorm(m, dim));
      ff[i] = child("layers." + i + ".ff", new SwiGlu(m, r, dim, dim * 2));
    }
    this.out = child("out", new Linear(m, r, dim, outDim, true));
  }

  /** V [B, r, inDim] -> V-hat [B, queries, outDim]. */
  public NDArray forward(NDArray v) {
    // [B, 1, 1] zeros + [1, q, dim] queries -> [B, q, dim], owned by the input's (per-step) manager.
    NDArray x = v.zerosLike().sum(new int[] {1, 2}, true).add(queries.value().expandDims(0));
    for (int i = 0; i < self.length; i++) {
      x = x.add(self[i].forward(ns[i].forward(x), false));
      x = x.add(cross[i].forward(nc[i].forward(x), v, false));
      x = x.add(ff[i].forward(nf[i].forward(x)));
    }
    return out.forward(x);
  }
}
