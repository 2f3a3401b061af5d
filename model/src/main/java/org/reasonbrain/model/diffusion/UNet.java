package org.reasonbrain.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.reasonbrain.core.nn.Attention;
import org.reasonbrain.core.nn.Conv2d;
import org.reasonbrain.core.nn.GroupNorm;
import org.reasonbrain.core.nn.LayerNorm;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;

/**
 * The denoiser eps_delta of Eq. (A2):
 * eps(t, [z_t, E_I(I)] + R-bar_visual + R-bar_text, [e-bar_visual, e-bar_text]).
 * The noisy latent and the source latent are concatenated on channels (InstructPix2Pix); R-bar_visual
 * (tokens on the image's 8x8 grid) is reshaped to the grid, upsampled to the first feature map and
 * added through a zero-initialised 1x1 convolution; R-bar_text is mean-pooled and added as a
 * per-channel offset through a zero-initialised linear layer; the e-bar tokens are the
 * cross-attention context. Two resolutions (16 and 8 at 64 px), cross-attention at the lower one.
 *
 * <p>With {@link Config#pixelStem()} the UNet also reads the source image's pixels: two stride-2
 * convolutions take the [-1, 1] source from 64 to 16 px and a zero-initialised 1x1 convolution adds
 * them to the first feature map, beside the source latent. A 4-channel latent of 16 x 16 keeps a
 * one-pixel line (a tap's stream, a lamp's wire) only faintly; the stem hands the UNet the pixels
 * where such a cue touches the object it decides about. Zero-initialised, it leaves a model that
 * gains it unchanged until it is trained.
 */
public final class UNet extends Module {
  /** Base channels, latent channels, context width, attention heads, and whether the source's pixels enter through a stem. */
  public record Config(int channels, int latent, int contextDim, int heads, boolean pixelStem) {
    public static Config tiny() {
      return new Config(64, 4, 128, 4, false);
    }

    /** The same UNet with (or without) the source-pixel stem. */
    public Config withPixelStem(boolean on) {
      return new Config(channels, latent, contextDim, heads, on);
    }

    /** Channels of the pixel stem's two convolutions. */
    int stemChannels() {
      return channels / 2;
    }
  }

  private final Config cfg;
  private final Conv2d convIn;
  private final Conv2d injectVisual;
  private final Linear injectText;
  private final Linear time1;
  private final Linear time2;
  private final ResBlock down1;
  private final Conv2d downsample;
  private final ResBlock down2;
  private final LayerNorm crossNorm1;
  private final Attention cross1;
  private final ResBlock mid;
  private final LayerNorm selfNorm;
  private final Attention self;
  private final LayerNorm crossNorm2;
  private final Attention cross2;
  private final ResBlock up1;
  private final ResBlock up2;
  private final GroupNorm outNorm;
  private final Conv2d convOut;
  private final Conv2d stem1;
  private final Conv2d stem2;
  private final Conv2d stemOut;

  public UNet(NDManager m, Random r, Config cfg, int cueDim) {
    this.cfg = cfg;
    int c = cfg.channels();
    int c2 = 2 * c;
    int tdim = 2 * c;
    convIn = child("conv_in", new Conv2d(m, r, 2 * cfg.latent(), c, 3, 1, false));
    injectVisual = child("inject_visual", new Conv2d(m, r, cueDim, c, 1, 1, true)); // zero-initialised
    injectText = child("inject_text", new Linear(m, r, cueDim, c, true));
    zero(injectText);
    time1 = child("time.fc1", new Linear(m, r, c, tdim, true));
    time2 = child("time.fc2", new Linear(m, r, tdim, tdim, true));
    down1 = child("down1", new ResBlock(m, r, c, c, tdim));
    downsample = child("downsample", new Conv2d(m, r, c, c2, 3, 2, false));
    down2 = child("down2", new ResBlock(m, r, c2, c2, tdim));
    crossNorm1 = child("cross1_norm", new LayerNorm(m, c2));
    cross1 = child("cross1", new Attention(m, r, c2, cfg.contextDim(), cfg.heads(), false, 0, 0));
    mid = child("mid", new ResBlock(m, r, c2, c2, tdim));
    selfNorm = child("self_norm", new LayerNorm(m, c2));
    self = child("self", new Attention(m, r, c2, c2, cfg.heads(), false, 0, 0));
    crossNorm2 = child("cross2_norm", new LayerNorm(m, c2));
    cross2 = child("cross2", new Attention(m, r, c2, cfg.contextDim(), cfg.heads(), false, 0, 0));
    up1 = child("up1", new ResBlock(m, r, c2, c2, tdim));
    up2 = child("up2", new ResBlock(m, r, c2 + c, c, tdim));
    outNorm = child("out_norm", new GroupNorm(m, ResBlock.groups(c), c));
    convOut = child("conv_out", new Conv2d(m, r, c, cfg.latent(), 3, 1, false));
    if (cfg.pixelStem()) {
      int sc = cfg.stemChannels();
      stem1 = child("pixel_stem.conv1", new Conv2d(m, r, 3, sc, 3, 2, false));
      stem2 = child("pixel_stem.conv2", new Conv2d(m, r, sc, c, 3, 2, false));
      stemOut = child("pixel_stem.out", new Conv2d(m, r, c, c, 1, 1, true));   // zero-initialised
    } else {
      stem1 = null;
      stem2 = null;
      stemOut = null;
    }
  }

