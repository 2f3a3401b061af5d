package org.reasonbrain.train;

/** The training stages the default model needs, in the order they run. */
public enum Stage {
  /** The KL autoencoder: reconstruction + KL. */
  VAE,
  /** The image encoder E_I, contrastively against MiniLM embeddings of the world's captions. */
  CLIP,
  /** The MLLM's base weights, next-token prediction on the world's fact corpus. */
  LM,
  /** The full model: L = L_MLLM (Eq. A1) + L_DM (Eq. A2). */
  REASONBRAIN,
  /**
   * The autoencoder's decoder alone, its encoder frozen: a sharper drop-in decoder (as Stable Diffusion's
   * ft-MSE VAE): latents, the feature cache and a trained UNet all stay valid.
   */
  DECODER,
  /**
   * The whole autoencoder fine-tuned from a trained run ({@code --init}), its latent means held near the starting
   * encoder's by an anchor term: a sharper encoder whose latents a trained reasonbrain stage still nearly reads
   * (a short reasonbrain continuation on the new latents, whose feature cache is rebuilt, closes the rest).
   */
  AUTOENCODER;

  public static Stage parse(String s) {
    try {
      return valueOf(s.toUpperCase().replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown stage '" + s + "' (vae, clip, lm, reasonbrain, decoder, autoencoder)");
    }
  }

  public String label() {
    return name().toLowerCase();
  }
}
