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
 *
 * <p>{@code sourceBranch} adds a second input to the decoder: the source image of an edit (not in the paper; the
 * conditional decoder of Zhu et al. 2023, "Designing a Better Asymmetric VQGAN for StableDiffusion", which keeps
 * the unedited part of an image sharp). A small conv encoder of the source feeds the decoder at its two upper
 * resolutions through fusion convs whose last layer starts at zero, so {@code decode(z, source)} starts as
 * {@code decode(z)}; {@code decode(z)} never reads the branch (plain reconstruction stays what it was). Its
 * weights are named {@code decoder.source.*}: part of the decoder, never of the encoder or a feature cache.
 *
 * <p>{@code sourceGate} T > 0 tells the branch where the edit is: a latent cell whose RMS over channels of
 * (latent - the source's own latent) exceeds T is the edit's, grown by one cell, and there the branch adds nothing,
 * so inside a change the decoder is exactly the plain decoder (it cannot copy the source's colour into a ripening
 * banana) while outside it the branch keeps the source sharp. The mask comes from the decoded latent itself (a
 * sampled one when editing), as {@code --preserve} does, with no weights of its own.
 */
public final class Autoencoder extends Module {
  /** Base channels, latent channels, latent scale. */
  public record Config(int channels, int latent, float scale, int decoderBlocks, boolean sourceBranch, double sourceGate) {
    public Config {
      if (decoderBlocks < 0 || decoderBlocks > 8) {
        throw new IllegalArgumentException("decoder blocks must be 0 to 8, got " + decoderBlocks);
      }
      if (!(sourceGate >= 0) || Double.isInfinite(sourceGate)) {
        throw new IllegalArgumentException("source gate must be a finite number >= 0 (0 = off), got " + sourceGate);
      }
    }

    public Config(int channels, int latent, float scale, int decoderBlocks, boolean sourceBranch) {
      this(channels, latent, scale, decoderBlocks, sourceBranch, 0);
    }

    public Config(int channels, int latent, float scale) {
      this(channels, latent, scale, 0, false);
    }

    public Config(int channels, int latent, float scale, int decoderBlocks) {
      this(channels, latent, scale, decoderBlocks, false);
    }

    public static Config tiny() {
      return new Config(32, 4, 1.0f);
    }

    public Config withDecoderBlocks(int n) {
      return new Config(channels, latent, scale, n, sourceBranch, sourceGate);
    }

    public Config withSourceBranch(boolean on) {
      return new Config(channels, latent, scale, decoderBlocks, on, sourceGate);
    }

    /** The same decoder with the source branch gated at latent change {@code threshold} (0 = not gated). */
    public Config withSourceGate(double threshold) {
      return new Config(channels, latent, scale, decoderBlocks, sourceBranch, threshold);
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
  private final SourceBranch source;

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
    // Its own generator too: the rest of the model is the same with or without the branch.
    source = cfg.sourceBranch() ? child("decoder.source", new SourceBranch(m, new Random(0x50cL), c)) : null;
  }

  /**
   * The source image's features at H/2 and H, each fused into the decoder's features of that size by
   * h + conv(SiLU(conv([h, f]))), the last conv zero at the start.
   */
  private static final class SourceBranch extends Module {
    private final Conv2d in;
    private final ResBlock full;
    private final Conv2d down;
    private final ResBlock half;
    private final Conv2d fuseHalf1;
    private final Conv2d fuseHalf2;
    private final Conv2d fuseFull1;
    private final Conv2d fuseFull2;

    SourceBranch(NDManager m, Random r, int c) {
      in = child("conv_in", new Conv2d(m, r, 3, c, 3, 1, false));
      full = child("res_full", new ResBlock(m, r, c, c, 0));
      down = child("down", new Conv2d(m, r, c, c, 3, 2, false));
      half = child("res_half", new ResBlock(m, r, c, c, 0));
      fuseHalf1 = child("fuse_half.conv1", new Conv2d(m, r, 2 * c, c, 3, 1, false));
      fuseHalf2 = child("fuse_half.conv2", new Conv2d(m, r, c, c, 3, 1, true));
      fuseFull1 = child("fuse_full.conv1", new Conv2d(m, r, 2 * c, c, 3, 1, false));
      fuseFull2 = child("fuse_full.conv2", new Conv2d(m, r, c, c, 3, 1, true));
    }

    /** The source's features {at H, at H/2}. */
    NDArray[] features(NDArray image) {
      NDArray f = full.forward(in.forward(image), null);
      return new NDArray[] {f, half.forward(down.forward(f), null)};
    }

    /** h + conv(SiLU(conv([h, f]))), the added part times {@code keep} [B, 1, size, size] when not null. */
    static NDArray fuse(Conv2d a, Conv2d b, NDArray h, NDArray f, NDArray keep) {
      NDArray add = b.forward(Ops.silu(a.forward(h.concat(f, 1))));
      return h.add(keep == null ? add : add.mul(keep));
    }
  }

  /** Whether the decoder reads the edit's source image ({@link Config#sourceBranch()}). */
  public boolean hasSourceBranch() {
    return source != null;
  }

  /** The source branch's weights only (empty without one), by their names in this block. */
  public Map<String, Parameter> sourceBranchParameters() {
    return part("decoder.source.");
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

  /**
   * Where the source branch may act, [B, 1, h, w]: 0 on the latent cells whose RMS change from the source's own
   * latent exceeds {@link Config#sourceGate()} and on their eight neighbours, 1 elsewhere (no gradient).
   */
  public NDArray keepMask(NDArray latent, NDArray sourceImages) {
    NDArray change = latent.sub(latent(sourceImages)).square().mean(new int[] {1}, true).sqrt();
    return keepOutside(change.gt(cfg.sourceGate()));
  }

  /** A pixel (in [-1, 1]) counts as changed by an edit when a channel moves by more than this (2.5 of 255 levels). */
  public static final float PIXEL_CHANGE = 0.02f;

  /**
   * Where an edit changes the picture: 1 on the pixels of {@code a} that differ from {@code b} (images [B, 3, H, W] in
   * [-1, 1]) by more than {@link #PIXEL_CHANGE} in a channel, else 0; [B, 1, H, W] floats without gradient.
   */
  public static NDArray changedPixels(NDArray a, NDArray b) {
    return a.sub(b).abs().max(new int[] {1}, true).gt(PIXEL_CHANGE).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
  }

  /** The latent cells [B, 1, H/4, W/4] (booleans) holding a pixel of {@link #changedPixels}{@code (a, b)}. */
  public static NDArray changedCells(NDArray a, NDArray b) {
    return ai.djl.nn.pooling.Pool.maxPool2d(changedPixels(a, b), new ai.djl.ndarray.types.Shape(4, 4),
        new ai.djl.ndarray.types.Shape(4, 4), new ai.djl.ndarray.types.Shape(0, 0), false).gt(0.5f);
  }

  /** 1 - (the boolean edit mask {@code edited} [B, 1, h, w] grown by one cell), as floats without gradient. */
  public static NDArray keepOutside(NDArray edited) {
    NDArray grown = ai.djl.nn.pooling.Pool.maxPool2d(edited.toType(ai.djl.ndarray.types.DataType.FLOAT32, false),
        new ai.djl.ndarray.types.Shape(3, 3), new ai.djl.ndarray.types.Shape(1, 1), new ai.djl.ndarray.types.Shape(1, 1), false);
    return Ops.add(grown.neg(), 1).stopGradient();
  }

  /** Latent [B, z, h, w] (scaled) -> image [B, 3, 4h, 4w] in about [-1, 1]. */
  public NDArray decode(NDArray latent) {
    return decode(latent, null);
  }

  /**
   * Latent [B, z, h, w] (scaled) and the edit's source images [B, 3, 4h, 4w] in [-1, 1] -> image [B, 3, 4h, 4w].
   * Without a source branch, or with {@code sourceImages} null, the plain decoder.
   */
  public NDArray decode(NDArray latent, NDArray sourceImages) {
    return decode(latent, sourceImages, null);
  }

  /**
   * As {@link #decode(NDArray, NDArray)}, the branch acting only where {@code keep} [B, 1, h, w] is 1 (an edit mask
   * given by the caller, for example {@link #keepOutside} of where the instruction drives the denoiser); null:
   * where {@link #keepMask} says, with a {@link Config#sourceGate()}, else everywhere.
   */
  public NDArray decode(NDArray latent, NDArray sourceImages, NDArray keep) {
    NDArray[] f = null;
    NDArray keepHalf = null;
    NDArray keepFull = null;
    if (source != null && sourceImages != null) {
      long[] zs = latent.getShape().getShape();
      long[] xs = sourceImages.getShape().getShape();
      if (xs.length != 4 || xs[0] != zs[0] || xs[1] != 3 || xs[2] != 4 * zs[2] || xs[3] != 4 * zs[3]) {
        throw new IllegalArgumentException("source images " + sourceImages.getShape() + " do not fit latents " + latent.getShape()
            + " (need [B, 3, 4h, 4w])");
      }
      f = source.features(sourceImages);
      if (keep == null && cfg.sourceGate() > 0) {
        keep = keepMask(latent, sourceImages);                                   // [B, 1, H/4, W/4], 1 = outside the edit
      }
      if (keep != null) {
        if (!keep.getShape().equals(new ai.djl.ndarray.types.Shape(zs[0], 1, zs[2], zs[3]))) {
          throw new IllegalArgumentException("keep mask " + keep.getShape() + " does not fit latents " + latent.getShape()
              + " (need [B, 1, h, w])");
        }
        keepHalf = Ops.upsample2x(keep);
        keepFull = Ops.upsample2x(keepHalf);
      }
    }
    NDArray h = dec1.forward(decIn.forward(Ops.div(latent, cfg.scale())), null);
    h = dec2.forward(up1.forward(Ops.upsample2x(h)), null);
    for (ResBlock b : dec2Extra) {
      h = b.forward(h, null);
    }
    if (f != null) {
      h = SourceBranch.fuse(source.fuseHalf1, source.fuseHalf2, h, f[1], keepHalf);
    }
    h = dec3.forward(up2.forward(Ops.upsample2x(h)), null);
    for (ResBlock b : dec3Extra) {
      h = b.forward(h, null);
    }
    if (f != null) {
      h = SourceBranch.fuse(source.fuseFull1, source.fuseFull2, h, f[0], keepFull);
    }
    return decOut.forward(Ops.silu(decNorm.forward(h)));
  }
}
