package org.reasonbrain.model.cme;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Parameter;

/**
 * One oriented enhancer of the CME (Sec. 3.2), exactly five hybrid cross-attention blocks, then a
 * linear projection and a normalisation. Visual-oriented: base = E_I(I), cues = R_V; textual-oriented:
 * base = E_T(H), cues = R_T.
 * <pre>
 *   F_1   = B1(Q2, V-hat)                  learnable tokens attend the QFormer output
 *   F_2   = B2(base, cues)                 base features attend the fine-grained cues
 *   V-bar = Norm(F_1 + B3(F_1, F_2))       fuse, residual, normalise
 *   X     = B4(F_2, V-bar)                 base tokens attend the fused guidance
 *   R-bar = Norm(Linear(B5(X, cues)))      a last pass over the cues
 * </pre>
 * Outputs R-bar (one token per base token) and e-bar = V-bar (the guidance tokens).
 */
public final class Enhancer extends Module {
  private final Parameter q2;
  private final HybridCrossAttention[] blocks = new HybridCrossAttention[5];
  private final LayerNorm fuseNorm;
  private final Linear proj;
  private final LayerNorm outNorm;

  public Enhancer(NDManager m, Random r, int dim, int tokens, int heads) {
    this.q2 = parameter(m, "q2", normal(r, 0.02, (long) tokens * dim), new Shape(tokens, dim));
    for (int i = 0; i < 5; i++) {
      blocks[i] = child("blocks." + i, new HybridCrossAttention(m, r, dim, heads));
    }
    this.fuseNorm = child("fuse_norm", new LayerNorm(m, dim));
    this.proj = child("proj", new Linear(m, r, dim, dim, true));
    this.outNorm = child("out_norm", new LayerNorm(m, dim));
  }

  /** Enhanced cues R-bar [B, N_base, dim] and guidance e-bar [B, tokens, dim]. */
  public record Output(NDArray rBar, NDArray eBar) {}

  public Output forward(NDArray vHat, NDArray base, NDArray cues) {
    // [B, 1, 1] zeros + [1, tokens, dim] -> [B, tokens, dim], owned by the input's (per-step) manager.
    NDArray q = vHat.zerosLike().sum(new int[] {1, 2}, true).add(q2.value().expandDims(0));
    NDArray f1 = blocks[0].forward(q, vHat);
    NDArray f2 = blocks[1].forward(base, cues);
    NDArray vBar = fuseNorm.forward(f1.add(blocks[2].forward(f1, f2)));
    NDArray x = blocks[3].forward(f2, vBar);
    NDArray rBar = outNorm.forward(proj.forward(blocks[4].forward(x, cues)));
    return new Output(rBar, vBar);
  }
}
