package org.reasonbrain.model.encoders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.reasonbrain.core.nn.Conv2d;
import org.reasonbrain.core.nn.GroupNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;

/**
 * E_I: the image encoder with multi-scale features (Fig. 4). A three-stage CNN, each stage halving
 * the resolution: at 64 px the maps are 32, 16 and 8 pixels wide. Its weights come from the
 * contrastive ({@code clip}) stage; {@link #embed} is the pooled image embedding used there.
 */
public final class ImageEncoder extends Module {
  /** Channels of the three stages and the width of the output tokens. */
  public record Config(int c1, int c2, int c3, int dim) {
    public Config {
      if (c1 < 1 || c2 < 1 || c3 < 1 || dim < 1) {
        throw new IllegalArgumentException("image encoder widths must be positive");
      }
    }

    public static Config tiny() {
      return new Config(32, 64, 128, 128);
    }
  }

  /** The three feature maps [B, c_i, H_i, W_i] and the grid tokens [B, (H/8)^2, dim]. */
  public record Features(List<NDArray> maps, NDArray tokens) {
    public NDArray finest() {
      return maps.get(1);
    }
  }

  private final Config cfg;
  private final Conv2d[] convs = new Conv2d[6];
  private final GroupNorm[] norms = new GroupNorm[6];
  private final Linear tokenProj;
  private final Linear embedProj;

  public ImageEncoder(NDManager m, Random r, Config cfg) {
    this.cfg = cfg;
    int[] ch = {3, cfg.c1(), cfg.c2(), cfg.c3()};
    for (int s = 0; s < 3; s++) {
      convs[2 * s] = child("stage" + s + ".down", new Conv2d(m, r, ch[s], ch[s + 1], 3, 2, false));
      norms[2 * s] = child("stage" + s + ".norm1", new GroupNorm(m, groups(ch[s + 1]), ch[s + 1]));
      convs[2 * s + 1] = child("stage" + s + ".conv", new Conv2d(m, r, ch[s + 1], ch[s + 1], 3, 1, false));
      norms[2 * s + 1] = child("stage" + s + ".norm2", new GroupNorm(m, groups(ch[s + 1]), ch[s + 1]));
    }
    this.tokenProj = child("token_proj", new Linear(m, r, cfg.c3(), cfg.dim(), true));
    this.embedProj = child("embed_proj", new Linear(m, r, cfg.c3(), cfg.dim(), true));
  }

  static int groups(int c) {
    return c % 8 == 0 ? 8 : 1;
  }

  public Config config() {
    return cfg;
  }

  /** images [B, 3, H, W] in [-1, 1] -> multi-scale maps and grid tokens. */
  public Features forward(NDArray images) {
    NDArray x = images;
    List<NDArray> maps = new java.util.ArrayList<>();
    for (int s = 0; s < 3; s++) {
      x = Ops.silu(norms[2 * s].forward(convs[2 * s].forward(x)));            // [B, c, H/2, W/2]
      x = x.add(Ops.silu(norms[2 * s + 1].forward(convs[2 * s + 1].forward(x))));
      maps.add(x);
    }
    NDArray tokens = tokenProj.forward(Ops.toTokens(x));                      // [B, (H/8)^2, dim]
    return new Features(maps, tokens);
  }

  /** The pooled image embedding [B, dim] (contrastive stage). */
  public NDArray embed(Features f) {
    NDArray pooled = f.maps().get(2).mean(new int[] {3}).mean(new int[] {2});  // [B, c3]; DJL reduces mean one axis at a time here
    return embedProj.forward(pooled);
  }
}
