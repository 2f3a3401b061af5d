package org.reasonbrain.model.frce;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.reasonbrain.core.nn.Attention;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.SwiGlu;

/**
 * VRCB, local perspective: R_local = E_P(P(E_I(I))). The patch adapter P cuts the finer E_I map
 * into p x p patches and projects each to a token (MAE-style); E_P is a small transformer over them.
 */
public final class PatchBranch extends Module {
  /** Patch size on the feature map, transformer layers and heads. */
  public record Config(int patch, int layers, int heads) {
    public static Config tiny() {
      return new Config(2, 1, 4);
    }
  }

  private final Config cfg;
  private final Linear adapter;
  private final LayerNorm[] n1;
  private final Attention[] attn;
  private final LayerNorm[] n2;
  private final SwiGlu[] ff;

  public PatchBranch(NDManager m, Random r, Config cfg, int mapChannels, int dim) {
    this.cfg = cfg;
    this.adapter = child("adapter", new Linear(m, r, mapChannels * cfg.patch() * cfg.patch(), dim, true));
    n1 = new LayerNorm[cfg.layers()];
    attn = new Attention[cfg.layers()];
    n2 = new LayerNorm[cfg.layers()];
    ff = new SwiGlu[cfg.layers()];
    for (int i = 0; i < cfg.layers(); i++) {
      n1[i] = child("layers." + i + ".norm1", new LayerNorm(m, dim));
      attn[i] = child("layers." + i + ".attn", new Attention(m, r, dim, dim, cfg.heads(), false, 0, 0));
      n2[i] = child("layers." + i + ".norm2", new LayerNorm(m, dim));
      ff[i] = child("layers." + i + ".ff", new SwiGlu(m, r, dim, dim * 2));
    }
  }

  /** map [B, C, H, W] -> R_local [B, (H/p)(W/p), dim]. */
  public NDArray forward(NDArray map) {
    Shape s = map.getShape();
    long b = s.get(0);
    long c = s.get(1);
    int p = cfg.patch();
    long gh = s.get(2) / p;
    long gw = s.get(3) / p;
    // [B, C, gh, p, gw, p] -> [B, gh, gw, C, p, p] -> [B, gh*gw, C*p*p]
    NDArray patches = map.reshape(b, c, gh, p, gw, p).transpose(0, 2, 4, 1, 3, 5).reshape(b, gh * gw, c * p * p);
    NDArray x = adapter.forward(patches);
    for (int i = 0; i < cfg.layers(); i++) {
      x = x.add(attn[i].forward(n1[i].forward(x), false));
      x = x.add(ff[i].forward(n2[i].forward(x)));
    }
    return x;
  }
}
