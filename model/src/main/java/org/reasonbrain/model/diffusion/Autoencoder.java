package org.reasonbrain.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.core.nn.Conv2d;
import org.reasonbrain.core.nn.GroupNorm;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;
import org.reasonbrain.core.nn.Parameter;

/**
 * The KL autoencoder of latent diffusion with downsampling factor 4: images [B, 3, H, W] in [-1, 1]
 * to latents [B, z, H/4, W/4]. Upsampling is nearest + conv (DJL has no transposed convolution).
 * Latents are multiplied by {@code scale} so that they have roughly unit variance.
 *
 * <p>{@code decoderBlocks} adds that many residual blocks to the decoder at each of its two upper
 * resolutions (H/2 and H). They start as the identity (last conv zero), so a decoder trained without them
 * loads unchanged and the decoder stage grows it for sharper reconstructions; the encoder, and so every
 * latent and feature cache, stays the same.
 */
public final class Autoencoder extends Module {
  /** Base channels, latent channels, latent scale. */
  public record Config(int channels, int latent, float scale, int decoderBlocks) {
    public Config {
      if (decoderBlocks < 0 || decoderBlocks > 8) {
        throw new IllegalArgumentException("decoder blocks must be 0 to 8, got " + decoderBlocks);
      }
    }

    public Config(int channels, int latent, float scale) {
      this(channels, latent, scale, 0);
    }

    public static Config tiny() {
      return new Config(32, 4, 1.0f);
    }

    public Config withDecoderBlocks(int n) {
      return new Config(channels, latent, scale, n);
    }
  }

  private final Config cfg;
  private final Conv2d encIn;
  private final ResBlock enc1;
  private final Conv2d down1;
  private final ResBlock enc2;
  private final Conv2d down2;
  private final ResBlock enc3;
  private final GroupNorm encNorm;
  private final Conv2d encOut;
  private final Conv2d decIn;
  private final ResBlock dec1;
  private final Conv2d up1;
  private final ResBlock dec2;
  private final Conv2d up2;
  private final ResBlock dec3;
  private final ResBlock[] dec2Extra;
  private final ResBlock[] dec3Extra;
  private final GroupNorm decNorm;
  private final Conv2d decOut;

  public Autoencoder(NDManager m, Random r, Config cfg) {
    this.cfg = cfg;
    int c = cfg.channels();
    int c2 = 2 * c;
    encIn = child("encoder.conv_in", new Conv2d(m, r, 3, c, 3, 1, false));
    enc1 = child("encoder.res1", new ResBlock(m, r, c, c, 0));
    down1 = child("encoder.down1", new Conv2d(m, r, c, c2, 3, 2, false));
    enc2 = child("encoder.res2", new ResBlock(m, r, c2, c2, 0));
    down2 = child("encoder.down2", new Conv2d(m, r, c2, c2, 3, 2, false));
    enc3 = child("encoder.res3", new ResBlock(m, r, c2, c2, 0));
    encNorm = child("encoder.norm_out", new GroupNorm(m, ResBlock.groups(c2), c2));
    encOut = child("encoder.conv_out", new Conv2d(m, r, c2, 2 * cfg.latent(), 3, 1, false));
    decIn = child("decoder.conv_in", new Conv2d(m, r, cfg.latent(), c2, 3, 1, false));
    dec1 = child("decoder.res1", new ResBlock(m, r, c2, c2, 0));
    up1 = child("decoder.up1", new Conv2d(m, r, c2, c2, 3, 1, false));
    dec2 = child("decoder.res2", new ResBlock(m, r, c2, c, 0));
    up2 = child("decoder.up2", new Conv2d(m, r, c, c, 3, 1, false));
    dec3 = child("decoder.res3", new ResBlock(m, r, c, c, 0));
    dec2Extra = new ResBlock[cfg.decoderBlocks()];
    dec3Extra = new ResBlock[cfg.decoderBlocks()];
    // Their own generator: the rest of a model built with the same seed gets the same weights with or without them.
    Random er = new Random(0x5eedL + cfg.decoderBlocks());
    for (int i = 0; i < cfg.decoderBlocks(); i++) {
      dec2Extra[i] = child("decoder.res2_extra." + i, new ResBlock(m, er, c, c, 0, true));
      dec3Extra[i] = child("decoder.res3_extra." + i, new ResBlock(m, er, c, c, 0, true));
    }
    decNorm = child("decoder.norm_out", new GroupNorm(m, ResBlock.groups(c), c));
    decOut = child("decoder.conv_out", new Conv2d(m, r, c, 3, 3, 1, false));
  }

  public Config config() {
    return cfg;
  }

  /** The encoder's weights only (what the latents depend on), by their names in this block. */
  public Map<String, Parameter> encoderParameters() {
    return part("encoder.");
  }

  /** The decoder's weights only, by their names in this block. */
  public Map<String, Parameter> decoderParameters() {
    return part("decoder.");
  }

  private Map<String, Parameter> part(String prefix) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    parameters().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The posterior's mean and log-variance, each [B, z, H/4, W/4]. */
  public record Posterior(NDArray mean, NDArray logvar) {
    /** KL(q || N(0, 1)) per element, averaged. */
    public NDArray kl() {
      return Ops.mul(mean.square().add(logvar.exp()).sub(1f).sub(logvar), 0.5).mean();
    }
  }

  public Posterior encode(NDArray images) {
    NDArray h = enc1.forward(encIn.forward(images), null);
    h = enc2.forward(down1.forward(h), null);
    h = enc3.forward(down2.forward(h), null);
    NDArray moments = encOut.forward(Ops.silu(encNorm.forward(h)));               // [B, 2z, H/4, W/4]
    int z = cfg.latent();
    NDArray mean = moments.get(new NDIndex(":, :" + z));
    NDArray logvar = moments.get(new NDIndex(":, " + z + ":")).clip(-30f, 20f);
    return new Posterior(mean, logvar);
  }

  /** Scaled latent: the posterior mean (deterministic), times the scale. */
  public NDArray latent(NDArray images) {
    return Ops.mul(encode(images).mean(), cfg.scale());
  }

  /** Latent [B, z, h, w] (scaled) -> image [B, 3, 4h, 4w] in about [-1, 1]. */
  public NDArray decode(NDArray latent) {
    NDArray h = dec1.forward(decIn.forward(Ops.div(latent, cfg.scale())), null);
    h = dec2.forward(up1.forward(Ops.upsample2x(h)), null);
    for (ResBlock b : dec2Extra) {
      h = b.forward(h, null);
    }
    h = dec3.forward(up2.forward(Ops.upsample2x(h)), null);
    for (ResBlock b : dec3Extra) {
      h = b.forward(h, null);
    }
    return decOut.forward(Ops.silu(decNorm.forward(h)));
  }
}
