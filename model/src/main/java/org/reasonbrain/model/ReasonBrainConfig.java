package org.reasonbrain.model;

import org.reasonbrain.model.diffusion.Autoencoder;
import org.reasonbrain.model.diffusion.UNet;
import org.reasonbrain.model.encoders.ImageEncoder;
import org.reasonbrain.model.frce.PatchBranch;
import org.reasonbrain.model.mllm.MllmDecoder;
import org.reasonbrain.model.qformer.QFormer;

/**
 * Every hyper-parameter of ReasonBrain in one place (as segment-anything's build_sam): block configs,
 * the shared width, the MLLM's token budget ({@code mllmPool}: image-grid tokens enter the MLLM pooled
 * mllmPool x mllmPool), the ablation switches of Table 4 and the architecture variant (full model or one
 * of the baselines trained on the same trainer).
 */
public record ReasonBrainConfig(String name, Variant variant, Switches switches, int imageSize, int dim, int textDim,
    int maxRegions, int maxObjects, int idLayers, int cmeTokens, int heads, int mllmPool, int cmePool, ImageEncoder.Config image,
    PatchBranch.Config patch, MllmDecoder.Config mllm, QFormer.Config qformer, Autoencoder.Config vae, UNet.Config unet) {

  /** Full ReasonBrain, or a baseline of Table 2 on the same trainer. */
  public enum Variant {
    /** Fig. 4: FRCE + MLLM + QFormer + CME + diffusion. */
    REASONBRAIN,
    /** InstructPix2Pix shape: text-encoder conditioning only, no MLLM. */
    IP2P,
    /** MGIE / SmartEdit shape: MLLM + QFormer, no FRCE, no CME. */
    MLLM_ONLY
  }

  /** The rows of Table 4. */
  public record Switches(boolean patchBranch, boolean regionBranch, boolean idController, boolean visionEnhancer, boolean textEnhancer) {
    public static Switches all() {
      return new Switches(true, true, true, true, true);
    }
  }

  public ReasonBrainConfig {
    if (vae.latent() != unet.latent()) {
      throw new IllegalArgumentException("the UNet denoises " + unet.latent() + "-channel latents but the autoencoder makes "
          + vae.latent() + "-channel ones");
    }
    if (variant == Variant.REASONBRAIN && switches.idController() && !switches.patchBranch() && !switches.regionBranch()) {
      throw new IllegalArgumentException("the ID controller needs R_V: keep the patch or the region branch");
    }
    if (mllmPool < 1 || (imageSize / 8) % mllmPool != 0) {
      throw new IllegalArgumentException("MLLM token pooling " + mllmPool + " must divide the " + imageSize / 8 + "-token grid");
    }
    if (cmePool < 1 || (imageSize / 8) % cmePool != 0) {
      throw new IllegalArgumentException("CME token pooling " + cmePool + " must divide the " + imageSize / 8 + "-token grid");
    }
    if (imageSize % 32 != 0) {
      throw new IllegalArgumentException("image size must be a multiple of 32, got " + imageSize);
    }
  }

  /** The CPU default: 64 px, width 128. */
  public static ReasonBrainConfig tiny() {
    // mllmPool 2: the image-grid tokens (IA(E_I) and R_local) enter the MLLM 2x2 average-pooled, 16 instead
    // of 64 each (the MLLM was half of a training step); the ID controller and the CME still see all 64.
    // cmePool 1: the CME's visual enhancer reads all 64 image-grid tokens (tiny-cme-pool2 pools them 2x2).
    return new ReasonBrainConfig("tiny", Variant.REASONBRAIN, Switches.all(), 64, 128, 384, 8, 3, 2, 16, 4, 2, 1,
        ImageEncoder.Config.tiny(), PatchBranch.Config.tiny(), MllmDecoder.Config.tiny(), QFormer.Config.tiny(),
        Autoencoder.Config.tiny(), UNet.Config.tiny());
  }

  public ReasonBrainConfig withVariant(Variant v) {
    return new ReasonBrainConfig(name + "-" + v.name().toLowerCase().replace('_', '-'), v, switches, imageSize, dim, textDim,
        maxRegions, maxObjects, idLayers, cmeTokens, heads, mllmPool, cmePool, image, patch, mllm, qformer, vae, unet);
  }

  public ReasonBrainConfig withSwitches(Switches s) {
    return new ReasonBrainConfig(name, variant, s, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, vae, unet);
  }

  /**
   * The same weights with the CME's token budget: E_I's grid tokens (the visual enhancer's base) and R_local
   * (its cues, beside R_global) enter it f x f average-pooled, so R-bar_visual comes out on a (g/f) x (g/f)
   * grid that the UNet upsamples to the latent as before. Every parameter keeps its name and shape.
   */
  public ReasonBrainConfig withCmePool(int f) {
    return new ReasonBrainConfig(name, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, f, image, patch, mllm, qformer, vae, unet);
  }

  /** The same model with {@code n} extra residual blocks per upper level of the autoencoder's decoder. */
  public ReasonBrainConfig withDecoderBlocks(int n) {
    return new ReasonBrainConfig(name, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, vae.withDecoderBlocks(n), unet);
  }

  /** The same model with (or without) the decoder's source-image branch ({@link Autoencoder.Config#sourceBranch()}). */
  public ReasonBrainConfig withDecoderSource(boolean on) {
    return new ReasonBrainConfig(name, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, vae.withSourceBranch(on), unet);
  }

  /** The same model with the decoder's source branch gated at latent change {@code threshold} ({@link Autoencoder.Config#sourceGate()}). */
  public ReasonBrainConfig withDecoderSourceGate(double threshold) {
    return new ReasonBrainConfig(name, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, vae.withSourceGate(threshold), unet);
  }

  /** A run's or model's shapes: its preset, with the decoder blocks its config.json records (0 when absent). */
  public static ReasonBrainConfig of(String preset, int decoderBlocks) {
    return of(preset, decoderBlocks, false);
  }

  /** As {@link #of(String, int)}, with the decoder's source branch when its config.json records {@code decoderSource}. */
  public static ReasonBrainConfig of(String preset, int decoderBlocks, boolean decoderSource) {
    return preset(preset).withDecoderBlocks(decoderBlocks).withDecoderSource(decoderSource);
  }

  /** The names {@link #preset} accepts. */
  public static final java.util.List<String> PRESETS =
      java.util.List.of("tiny", "tiny-cme-pool2", "tiny-pixel", "tiny-vae64", "tiny-latent8", "ip2p", "mllm-only", "tiny-no-frce", "tiny-no-id", "tiny-no-cme");

  /**
   * A named preset: tiny, tiny-cme-pool2 (tiny's weights with the CME's token budget, see {@link #withCmePool}), tiny-pixel
   * (tiny with the UNet's source-pixel stem, {@link UNet.Config#pixelStem()}; every tiny weight keeps its name and shape),
   * tiny-vae64 (tiny with an autoencoder of 64 base channels instead of 32, the latent unchanged) and tiny-latent8 (tiny
   * with 8 latent channels instead of 4, autoencoder and UNet: a new latent, so a tiny run's encoder output, decoder input and
   * UNet input and output convolutions do not load into it, the rest does), the Table 2 baselines ip2p and mllm-only, and the Table 4 ablations of tiny
   * (no-frce: neither FRCE branch nor the ID controller; no-id: FRCE without the ID controller; no-cme:
   * neither enhancer). Paper-size shapes are in {@link PaperPresets}.
   */
  public static ReasonBrainConfig preset(String name) {
    return switch (name) {
      case "tiny" -> tiny();
      case "tiny-cme-pool2" -> tiny().renamed(name).withCmePool(2);
      case "tiny-pixel" -> tiny().renamed(name).withUnet(tiny().unet().withPixelStem(true));
      case "tiny-vae64" -> tiny().renamed(name).withVae(new Autoencoder.Config(64, tiny().vae().latent(), tiny().vae().scale()));
      case "tiny-latent8" -> tiny().renamed(name).withDiffusion(new Autoencoder.Config(tiny().vae().channels(), 8, tiny().vae().scale()),
          new UNet.Config(tiny().unet().channels(), 8, tiny().unet().contextDim(), tiny().unet().heads(), false));
      case "ip2p" -> tiny().withVariant(Variant.IP2P);
      case "mllm-only" -> tiny().withVariant(Variant.MLLM_ONLY);
      case "tiny-no-frce" -> tiny().renamed(name).withSwitches(new Switches(false, false, false, true, true));
      case "tiny-no-id" -> tiny().renamed(name).withSwitches(new Switches(true, true, false, true, true));
      case "tiny-no-cme" -> tiny().renamed(name).withSwitches(new Switches(true, true, true, false, false));
      default -> throw new IllegalArgumentException("unknown preset '" + name + "' (" + String.join(", ", PRESETS) + ")");
    };
  }

  /** The same model with another autoencoder (its decoder blocks and source branch as given) of the same latent. */
  public ReasonBrainConfig withVae(Autoencoder.Config v) {
    return withDiffusion(v, unet);
  }

  /** The same model with another autoencoder and UNet (for another latent: their latent channels must agree). */
  public ReasonBrainConfig withDiffusion(Autoencoder.Config v, UNet.Config u) {
    return new ReasonBrainConfig(name, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, v, u);
  }

  /** The same model with another UNet configuration (for example {@link UNet.Config#withPixelStem}). */
  public ReasonBrainConfig withUnet(UNet.Config u) {
    return new ReasonBrainConfig(name, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, vae, u);
  }

  private ReasonBrainConfig renamed(String n) {
    return new ReasonBrainConfig(n, variant, switches, imageSize, dim, textDim, maxRegions, maxObjects, idLayers, cmeTokens,
        heads, mllmPool, cmePool, image, patch, mllm, qformer, vae, unet);
  }
}
