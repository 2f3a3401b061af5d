package org.reasonbrain.model.frce;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;

/**
 * VRCB, global perspective, Eq. (1): R_global = E_R(SAM(E_I(I))). Each instance mask pools the E_I
 * map (masked mean), and the region-level extractor E_R (an MLP, then self-attention across the
 * regions so each token sees the others: object interactions) turns it into one token per region.
 */
public final class RegionBranch extends Module {
  private final Linear in;
  private final Linear out;
  private final LayerNorm norm;
  private final org.reasonbrain.core.nn.Attention mix;

  public RegionBranch(NDManager m, Random r, int mapChannels, int dim) {
    this.in = child("extractor.in", new Linear(m, r, mapChannels, dim, true));
    this.out = child("extractor.out", new Linear(m, r, dim, dim, true));
    this.norm = child("norm", new LayerNorm(m, dim));
    this.mix = child("mix", new org.reasonbrain.core.nn.Attention(m, r, dim, dim, 4, false, 0, 0));
  }

  /**
   * map [B, C, H, W], masks [B, K, H, W] (0/1 at the map's resolution; an all-zero mask is padding)
   * -> R_global [B, K, dim].
   */
  public NDArray forward(NDArray map, NDArray masks) {
    NDArray area = Ops.atLeast(masks.sum(new int[] {3}).sum(new int[] {2}), 1).expandDims(2);      // [B, K, 1]
    NDArray feats = Ops.toTokens(map);                                       // [B, HW, C]
    NDArray flat = masks.reshape(masks.getShape().get(0), masks.getShape().get(1), -1); // [B, K, HW]
    NDArray pooled = flat.matMul(feats).div(area);                           // [B, K, C]
    NDArray x = out.forward(Ops.silu(in.forward(pooled)));                   // [B, K, dim]
    return x.add(mix.forward(norm.forward(x), false));
  }
}
