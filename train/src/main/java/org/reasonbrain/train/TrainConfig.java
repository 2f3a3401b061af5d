package org.reasonbrain.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hyper-parameters of one training run. Paper values (App. D): AdamW, lr 1e-3, weight decay 1e-2,
 * batch 16; the tiny CPU runs use smaller rates for the diffusion stages.
 *
 * <p>Reasonbrain stage only: {@code cache} reads the frozen encoders' output from a per-sample
 * {@link FeatureCache}; {@code regionWeight} weights L_DM by 1 + regionWeight x (the latent cell
 * changes between source and target), normalised by the mean weight (0 = the plain L_DM of Eq. A2; in the
 * decoder stage with {@code decoderSource} and in the vae and autoencoder stages it weighs the reconstruction's changed pixels);
 * {@code emaDecay} keeps an EMA of the trainable weights for sampling (0 = off); {@code evalEvery}
 * scores a fixed val subset every so many steps (0 = never) into accuracy.csv / accuracy.png.
 *
 * <p>{@code decoderBlocks}: extra residual blocks per upper level of the autoencoder's decoder (see
 * {@code Autoencoder}); the decoder stage grows a decoder with them, and the run's config.json records it.
 *
 * <p>{@code minSnr}: reasonbrain stage, Min-SNR-gamma loss weighting (Hang et al. 2023) of L_DM: each sample's
 * epsilon error weighted by min(SNR(t), gamma) / SNR(t), which lowers the weight of the least noisy
 * timesteps (0 = off, the plain L_DM; 5 is the paper's gamma).
 *
 * <p>{@code oversample}: reasonbrain, autoencoder and decoder stages, family name -> factor: each train sample of that family is drawn
 * factor times as often as a sample of an unlisted family (a curriculum towards the families a model gets
 * wrong; empty = uniform draws, the earlier runs' batches exactly).
 *
 * <p>{@code anchor}: autoencoder stage, the weight of the mean squared distance between the fine-tuned encoder's
 * latent means and the starting encoder's (0 = free; elsewhere 0).
 *
 * <p>{@code decoderSource}: the model's decoder reads the edit's source image (see {@code Autoencoder}); in the
 * decoder stage only that branch is trained, on (source, target) pairs, and the run's config.json records it.
 *
 * <p>{@code latentMix} M: decoder stage with {@code decoderSource}, latents that look like a sampler's rather than the
 * encoder's (0 = off). Each image's latent is moved back towards its pair's by a fraction drawn from U(0, M) (a partly
 * made edit; the reconstruction target stays the image itself) and gets Gaussian noise of a standard deviation drawn
 * from U(0, M / 2) times the latent's own RMS (the sampler's error), so the branch learns to finish a change the
 * latent only starts and to keep the source where the latent roughly matches it, instead of copying the source
 * wherever the latent is unsure.
 *
 * <p>{@code balanceKept}: decoder stage with {@code decoderSource}, each image's loss is half the mean error over the
 * pixels its edit changes and half the mean over the pixels it keeps, whatever their shares (instead of
 * {@code regionWeight}'s fixed 1 + W on the changed pixels, which a scene whose background changes around an
 * unchanged house turns against the house): the branch must keep a small unchanged object inside a changed scene as
 * exactly as it must redraw a small change inside a kept one.
 *
 * <p>{@code trainOnly}: reasonbrain stage, parameter-name prefixes (for example {@code unet.}): of the weights the stage
 * trains, only those whose name starts with one of them are updated; the rest stay as {@code --init} left them, and no
 * gradient is computed for them (empty = every weight the stage trains). A continuation can so teach one block a new
 * relation without moving what the others learnt.
 */
