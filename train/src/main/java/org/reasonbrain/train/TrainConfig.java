package org.reasonbrain.train;

/**
 * Hyper-parameters of one training run. Paper values (App. D): AdamW, lr 1e-3, weight decay 1e-2,
 * batch 16; the tiny CPU runs use smaller rates for the diffusion stages.
 */
public record TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr,
    int warmup, double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery) {
  public TrainConfig {
    if (steps < 1 || batch < 1 || accumulate < 1) {
      throw new IllegalArgumentException("steps, batch and accumulation must be at least 1");
    }
    if (lr <= 0) {
      throw new IllegalArgumentException("learning rate must be positive, got " + lr);
    }
    if (dropText + dropImage + dropBoth >= 1) {
      throw new IllegalArgumentException("conditioning dropout probabilities must sum to less than 1");
    }
  }

  public TrainConfig withSteps(int n) {
    return new TrainConfig(stage, preset, seed, n, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage,
        dropBoth, saveEvery);
  }

  /** Defaults per stage for the tiny preset. */
  public static TrainConfig defaults(Stage stage, String preset, int steps) {
    double lr = switch (stage) {
      case VAE, REASONBRAIN -> 2e-4;
      case CLIP, LM -> 1e-3;
    };
    return new TrainConfig(stage, preset, 1, steps, 8, 1, lr, Math.min(100, steps / 10), 1e-2, 1.0, 0.05, 0.05, 0.05,
        Math.max(50, steps / 10));
  }
}