  /** Whether {@link #forward} reads the source's pixels. */
  public boolean hasPixelStem() {
    return stemOut != null;
  }

  private static void zero(Module mod) {
    mod.parameters().values().forEach(p -> p.assign(new float[Math.toIntExact(p.value().size())]));
  }

  public Config config() {
    return cfg;
  }

  /**
   * @param zt noisy latent [B, z, h, w]
   * @param source source-image latent [B, z, h, w] (zeros for the null image condition)
   * @param t one timestep per batch element
   * @param rBarVisual [B, g*g, cueDim] on a g x g grid with 2g = h, or null
   * @param rBarText [B, T, cueDim] or null
   * @param context [B, S, contextDim] cross-attention context
   * @param sourcePixels [B, 3, 4h, 4w] source image in [-1, 1] (zeros for the null image condition); read only
   *     with the pixel stem, which requires it
   */
  public NDArray forward(NDArray zt, NDArray source, int[] t, NDArray rBarVisual, NDArray rBarText, NDArray context,
      NDArray sourcePixels) {
    long hgt = zt.getShape().get(2);
    long wid = zt.getShape().get(3);
    NDArray temb = time2.forward(Ops.silu(time1.forward(Ops.timestepEmbedding(zt.getManager(), t, cfg.channels()))));
    NDArray h = convIn.forward(zt.concat(source, 1));                                  // [B, c, h, w]
    if (stemOut != null) {
      if (sourcePixels == null) {
        throw new IllegalArgumentException("this UNet has a pixel stem and needs the source's pixels");
      }
      NDArray p = Ops.silu(stem2.forward(Ops.silu(stem1.forward(sourcePixels))));      // [B, c, H/4, W/4]
      if (p.getShape().get(2) != hgt || p.getShape().get(3) != wid) {
        throw new IllegalArgumentException("source pixels " + sourcePixels.getShape() + " do not reduce to the latent " + zt.getShape());
      }
      h = h.add(stemOut.forward(p));
    }
    if (rBarVisual != null) {
      long g = Math.round(Math.sqrt(rBarVisual.getShape().get(1)));
      NDArray grid = Ops.fromTokens(rBarVisual, g, g);                                 // [B, cue, g, g]
      while (grid.getShape().get(2) < hgt) {
        grid = Ops.upsample2x(grid);
      }
      h = h.add(injectVisual.forward(grid));
    }
    if (rBarText != null) {
      h = h.add(injectText.forward(rBarText.mean(new int[] {1})).expandDims(2).expandDims(3));
    }
    NDArray s1 = down1.forward(h, temb);                                                // [B, c, h, w]
    NDArray x = down2.forward(downsample.forward(s1), temb);                            // [B, 2c, h/2, w/2]
    x = attend(x, crossNorm1, cross1, context);
    x = mid.forward(x, temb);
    x = attend(x, selfNorm, self, null);
    x = attend(x, crossNorm2, cross2, context);
    x = up1.forward(x, temb);
    x = up2.forward(Ops.upsample2x(x).concat(s1, 1), temb);                            // [B, c, h, w]
    NDArray out = convOut.forward(Ops.silu(outNorm.forward(x)));
    if (out.getShape().get(2) != hgt || out.getShape().get(3) != wid) {
      throw new IllegalStateException("UNet output " + out.getShape() + " does not match the latent " + zt.getShape());
    }
    return out;
  }

  /**
   * Multiply-accumulate FLOPs (2 per MAC) of one forward pass for a latent of h x w and a context of
   * {@code s} tokens, counted from the layer shapes (convolutions, linear layers, attention matmuls;
   * norms and activations left out).
   */
  public long flops(int h, int w, int s) {
    long c = cfg.channels();
    long c2 = 2 * c;
    long hw = (long) h * w;
    long hw2 = hw / 4;
    long f = 0;
    f += conv(2L * cfg.latent(), c, 3, hw);
    if (cfg.pixelStem()) {
      f += conv(3, cfg.stemChannels(), 3, hw * 4) + conv(cfg.stemChannels(), c, 3, hw) + conv(c, c, 1, hw);
    }
    f += resBlock(c, c, hw) + conv(c, c2, 3, hw2) + resBlock(c2, c2, hw2);
    f += attn(c2, cfg.contextDim(), hw2, s) + resBlock(c2, c2, hw2) + attn(c2, c2, hw2, hw2) + attn(c2, cfg.contextDim(), hw2, s);
    f += resBlock(c2, c2, hw2) + resBlock(c2 + c, c, hw) + conv(c, cfg.latent(), 3, hw);
    return f;
  }

  private static long conv(long in, long out, int k, long pixels) {
    return 2 * in * out * k * k * pixels;
  }

  private static long resBlock(long in, long out, long pixels) {
    return conv(in, out, 3, pixels) + conv(out, out, 3, pixels) + (in != out ? conv(in, out, 1, pixels) : 0);
  }

  private static long attn(long d, long ctx, long t, long s) {
    return 2 * (t * d * d * 2 + s * ctx * d * 2) + 2 * 2 * t * s * d;
  }

  private static NDArray attend(NDArray x, LayerNorm norm, Attention attn, NDArray context) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDArray tokens = Ops.toTokens(x);                                                   // [B, hw, C]
    NDArray n = norm.forward(tokens);
    NDArray y = context == null ? attn.forward(n, false) : attn.forward(n, context, false);
    return x.add(Ops.fromTokens(y, h, w));
  }
}