public record TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr,
    int warmup, double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery,
    boolean cache, double regionWeight, double emaDecay, int evalEvery, int decoderBlocks, double minSnr,
    Map<String, Double> oversample, double anchor, boolean decoderSource, double latentMix, boolean balanceKept,
    List<String> trainOnly) {
  public TrainConfig {
    List<String> only = new ArrayList<>();
    for (String prefix : trainOnly == null ? List.<String>of() : trainOnly) {
      if (prefix == null || prefix.isBlank()) {
        throw new IllegalArgumentException("--train-only: a parameter prefix is empty");
      }
      if (!only.contains(prefix.strip())) {
        only.add(prefix.strip());
      }
    }
    if (!only.isEmpty() && stage != Stage.REASONBRAIN) {
      throw new IllegalArgumentException("--train-only is for the reasonbrain stage, not " + stage.label());
    }
    trainOnly = List.copyOf(only);
    if (balanceKept && !(stage == Stage.DECODER && decoderSource)) {
      throw new IllegalArgumentException("--balance-kept is for the decoder stage with --decoder-source, not " + stage.label()
          + (decoderSource ? "" : " without it"));
    }
    if (!(latentMix >= 0) || latentMix > 1) {
      throw new IllegalArgumentException("latent mix must be in [0, 1] (0 = off), got " + latentMix);
    }
    if (latentMix > 0 && !(stage == Stage.DECODER && decoderSource)) {
      throw new IllegalArgumentException("--latent-mix is for the decoder stage with --decoder-source, not " + stage.label()
          + (decoderSource ? "" : " without it"));
    }
    if (decoderSource && stage == Stage.AUTOENCODER) {
      throw new IllegalArgumentException("--decoder-source is grown by the decoder stage (the autoencoder stage fine-tunes the encoder)");
    }
    if (!(anchor >= 0) || Double.isInfinite(anchor)) {
      throw new IllegalArgumentException("anchor weight must be a finite number >= 0, got " + anchor);
    }
    if (anchor > 0 && stage != Stage.AUTOENCODER) {
      throw new IllegalArgumentException("--anchor is for the autoencoder stage, not " + stage.label());
    }
    if (emaDecay > 0 && stage == Stage.AUTOENCODER) {
      throw new IllegalArgumentException("--ema is not kept by the autoencoder stage (its run folder is read as it is by --init and eval)");
    }
    TreeMap<String, Double> ov = new TreeMap<>();
    if (oversample != null) {
      for (Map.Entry<String, Double> e : oversample.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank()) {
          throw new IllegalArgumentException("oversample: a family name is empty");
        }
        ov.put(e.getKey(), checkFactor(e.getKey(), e.getValue()));
      }
    }
    if (!ov.isEmpty() && stage != Stage.REASONBRAIN && stage != Stage.AUTOENCODER && stage != Stage.DECODER) {
      throw new IllegalArgumentException("--oversample is for the reasonbrain, autoencoder and decoder stages, not " + stage.label());
    }
    oversample = Collections.unmodifiableMap(ov);
    if (!(minSnr >= 0) || Double.isInfinite(minSnr)) {
      throw new IllegalArgumentException("min-SNR gamma must be a finite number >= 0 (0 = off), got " + minSnr);
    }
    if (decoderBlocks < 0 || decoderBlocks > 8) {
      throw new IllegalArgumentException("decoder blocks must be 0 to 8, got " + decoderBlocks);
    }
    if (steps < 1 || batch < 1 || accumulate < 1) {
      throw new IllegalArgumentException("steps, batch and accumulation must be at least 1");
    }
    if (lr <= 0) {
      throw new IllegalArgumentException("learning rate must be positive, got " + lr);
    }
    if (dropText + dropImage + dropBoth >= 1) {
      throw new IllegalArgumentException("conditioning dropout probabilities must sum to less than 1");
    }
    if (regionWeight < 0) {
      throw new IllegalArgumentException("region weight must not be negative, got " + regionWeight);
    }
    if (emaDecay < 0 || emaDecay >= 1) {
      throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + emaDecay);
    }
    if (evalEvery < 0) {
      throw new IllegalArgumentException("eval interval must not be negative, got " + evalEvery);
    }
  }

  /** Training every weight the stage trains. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery, int decoderBlocks, double minSnr, Map<String, Double> oversample,
      double anchor, boolean decoderSource, double latentMix, boolean balanceKept) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, minSnr, oversample, anchor, decoderSource, latentMix,
        balanceKept, List.of());
  }

  /** Without the kept balance. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery, int decoderBlocks, double minSnr, Map<String, Double> oversample,
      double anchor, boolean decoderSource, double latentMix) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, minSnr, oversample, anchor, decoderSource, latentMix, false);
  }

  /** Without latent mixing. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery, int decoderBlocks, double minSnr, Map<String, Double> oversample,
      double anchor, boolean decoderSource) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, minSnr, oversample, anchor, decoderSource, 0);
  }

  /** Without oversampled families. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery, int decoderBlocks, double minSnr) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, minSnr, Map.of(), 0, false, 0);
  }

  /** Without the decoder's source branch. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery, int decoderBlocks, double minSnr, Map<String, Double> oversample,
      double anchor) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, minSnr, oversample, anchor, false, 0);
  }

  /** Without min-SNR weighting. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery, int decoderBlocks) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, 0);
  }

  /** Without extra decoder blocks. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery, boolean cache,
      double regionWeight, double emaDecay, int evalEvery) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, cache, regionWeight, emaDecay, evalEvery, 0);
  }

  /** The classic settings of the earlier trainer: no cache, plain L_DM, no EMA, no accuracy curve. */
  public TrainConfig(Stage stage, String preset, long seed, int steps, int batch, int accumulate, double lr, int warmup,
      double weightDecay, double clipNorm, double dropText, double dropImage, double dropBoth, int saveEvery) {
    this(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage, dropBoth,
        saveEvery, false, 0, 0, 0);
  }

  public TrainConfig withSteps(int n) {
    return with(b -> b.steps = n);
  }

  /** The same run with {@code n} extra decoder blocks. */
  public TrainConfig withDecoderBlocks(int n) {
    return with(b -> b.decoderBlocks = n);
  }

  /** The same run with (or without) the decoder's source-image branch (see {@code Autoencoder}). */
  public TrainConfig withDecoderSource(boolean on) {
    return with(b -> b.decoderSource = on);
  }

  /** The same run with latent mixing {@code mix} (see the class comment; 0 = off). */
  public TrainConfig withLatentMix(double mix) {
    return with(b -> b.latentMix = mix);
  }

  /** The same run with (or without) the kept balance of the decoder stage's loss (see the class comment). */
  public TrainConfig withBalanceKept(boolean on) {
    return with(b -> b.balanceKept = on);
  }

  /** The same run with Min-SNR-gamma weighting of L_DM (0 = off). */
  public TrainConfig withMinSnr(double gamma) {
    return with(b -> b.minSnr = gamma);
  }

  /** The same run drawing each sample of family f {@code factors.get(f)} times as often as the rest. */
  public TrainConfig withOversample(Map<String, Double> factors) {
    return with(b -> b.oversample = factors);
  }

  /**
   * Parses {@code FAMILY=FACTOR[,FAMILY=FACTOR...]} (for example {@code tap=3,ripen=2.5}); an empty or blank
   * spec is no oversampling.
   */
  public static Map<String, Double> parseOversample(String spec) {
    Map<String, Double> out = new TreeMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException("--oversample: '" + p + "' is not FAMILY=FACTOR (for example tap=3)");
      }
      String family = p.substring(0, eq).strip();
      double f;
      try {
        f = Double.parseDouble(p.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--oversample: the factor of '" + family + "' is not a number: " + p.substring(eq + 1));
      }
      if (out.put(family, checkFactor(family, f)) != null) {
        throw new IllegalArgumentException("--oversample: family '" + family + "' is given twice");
      }
    }
    return out;
  }

  private static double checkFactor(String family, Double f) {
    if (f == null || !(f > 0) || Double.isInfinite(f)) {
      throw new IllegalArgumentException("--oversample: the factor of '" + family + "' must be a finite number > 0, got " + f);
    }
    return f;
  }

  /** The same run updating only the weights whose names start with one of {@code prefixes} (empty = all; see the class comment). */
  public TrainConfig withTrainOnly(List<String> prefixes) {
    return with(b -> b.trainOnly = prefixes);
  }

  /** Parses {@code PREFIX[,PREFIX...]} (for example {@code unet.,cme.}); a null or blank spec is every weight. */
  public static List<String> parseTrainOnly(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      if (part.isBlank()) {
        throw new IllegalArgumentException("--train-only: '" + spec + "' has an empty prefix (write PREFIX[,PREFIX...], for example unet.)");
      }
      out.add(part.strip());
    }
    return out;
  }

  /** The same run with the autoencoder stage's latent anchor weight (see {@link Stage#AUTOENCODER}). */
  public TrainConfig withAnchor(double weight) {
    return with(b -> b.anchor = weight);
  }

  /** The same run with the reasonbrain-stage options set. */
  public TrainConfig withOptions(boolean cache, double regionWeight, double emaDecay, int evalEvery) {
    return with(b -> {
      b.cache = cache;
      b.regionWeight = regionWeight;
      b.emaDecay = emaDecay;
      b.evalEvery = evalEvery;
    });
  }

  /** Defaults per stage for the tiny preset. */
  public static TrainConfig defaults(Stage stage, String preset, int steps) {
    double lr = switch (stage) {
      case VAE, REASONBRAIN, DECODER -> 2e-4;
      case AUTOENCODER -> 1e-4;
      case CLIP, LM -> 1e-3;
    };
    boolean rb = stage == Stage.REASONBRAIN;
    return new TrainConfig(stage, preset, 1, steps, 8, 1, lr, Math.min(100, steps / 10), 1e-2, 1.0, 0.05, 0.05, 0.05,
        Math.max(50, steps / 10), rb, rb ? 9 : 0, rb ? 0.999 : 0, 0).withAnchor(stage == Stage.AUTOENCODER ? 1.0 : 0);
  }

  /** This config with {@code change} applied to a copy of its fields, built (and so re-checked) as a new record. */
  private TrainConfig with(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy of a config's fields: each {@code withX} changes one and builds (and so re-checks) a new record. */
  private static final class Copy {
    private Stage stage;
    private String preset;
    private long seed;
    private int steps;
    private int batch;
    private int accumulate;
    private double lr;
    private int warmup;
    private double weightDecay;
    private double clipNorm;
    private double dropText;
    private double dropImage;
    private double dropBoth;
    private int saveEvery;
    private boolean cache;
    private double regionWeight;
    private double emaDecay;
    private int evalEvery;
    private int decoderBlocks;
    private double minSnr;
    private Map<String, Double> oversample;
    private double anchor;
    private boolean decoderSource;
    private double latentMix;
    private boolean balanceKept;
    private List<String> trainOnly;

    Copy(TrainConfig c) {
      stage = c.stage;
      preset = c.preset;
      seed = c.seed;
      steps = c.steps;
      batch = c.batch;
      accumulate = c.accumulate;
      lr = c.lr;
      warmup = c.warmup;
      weightDecay = c.weightDecay;
      clipNorm = c.clipNorm;
      dropText = c.dropText;
      dropImage = c.dropImage;
      dropBoth = c.dropBoth;
      saveEvery = c.saveEvery;
      cache = c.cache;
      regionWeight = c.regionWeight;
      emaDecay = c.emaDecay;
      evalEvery = c.evalEvery;
      decoderBlocks = c.decoderBlocks;
      minSnr = c.minSnr;
      oversample = c.oversample;
      anchor = c.anchor;
      decoderSource = c.decoderSource;
      latentMix = c.latentMix;
      balanceKept = c.balanceKept;
      trainOnly = c.trainOnly;
    }

    TrainConfig build() {
      return new TrainConfig(stage, preset, seed, steps, batch, accumulate, lr, warmup, weightDecay, clipNorm, dropText, dropImage,
          dropBoth, saveEvery, cache, regionWeight, emaDecay, evalEvery, decoderBlocks, minSnr, oversample, anchor, decoderSource,
          latentMix, balanceKept, trainOnly);
    }
  }
}
