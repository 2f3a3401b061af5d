package org.reasonbrain.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.core.Rng;
import org.reasonbrain.core.io.AtomicDirs;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;
import org.reasonbrain.core.nn.Parameter;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.diffusion.Autoencoder;
import org.reasonbrain.model.encoders.ClipHead;
import org.reasonbrain.model.encoders.ImageEncoder;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;
import org.reasonbrain.model.encoders.TextEncoder;
import org.reasonbrain.model.encoders.WordPieceTokenizer;
import org.reasonbrain.sampling.NoiseSchedule;

/**
 * One trainer for every stage (vae, clip, lm, reasonbrain) and every preset, so baselines and
 * ablations are trained the same way. A run folder holds {@code config.json}, {@code log.csv},
 * {@code loss.png} and {@code checkpoint/} (model, optimizer state, step and random state), written
 * atomically; {@code resume} continues bit for bit.
 */
public final class Trainer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrainConfig cfg;
  private final Dataset dataset;
  private final Path run;
  private final TextEncoder text;
  private final NDManager base = NDManager.newBaseManager();
  private final ReasonBrain model;
  private final ClipHead clipHead;
  private final AdamW optimizer;
  private final LrSchedule schedule;
  private final NoiseSchedule noise = NoiseSchedule.stableDiffusion();
  private final List<double[]> log = new ArrayList<>();
  private Rng rng;
  private int step;
  private TrainingData data;
  private double[] drawWeights;
  private List<int[]> corpus;
  private FeatureCache cache;
  private Path cacheDir;
  /** Autoencoder stage: the starting encoder, frozen (its latent means anchor the fine-tuned encoder's). */
  private Autoencoder anchor;
  private boolean initialised;
  private float[] nullFinest;
  private float[] nullTokens;
  private Probe probe;
  private final List<double[]> accuracy = new ArrayList<>();
  private java.util.function.Consumer<String> warn = w -> System.err.println("warning: " + w);
  private Progress cacheProgress = Progress.NONE;
  private OwnEdits ownEdits;

  /**
   * Rows of each batch that L_MLLM is estimated on (see MllmDecoder.imgGuidance): its vocabulary head
   * over 30,530 classes cost about a sixth of a step when computed on all 32.
   */
  static final int MLLM_LOSS_ROWS = 8;

  /** A latent cell counts as changed by the edit when its largest pixel change exceeds this (in [0, 1]). */
  static final double CHANGE_THRESHOLD = 0.05;

  /** Scores a model on a fixed subset (the accuracy curve); supplied by the caller, who owns the editor and the judge. */
  @FunctionalInterface
  public interface Probe {
    /** Lenient and strict accuracy and the number of samples. */
    record Score(double lenient, double strict, int n) {}

    Score score(ReasonBrain model) throws IOException;
  }

  public Trainer(TrainConfig cfg, Dataset dataset, Path run, TextEncoder text) {
    this.cfg = cfg;
    this.dataset = dataset;
    this.run = run;
    this.text = text;
    ReasonBrainConfig mc = ReasonBrainConfig.of(cfg.preset(), cfg.decoderBlocks(), cfg.decoderSource());
    this.model = new ReasonBrain(base, cfg.seed(), mc);
    this.clipHead = new ClipHead(base, new Random(cfg.seed() + 1), text.dim(), mc.image().dim());
    this.optimizer = new AdamW(0.9, 0.999, 1e-8, cfg.weightDecay());
    this.schedule = new LrSchedule(cfg.lr(), cfg.warmup(), cfg.steps(), 0.1);
    this.rng = new Rng(cfg.seed() * 31 + 17);
    setTrainable();
  }

  public ReasonBrain model() {
    return model;
  }

  /** Where the feature cache lives (default: the dataset's {@code .cache/} folder). */
  public Trainer cacheDir(Path dir) {
    this.cacheDir = dir;
    return this;
  }

  /**
   * Decoder stage: also learn from this model's own edits ({@code reasonbrain model own-edits}, made of this run's
   * dataset): each step decodes as many of their latents as the batch has pairs, each beside its source under the
   * pipeline's edit mask, against the sample's true target; the whole decoder trains (the branch and the plain decoder).
   */
  public Trainer ownEdits(Path file) throws IOException {
    if (cfg.stage() != Stage.DECODER || !cfg.decoderSource()) {
      throw new IllegalArgumentException("--own-edits is for the decoder stage with --decoder-source, not " + cfg.stage().label()
          + (cfg.decoderSource() ? "" : " without it"));
    }
    var vc = model.vae().config();
    int side = model.config().imageSize() / 4;
    this.ownEdits = OwnEdits.load(file, data().samples(), new long[] {vc.latent(), side, side});
    setTrainable();
    return this;
  }

  /** Progress display of the feature-cache build. */
  public Trainer cacheProgress(Progress p) {
    this.cacheProgress = p;
    return this;
  }

  private ReasonBrain.Laps laps = st -> {};

  /** A stopwatch for the benchmark: stages of the reasonbrain step (batch, the model's blocks, backward, optimizer). */
  public Trainer laps(ReasonBrain.Laps l) {
    this.laps = l == null ? st -> {} : l;
    model.laps(l);
    return this;
  }

  /** Evaluates this probe every {@code evalEvery} steps (with the EMA weights when EMA is on). */
  public Trainer probe(Probe p) {
    this.probe = p;
    return this;
  }

  public int step() {
    return step;
  }

  /** Which weights this stage trains. */
  private void setTrainable() {
    model.setTrainable(false);
    clipHead.setTrainable(cfg.stage() == Stage.CLIP);
    switch (cfg.stage()) {
      case VAE -> model.vae().setTrainable(true);
      // With the source branch, only the branch: the plain decoder (decode without a source) stays as it was.
      case DECODER -> (cfg.decoderSource() && ownEdits == null ? model.vae().sourceBranchParameters() : model.vae().decoderParameters())
          .values().forEach(p -> p.setTrainable(true));
      case AUTOENCODER -> model.vae().setTrainable(true);
      case CLIP -> model.imageEncoder().setTrainable(true);
      case LM -> {
        requireMllm();
        model.mllm().parameters().forEach((n, p) -> p.setTrainable(!n.contains("lora_") && !n.startsWith("img_")));
      }
      case REASONBRAIN -> {
        model.setTrainable(true);
        model.vae().setTrainable(false);
        // E_I stays frozen, as the paper keeps its CLIP image encoder frozen (so it can be cached).
        model.imageEncoder().setTrainable(false);
        if (model.mllm() != null) {
          model.mllm().freezeBase();
        }
        restrictTrainable(cfg.trainOnly());
      }
    }
  }

  /**
   * {@code --train-only}: of the weights the stage trains, keeps trainable only those whose name starts with one of the
   * prefixes (none = all). A prefix that names no trainable weight is an error that lists the blocks there are.
   */
  private void restrictTrainable(List<String> prefixes) {
    if (prefixes.isEmpty()) {
      return;
    }
    Map<String, Parameter> all = model.parameters();
    for (String prefix : prefixes) {
      if (all.entrySet().stream().noneMatch(e -> e.getValue().trainable() && e.getKey().startsWith(prefix))) {
        java.util.TreeSet<String> blocks = new java.util.TreeSet<>();
        all.forEach((n, p) -> {
          if (p.trainable()) {
            blocks.add(n.contains(".") ? n.substring(0, n.indexOf('.') + 1) : n);
          }
        });
        throw new IllegalArgumentException("--train-only: no weight this stage trains starts with '" + prefix + "' (blocks: "
            + String.join(", ", blocks) + ")");
      }
    }
    all.forEach((n, p) -> {
      if (p.trainable() && prefixes.stream().noneMatch(n::startsWith)) {
        p.setTrainable(false);
      }
    });
  }

  private void requireMllm() {
    if (model.mllm() == null) {
      throw new IllegalArgumentException("preset '" + cfg.preset() + "' has no MLLM to pretrain");
    }
  }

  /** Loads every weight of a previous stage's run whose name and shape match; returns how many. */
  public int initFrom(Path previousRun) throws IOException {
    Path f = previousRun.resolve("checkpoint/model.safetensors");
    if (!Files.isRegularFile(f)) {
      throw new IOException(previousRun + ": no checkpoint/model.safetensors (not a finished run?)");
    }
    Safetensors.Contents c = Safetensors.read(f);
    int n = 0;
    for (var e : model.parameters().entrySet()) {
      Safetensors.Tensor t = c.tensors().get(e.getKey());
      if (t != null && java.util.Arrays.equals(t.shape(), e.getValue().value().getShape().getShape())) {
        e.getValue().assign(t.toFloats());
        n++;
      }
    }
    setTrainable();
    initialised = true;
    return n;
  }

  /** Trains until {@code cfg.steps()}; with {@code resume}, continues from the run's checkpoint. */
  public void train(boolean resume, Progress progress) throws IOException {
    trainUntil(resume, cfg.steps(), progress);
  }

  /** Trains a fresh run for its first {@code stop} steps only (the schedule still spans all steps), then saves. */
  public void trainUntil(int stop, Progress progress) throws IOException {
    trainUntil(false, stop, progress);
  }

  private void trainUntil(boolean resume, int stop, Progress progress) throws IOException {
    if (cfg.stage() == Stage.AUTOENCODER && !resume && !initialised) {
      throw new IllegalArgumentException("the autoencoder stage fine-tunes a trained autoencoder: pass --init RUN (a run or model folder)");
    }
    recoverCheckpoint();
    if (resume) {
      restore();
    } else if (Files.exists(run.resolve("checkpoint"))) {
      throw new IOException(run + " already holds a checkpoint; pass --resume to continue it or choose another --out");
    }
    Files.createDirectories(run);
    writeConfig();
    Map<String, Parameter> trainable = trainableParameters();
    if (cfg.stage() == Stage.REASONBRAIN && cfg.cache()) {
      openCache();
    }
    if (cfg.stage() == Stage.AUTOENCODER) {
      openAnchor(resume);
    }
    progress.start("training " + cfg.stage().label() + " (" + cfg.preset() + ")", cfg.steps());
    progress.resumedAt(step);
    try {
      while (step < stop) {
        long t0 = System.nanoTime();
        double[] losses;
        try {
          losses = trainStep(trainable);
        } catch (NonFiniteStepException e) {
          // The update was refused, so the weights are step's: keep them (and the log) before stopping.
          save();
          throw new NonFiniteStepException("training stopped at step " + (step + 1) + ": " + e.getMessage() + "; step " + step
              + " is saved in " + run + " (--resume continues from it). A NaN that recurs at random steps is a CPU kernel's: "
              + "the launcher keeps oneDNN at AVX (ONEDNN_MAX_CPU_ISA=AVX), since its AVX2 and AVX-512 convolutions return NaN "
              + "gradients now and then on some CPUs; check that setting if you run java directly.");
        }
        step++;
        log.add(new double[] {step, losses[0], losses[1], losses[2], schedule.at(step), (System.nanoTime() - t0) / 1e9});
        progress.advance(1);
        if (probe != null && cfg.evalEvery() > 0 && (step % cfg.evalEvery() == 0 || step == stop)) {
          runProbe();
        }
        if (step % cfg.saveEvery() == 0 || step == stop) {
          save();
        }
      }
    } finally {
      progress.finish();
    }
  }

  private Map<String, Parameter> trainableParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    model.parameters().forEach((k, p) -> {
      if (p.trainable()) {
        out.put(k, p);
      }
    });
    clipHead.parameters().forEach((k, p) -> {
      if (p.trainable()) {
        out.put("clip_head." + k, p);
      }
    });
    if (out.isEmpty()) {
      throw new IllegalStateException("stage " + cfg.stage().label() + " has nothing to train in preset " + cfg.preset());
    }
    return out;
  }

  /** One optimizer step over {@code accumulate} micro-batches; returns {total, l_dm or stage loss, l_mllm}. */
  private double[] trainStep(Map<String, Parameter> trainable) {
    double[] out = new double[3];
    try (NDManager stepManager = base.newSubManager()) {
      model.tempAttach(stepManager);
      clipHead.tempAttach(stepManager);
      if (anchor != null) {
        anchor.tempAttach(stepManager);                            // once per step, as the model (not per micro-batch)
      }
      for (int a = 0; a < cfg.accumulate(); a++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray[] l = loss(stepManager);
          for (int i = 0; i < 3; i++) {
            out[i] += l[i] == null ? 0 : l[i].getFloat() / cfg.accumulate();
          }
          laps.lap("loss");
          gc.backward(Ops.div(l[0], cfg.accumulate()));
          laps.lap("backward");
        }
      }
      optimizer.update(trainable, schedule.at(step + 1), base, cfg.clipNorm(),
          cfg.stage() == Stage.REASONBRAIN || cfg.stage() == Stage.DECODER ? emaDecay(step + 1, cfg.emaDecay()) : 0);
      laps.lap("optimizer");
    }
    return out;
  }

  /**
   * The EMA decay at an optimizer step, warmed up as diffusers' EMAModel does: min(decay, (1 + t) / (10 + t)),
   * so that the EMA does not hold on to the initial weights for thousands of steps (with a constant 0.999
   * half of the EMA was still the initial weights after 700 steps).
   */
  static double emaDecay(long t, double decay) {
    return decay <= 0 ? 0 : Math.min(decay, (1.0 + t) / (10.0 + t));
  }

  /** The stage's loss on one fresh batch: {total, main part, MLLM part}. */
  private NDArray[] loss(NDManager m) {
    return switch (cfg.stage()) {
      case VAE -> vaeLoss(m);
      case DECODER -> decoderLoss(m);
      case AUTOENCODER -> autoencoderLoss(m);
      case CLIP -> clipLoss(m);
      case LM -> lmLoss(m);
      case REASONBRAIN -> reasonBrainLoss(m);
    };
  }

  private TrainingData data() {
    if (data == null) {
      ReasonBrainConfig mc = model.config();
      data = new TrainingData(dataset, "train", text, mc.imageSize(), mc.maxRegions(), mc.maxObjects());
    }
    return data;
  }

  /** The reasonbrain, autoencoder and decoder stages' cumulative draw weights ({@link TrainConfig#oversample}); null = uniform. */
  private double[] drawWeights() {
    if (cfg.oversample().isEmpty()) {
      return null;
    }
    if (drawWeights == null) {
      drawWeights = data().cumulativeWeights(cfg.oversample());
      List<Sample> all = data().samples();
      long n = all.stream().filter(s -> s.family() != null && cfg.oversample().containsKey(s.family())).count();
      double total = drawWeights[all.size() - 1];
      double others = all.size() - n;                                  // every unlisted sample weighs 1
      System.err.printf(Locale.ROOT, "oversampling %s: %d of %d train samples (%.1f%%), %.1f%% of draws%n",
          cfg.oversample(), n, all.size(), 100.0 * n / all.size(), 100.0 * (total - others) / total);
    }
    return drawWeights;
  }

  /** The VAE stage: L1 + MSE (with a region weight, the changed pixels weighing 1 + W) + 1e-6 KL, sources and targets. */
  private NDArray[] vaeLoss(NDManager m) {
    TrainingData.Batch b = data().batch(m, rng, cfg.batch(), 0, 0, 0);
    NDArray x = b.inputs().source().concat(b.target(), 0);
    Autoencoder.Posterior post = model.vae().encode(x);
    NDArray rec = decodeSample(m, post);
    // With a region weight, the pixels an edit changes (the small objects the denoiser must draw) weigh 1 + regionWeight.
    NDArray recon = cfg.regionWeight() > 0
        ? weightedPixelLoss(rec, x, changedPair(b), cfg.regionWeight())
        : rec.sub(x).abs().mean().add(Ops.mse(rec, x));
    NDArray l = recon.add(Ops.mul(post.kl(), 1e-6));
    return new NDArray[] {l, l, null};
  }

  /**
   * The decoder stage: the frozen encoder's posterior sample (its own noise, so the decoder is robust to the
   * small errors of a sampled latent) decoded back; L1 + MSE + L1 of the image gradients, which the blur of
   * a plain L1/MSE decoder fails and a sharp one passes.
   */
  private NDArray[] decoderLoss(NDManager m) {
    TrainingData.Batch b = data().batch(m, rng, drawWeights(), cfg.batch(), 0, 0, 0);
    NDArray x = b.inputs().source().concat(b.target(), 0);
    Autoencoder.Posterior post = model.vae().encode(x);
    Autoencoder.Posterior fixed = new Autoencoder.Posterior(post.mean().stopGradient(), post.logvar().stopGradient());
    // With the source branch, each image is decoded beside the other image of its pair as the edit's source:
    // the target given the source (the edit) and the source given the target (the edit back).
    NDArray cond = cfg.decoderSource() ? b.target().concat(b.inputs().source(), 0) : null;
    NDArray z = cfg.latentMix() > 0 ? mixedSample(m, fixed) : posteriorSample(m, fixed);
    NDArray rec = model.vae().decode(Ops.mul(z, model.vae().config().scale()), cond);
    NDArray l;
    NDArray changed = cond != null && (cfg.balanceKept() || cfg.regionWeight() > 0)
        ? Autoencoder.changedPixels(b.target(), b.inputs().source()) : null;        // [B, 1, H, W]
    if (changed != null && cfg.balanceKept()) {
      l = balancedKeptLoss(rec, x, changed);
    } else if (changed != null) {
      // Pixels the edit changes weigh 1 + regionWeight (divided by the mean weight), so that a branch that copies the
      // source where the target differs (a banana's ripening, a few pixels) pays for it as the sharp rest pays off.
      l = regionWeightedLoss(rec, x, changed.concat(changed, 0), cfg.regionWeight());
    } else {
      l = sharpReconstructionLoss(rec, x);
    }
    if (ownEdits != null) {
      l = l.add(ownEditsLoss(m, b.target().getShape().get(0)));
    }
    return new NDArray[] {l, l, null};
  }

  /**
   * The decoder stage's loss on {@code n} of the model's own edits ({@link #ownEdits(Path)}), drawn uniformly: each
   * latent decoded beside its sample's source, the branch closed on its edit cells grown by one (as the pipeline
   * decodes it), against the sample's true target (L1 + MSE + L1 of the image gradients).
   */
  private NDArray ownEditsLoss(NDManager m, long n) {
    int[] idx = new int[Math.toIntExact(n)];
    List<org.reasonbrain.data.format.Sample> picked = new ArrayList<>();
    for (int i = 0; i < idx.length; i++) {
      idx[i] = rng.nextInt(ownEdits.size());
      picked.add(ownEdits.sample(idx[i]));
    }
    TrainingData.Batch own = data().exact(m, picked);
    long[] ls = ownEdits.latentShape();
    NDArray z = m.create(ownEdits.latents(idx), new Shape(n, ls[0], ls[1], ls[2]));
    float[] cells = ownEdits.editCells(idx);
    NDArray keep = cells == null ? null
        : Autoencoder.keepOutside(m.create(cells, new Shape(n, 1, ls[1], ls[2])).gt(0.5f));
    NDArray rec = model.vae().decode(z, own.inputs().source(), keep);
    if (cfg.regionWeight() > 0) {   // as the pairs: the pixels the edit changes weigh 1 + regionWeight
      return regionWeightedLoss(rec, own.target(), Autoencoder.changedPixels(own.target(), own.inputs().source()), cfg.regionWeight());
    }
    return sharpReconstructionLoss(rec, own.target());
  }

  /**
   * The decoder stage's latents under {@code --latent-mix} M (see {@link TrainConfig}): rows [sources; targets] of a
   * batch's posterior, each row's sample moved towards its pair's mean by a fraction from U(0, M) and given Gaussian
   * noise of a standard deviation from U(0, M / 2) times the row's RMS latent, unscaled as the posterior is.
   */
  private NDArray mixedSample(NDManager m, Autoencoder.Posterior post) {
    Shape shape = post.mean().getShape();
    int rows = Math.toIntExact(shape.get(0));
    int half = rows / 2;
    float[] toward = new float[rows];
    float[] noise = new float[rows];
    for (int i = 0; i < rows; i++) {
      toward[i] = (float) (rng.nextDouble() * cfg.latentMix());
      noise[i] = (float) (rng.nextDouble() * cfg.latentMix() / 2);
    }
    NDArray sample = posteriorSample(m, post);
    NDArray mean = post.mean();
    NDArray pairMean = mean.get(new NDIndex(half + ":")).concat(mean.get(new NDIndex(":" + half)), 0);
    NDArray perRow = m.create(toward, new Shape(rows, 1, 1, 1));
    NDArray rms = mean.square().reshape(rows, -1).mean(new int[] {1}).sqrt().reshape(rows, 1, 1, 1);
    NDArray jitter = m.create(rng.gaussians(Math.toIntExact(mean.size())), shape)
        .mul(rms.mul(m.create(noise, new Shape(rows, 1, 1, 1))));
    return sample.add(pairMean.sub(mean).mul(perRow)).add(jitter);
  }

  /**
   * The decoder stage's loss under {@code --balance-kept}: per image of rows [sources; targets], half the mean L1 + MSE
   * over the pixels its edit changes ({@code changed}: {@link Autoencoder#changedPixels} of each pair, [B, 1, H, W])
   * and half over the pixels it keeps (an image with no changed pixel: half its kept mean), averaged over the rows,
   * plus L1 of the image gradients.
   */
  static NDArray balancedKeptLoss(NDArray rec, NDArray x, NDArray changed) {
    NDArray rows = changed.concat(changed, 0);                                             // [2B, 1, H, W]
    NDArray kept = Ops.add(rows.neg(), 1);
    NDArray d = rec.sub(x);
    NDArray e = d.abs().add(d.square()).mean(new int[] {1}, true);                         // [2B, 1, H, W]
    int[] px = {1, 2, 3};
    NDArray onChanged = e.mul(rows).sum(px).div(rows.sum(px).maximum(1f));
    NDArray onKept = e.mul(kept).sum(px).div(kept.sum(px).maximum(1f));
    return onChanged.add(onKept).mul(0.5f).mean().add(gradientL1(rec, x));
  }

  /**
   * L1 + MSE with the pixels of {@code changed} [B, 1, H, W] weighing 1 + {@code weight} (divided by the mean weight), plus
   * L1 of the image gradients: so that a decoder that copies the source where the target differs (a banana's ripening,
   * a few pixels) pays for it as the sharp rest pays off.
   */
  private static NDArray regionWeightedLoss(NDArray rec, NDArray x, NDArray changed, double weight) {
    return weightedPixelLoss(rec, x, changed, weight).add(gradientL1(rec, x));
  }

  /** Where a batch's edits change the picture, for its [sources; targets] rows: [2B, 1, H, W]. */
  private static NDArray changedPair(TrainingData.Batch b) {
    NDArray changed = Autoencoder.changedPixels(b.target(), b.inputs().source());
    return changed.concat(changed, 0);
  }

  /** L1 + MSE with the pixels of {@code changed} [B, 1, H, W] weighing 1 + {@code weight}, divided by the mean weight. */
  private static NDArray weightedPixelLoss(NDArray rec, NDArray x, NDArray changed, double weight) {
    NDArray w = Ops.add(Ops.mul(changed, weight), 1);
    NDArray d = rec.sub(x);
    return d.abs().mul(w).mean().add(d.square().mul(w).mean()).div(w.mean());
  }

  /** L1 + MSE + L1 of the image gradients between a reconstruction and its image (decoder and autoencoder stages). */
  private static NDArray sharpReconstructionLoss(NDArray rec, NDArray x) {
    return rec.sub(x).abs().mean().add(Ops.mse(rec, x)).add(gradientL1(rec, x));
  }

  /** The decoded image of a sample of the posterior: mean + exp(logvar / 2) x the trainer's own noise, scaled. */
  private NDArray decodeSample(NDManager m, Autoencoder.Posterior post) {
    return model.vae().decode(Ops.mul(posteriorSample(m, post), model.vae().config().scale()));
  }

  /** A sample of the posterior (its own noise from the run's generator), unscaled as the posterior is. */
  private NDArray posteriorSample(NDManager m, Autoencoder.Posterior post) {
    NDArray eps = m.create(rng.gaussians(Math.toIntExact(post.mean().size())), post.mean().getShape());
    return post.mean().add(Ops.mul(post.logvar(), 0.5).exp().mul(eps));
  }

  /**
   * The autoencoder stage: the decoder stage's loss on the fine-tuned encoder's posterior sample, with the
   * gradient now reaching the encoder, + the VAE stage's KL + {@code anchor} x MSE between the latent means and
   * the starting encoder's (so that the latents a trained UNet denoises move only as far as the detail needs).
   */
  private NDArray[] autoencoderLoss(NDManager m) {
    TrainingData.Batch b = data().batch(m, rng, drawWeights(), cfg.batch(), 0, 0, 0);
    NDArray x = b.inputs().source().concat(b.target(), 0);
    Autoencoder.Posterior post = model.vae().encode(x);
    NDArray rec = decodeSample(m, post);
    // With a region weight, the pixels an edit changes (the objects the denoiser must draw) weigh 1 + regionWeight.
    NDArray recon = cfg.regionWeight() > 0 ? regionWeightedLoss(rec, x, changedPair(b), cfg.regionWeight())
        : sharpReconstructionLoss(rec, x);
    NDArray before = anchor.encode(x).mean().stopGradient();
    NDArray l = recon.add(Ops.mul(post.kl(), 1e-6)).add(Ops.mul(Ops.mse(post.mean(), before), cfg.anchor()));
    return new NDArray[] {l, recon, null};
  }

  /**
   * The autoencoder stage's frozen starting encoder: the {@code --init} run's, kept in the run folder as
   * {@code anchor.safetensors} (written atomically at a fresh start) so that {@code --resume} anchors to the same one.
   */
  private void openAnchor(boolean resume) throws IOException {
    Path file = run.resolve("anchor.safetensors");
    anchor = new Autoencoder(base, new Random(0), model.config().vae());
    anchor.setTrainable(false);
    if (resume) {
      if (!Files.isRegularFile(file)) {
        throw new IOException(run + ": no anchor.safetensors to resume the autoencoder stage with");
      }
      Checkpoints.load(anchor, file);
      return;
    }
    // A fresh start anchors to its own --init (replacing any anchor a start killed before its first save left).
    Map<String, Parameter> from = model.vae().parameters();
    anchor.parameters().forEach((k, p) -> p.assign(from.get(k).value().toFloatArray()));
    Path tmp = run.resolve("anchor.safetensors.tmp");
    Checkpoints.save(anchor, tmp, Map.of("stage", "autoencoder-anchor"));
    AtomicFiles.move(tmp, file);
  }

  /** Mean |d/dx (a - b)| + mean |d/dy (a - b)| of images [B, C, H, W]: edge sharpness. */
  static NDArray gradientL1(NDArray a, NDArray b) {
    NDArray d = a.sub(b);
    NDArray dx = d.get(new NDIndex(":, :, :, 1:")).sub(d.get(new NDIndex(":, :, :, :-1")));
    NDArray dy = d.get(new NDIndex(":, :, 1:, :")).sub(d.get(new NDIndex(":, :, :-1, :")));
    return dx.abs().mean().add(dy.abs().mean());
  }

  private NDArray[] clipLoss(NDManager m) {
    TrainingData.Batch b = data().batch(m, rng, cfg.batch(), 0, 0, 0);
    List<String> captions = new ArrayList<>();
    for (var s : b.samples()) {
      captions.add("a picture of " + String.join(", ", s.masks().stream().map(r -> r.label()).toList()));
    }
    NDArray img = l2normalize(model.imageEncoder().embed(model.imageEncoder().forward(b.inputs().source())));
    NDArray txt = l2normalize(clipHead.embed(text.pooled(m, captions)));
    NDArray logits = img.matMul(txt.transpose()).mul(clipHead.scale());          // [B, B]
    int n = captions.size();
    NDArray eye = m.eye(n);
    NDArray li = Ops.div(logits.logSoftmax(1).mul(eye).sum().neg(), n);
    NDArray lt = Ops.div(logits.transpose().logSoftmax(1).mul(eye).sum().neg(), n);
    NDArray l = Ops.div(li.add(lt), 2);
    return new NDArray[] {l, l, null};
  }

  private static NDArray l2normalize(NDArray x) {
    return x.div(x.square().sum(new int[] {1}, true).add(1e-8f).sqrt());
  }

  private NDArray[] lmLoss(NDManager m) {
    if (corpus == null) {
      corpus = readCorpus();
    }
    int b = cfg.batch();
    int t = 1;
    List<int[]> picked = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      int[] ids = corpus.get(rng.nextInt(corpus.size()));
      picked.add(ids);
      t = Math.max(t, ids.length);
    }
    float[] ids = new float[b * t];
    float[] mask = new float[b * t];
    for (int i = 0; i < b; i++) {
      int[] s = picked.get(i);
      for (int j = 0; j < s.length; j++) {
        ids[i * t + j] = s[j];
        mask[i * t + j] = 1f;
      }
    }
    NDArray l = model.mllm().lmLoss(m.create(ids, new Shape(b, t)), m.create(mask, new Shape(b, t)));
    return new NDArray[] {l, l, null};
  }

  private List<int[]> readCorpus() {
    Path f = dataset.dir().resolve("corpus.txt");
    try {
      WordPieceTokenizer tok = text instanceof MiniLmTextEncoder mini ? mini.tokenizer() : null;
      if (tok == null) {
        throw new IllegalStateException("the lm stage needs the MiniLM tokenizer");
      }
      List<int[]> out = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          int[] ids = tok.encode(line);
          out.add(ids.length > 48 ? java.util.Arrays.copyOf(ids, 48) : ids);
        }
      }
      if (out.isEmpty()) {
        throw new IllegalStateException(f + " is empty");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(dataset.dir() + ": the lm stage needs corpus.txt (" + e.getMessage() + ")", e);
    }
  }

  /** Min-SNR-gamma weights of an epsilon-prediction loss: min(SNR(t), gamma) / SNR(t), SNR = ab / (1 - ab). */
  static float[] minSnrWeights(NoiseSchedule schedule, int[] t, double gamma) {
    float[] w = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      double ab = schedule.alphaBar(t[i]);
      double snr = ab / (1 - ab);
      w[i] = (float) (Math.min(snr, gamma) / snr);
    }
    return w;
  }

  /**
   * L = L_DM (Eq. A2, epsilon prediction) + L_MLLM (Eq. A1). With a region weight, L_DM weights each
   * latent cell by 1 + regionWeight x [the cell changes between source and target], divided by the
   * batch's mean weight, so that the few cells the edit changes are not drowned by the many it keeps.
   */
  private NDArray[] reasonBrainLoss(NDManager m) {
    ReasonBrain.Conditioning c;
    NDArray z0;
    NDArray change;
    if (cache != null) {
      TrainingData.Draw d = TrainingData.draw(rng, cache.size(), drawWeights(), cfg.batch(), cfg.dropText(), cfg.dropImage(),
          cfg.dropBoth());
      FeatureCache.Batch b = cache.batch(m, d, nullFinest, nullTokens);
      laps.lap("batch");
      c = model.condition(b.encoded(), b.text(), b.textMask(), b.objects(), b.objectMask(), MLLM_LOSS_ROWS);
      z0 = b.targetLatent();
      change = b.change();
    } else {
      TrainingData.Batch b = data().batch(m, rng, drawWeights(), cfg.batch(), cfg.dropText(), cfg.dropImage(), cfg.dropBoth());
      laps.lap("batch");
      c = model.condition(b.inputs(), MLLM_LOSS_ROWS);
      z0 = model.vae().latent(b.target()).stopGradient();
      change = b.change();
    }
    int[] t = new int[cfg.batch()];
    for (int i = 0; i < t.length; i++) {
      t[i] = rng.nextInt(noise.steps());
    }
    NDArray eps = m.create(rng.gaussians(Math.toIntExact(z0.size())), z0.getShape());
    NDArray zt = noise.addNoise(z0, eps, t);
    NDArray se = model.predictNoise(zt, t, c).sub(eps).square();                   // [B, z, h, w]
    if (cfg.minSnr() > 0) {
      se = se.mul(m.create(minSnrWeights(noise, t, cfg.minSnr()), new Shape(t.length, 1, 1, 1)));
    }
    NDArray lDm;
    if (cfg.regionWeight() > 0) {
      NDArray w = Ops.add(Ops.mul(change.gt(CHANGE_THRESHOLD).toType(ai.djl.ndarray.types.DataType.FLOAT32, false), cfg.regionWeight()), 1);
      lDm = se.mul(w).mean().div(w.mean());                                         // [B, 1, h, w] broadcast over z
    } else {
      lDm = se.mean();
    }
    NDArray total = c.lossMllm() == null ? lDm : lDm.add(c.lossMllm());
    return new NDArray[] {total, lDm, c.lossMllm()};
  }

  /** Opens (building when needed) the feature cache of the train split for the current frozen weights. */
  private void openCache() throws IOException {
    if (cache != null) {
      return;
    }
    ReasonBrainConfig mc = model.config();
    TrainingData d = data();
    int s = mc.imageSize();
    ImageEncoder.Config ic = mc.image();
    int grid = s / 8;
    FeatureCache.Layout layout = new FeatureCache.Layout(mc.vae().latent(), s / 4, ic.c2(), s / 4, grid * grid, ic.dim(),
        TEXT_TOKENS, text.dim(), mc.maxObjects(), mc.maxRegions(), mc.unet().pixelStem() ? s : 0);
    String settings = "size=" + s + ",segmenter=" + org.reasonbrain.model.frce.ColorSegmenter.class.getSimpleName() + ",text="
        + text.getClass().getSimpleName() + "/" + text.dim() + ",change=max-abs/4";
    String key = FeatureCache.key(dataset.dir(), "train", layout, settings, cachedFrom(model));
    Path dir = cacheDir != null ? cacheDir : dataset.dir().resolve(".cache");
    cache = FeatureCache.open(dir, key, layout, d.samples(), this::encodeForCache, 32, cacheProgress, warn);
    // The null image condition: E_I of a blank (zero) image.
    try (NDManager m = base.newSubManager()) {
      model.tempAttach(m);
      ReasonBrain.Encoded e = model.encode(m.zeros(new Shape(1, 3, s, s)), m.zeros(new Shape(1, mc.maxRegions(), s, s)), null);
      nullFinest = e.eiFinest().toFloatArray();
      nullTokens = e.eiTokens().toFloatArray();
    }
  }

  /** Token positions of E_T(H) that ReasonBrain conditions on (TrainingData and the edit pipeline use the same). */
  static final int TEXT_TOKENS = 32;

  /** The cache records of some samples: the frozen encoders run once, without dropout. */
  private List<float[]> encodeForCache(List<org.reasonbrain.data.format.Sample> part) {
    try (NDManager m = base.newSubManager()) {
      model.tempAttach(m);
      TrainingData.Batch b = data().exact(m, part);
      ReasonBrain.Encoded e = model.encode(b.inputs().source(), b.inputs().masks(), null);
      float[][] fields = {e.sourceLatent().toFloatArray(), model.vae().latent(b.target()).toFloatArray(), e.eiFinest().toFloatArray(),
          e.eiTokens().toFloatArray(), b.inputs().text().toFloatArray(), b.inputs().textMask().toFloatArray(),
          b.inputs().objects().toFloatArray(), b.inputs().objectMask().toFloatArray(), e.masks().toFloatArray(), b.change().toFloatArray(),
          e.sourcePixels() == null ? new float[0] : e.sourcePixels().toFloatArray()};
      int n = part.size();
      List<float[]> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int len = 0;
        for (float[] f : fields) {
          len += f.length / n;
        }
        float[] r = new float[len];
        int at = 0;
        for (float[] f : fields) {
          int k = f.length / n;
          System.arraycopy(f, i * k, r, at, k);
          at += k;
        }
        out.add(r);
      }
      return out;
    }
  }

  /** Scores the probe with the weights sampling would use (EMA when on) and appends to the accuracy curve. */
  private void runProbe() throws IOException {
    long t0 = System.nanoTime();
    Map<String, float[]> ema = optimizer.emaWeights();
    Probe.Score sc;
    if (ema.isEmpty()) {
      sc = probe.score(model);
    } else {
      try (NDManager m = NDManager.newBaseManager()) {
        ReasonBrain copy = new ReasonBrain(m, cfg.seed(), model.config());
        for (var e : model.parameters().entrySet()) {
          float[] v = ema.get(e.getKey());
          copy.parameters().get(e.getKey()).assign(v != null ? v : e.getValue().value().toFloatArray());
        }
        sc = probe.score(copy);
      }
    }
    accuracy.add(new double[] {step, (double) step * cfg.batch() * cfg.accumulate(), sc.lenient(), sc.strict(), sc.n(),
        (System.nanoTime() - t0) / 1e9});
    writeAccuracy();
  }

  private void writeAccuracy() throws IOException {
    StringBuilder sb = new StringBuilder("step,samples_seen,lenient,strict,n,seconds\n");
    for (double[] r : accuracy) {
      sb.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%d,%.1f%n", (long) r[0], (long) r[1], r[2], r[3], (long) r[4], r[5]));
    }
    AtomicFiles.writeString(run.resolve("accuracy.csv"), sb.toString());
    List<double[]> len = new ArrayList<>();
    List<double[]> str = new ArrayList<>();
    for (double[] r : accuracy) {
      len.add(new double[] {r[1], r[2]});
      str.add(new double[] {r[1], r[3]});
    }
    LossCurve.writeLinear(run.resolve("accuracy.png"), cfg.preset() + ": val accuracy vs samples seen", List.of(
        new LossCurve.Series("lenient", len, new Color(40, 140, 60)), new LossCurve.Series("strict", str, new Color(150, 40, 160))),
        "samples seen");
  }

  // ---------------------------------------------------------------- run folder

  private void writeConfig() throws IOException {
    ObjectNode o = JSON.valueToTree(cfg);
    o.put("stage", cfg.stage().label());
    o.put("data", dataset.dir().toAbsolutePath().toString());
    o.put("format", "reasonbrain-run-1");
    if (ownEdits != null) {
      o.put("ownEdits", ownEdits.file().toAbsolutePath().toString());
      o.put("ownEditsSamples", ownEdits.size());
    }
    AtomicFiles.writeString(run.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
  }

  /** Writes checkpoint/ atomically (a temporary folder renamed into place), the CSV log and the curve. */
  public void save() throws IOException {
    Path tmp = AtomicDirs.createTemp(run.resolve("checkpoint"), "saving");
    Checkpoints.save(model, tmp.resolve("model.safetensors"), Map.of("preset", cfg.preset(), "stage", cfg.stage().label()));
    if (cfg.stage() == Stage.CLIP) {
      Checkpoints.save(clipHead, tmp.resolve("clip_head.safetensors"), Map.of());
    }
    Safetensors.write(tmp.resolve("optimizer.safetensors"), optimizer.state(), Map.of("step", Long.toString(optimizer.step())));
    ObjectNode st = JSON.createObjectNode();
    st.put("step", step);
    st.put("rng", rng.state());
    Files.writeString(tmp.resolve("state.json"), st.toString());
    // The log up to this step goes with the checkpoint: a kill between the swap and the run's log.csv
    // would otherwise lose the rows since the last save on resume.
    Files.writeString(tmp.resolve("log.csv"), logCsv());
    // Crash-safe swap: a crash at any point leaves the old or the new complete checkpoint (see AtomicDirs).
    AtomicDirs.replace(tmp, run.resolve("checkpoint"));
    writeLog();
  }

  private String logCsv() {
    StringBuilder sb = new StringBuilder("step,loss,main,l_mllm,lr,seconds\n");
    for (double[] r : log) {
      sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3e,%.4f%n", (long) r[0], r[1], r[2], r[3], r[4], r[5]));
    }
    return sb.toString();
  }

  private void writeLog() throws IOException {
    AtomicFiles.writeString(run.resolve("log.csv"), logCsv());
    List<double[]> total = new ArrayList<>();
    List<double[]> mllm = new ArrayList<>();
    for (double[] r : log) {
      total.add(new double[] {r[0], cfg.stage() == Stage.REASONBRAIN ? r[2] : r[1]});
      mllm.add(new double[] {r[0], r[3]});
    }
    List<LossCurve.Series> series = new ArrayList<>();
    series.add(new LossCurve.Series(cfg.stage() == Stage.REASONBRAIN ? "L_DM" : cfg.stage().label() + " loss", total, new Color(40, 90, 200)));
    if (cfg.stage() == Stage.REASONBRAIN && model.mllm() != null) {
      series.add(new LossCurve.Series("L_MLLM", mllm, new Color(210, 80, 40)));
    }
    LossCurve.write(run.resolve("loss.png"), cfg.preset() + " / " + cfg.stage().label(), series);
  }

  /** Resolves a checkpoint swap a crash interrupted and removes half-written checkpoint folders. */
  private void recoverCheckpoint() throws IOException {
    if (!Files.isDirectory(run)) {
      return;
    }
    AtomicDirs.recover(run.resolve("checkpoint"));
    AtomicDirs.removeAbandoned(run.resolve("checkpoint"), "saving");
  }

  /** The frozen weights the feature cache depends on: the autoencoder's encoder and E_I (not the decoder). */
  static Map<String, Parameter> cachedFrom(ReasonBrain model) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    model.vae().encoderParameters().forEach((k, v) -> out.put("vae." + k, v));
    model.imageEncoder().parameters().forEach((k, v) -> out.put("image_encoder." + k, v));
    return out;
  }

  /**
   * Reads back the run's checkpoint. Every file is checked before anything is used: a damaged or
   * hand-edited run folder gives an IOException naming the file (and line or field), never another
   * exception, a half-restored trainer or an allocation sized by the file.
   */
  private void restore() throws IOException {
    Path ck = run.resolve("checkpoint");
    if (!Files.isDirectory(ck)) {
      throw new IOException(run + ": nothing to resume (no checkpoint/)");
    }
    JsonNode saved = readJson(run.resolve("config.json"));
    if (!cfg.stage().label().equals(saved.path("stage").asText()) || !cfg.preset().equals(saved.path("preset").asText())) {
      throw new IOException(run + " is a " + saved.path("stage").asText() + "/" + saved.path("preset").asText()
          + " run; cannot resume it as " + cfg.stage().label() + "/" + cfg.preset());
    }
    if (saved.path("decoderBlocks").asInt(0) != cfg.decoderBlocks()) {
      throw new IOException(run + " grows " + saved.path("decoderBlocks").asInt(0) + " decoder blocks; cannot resume it with "
          + cfg.decoderBlocks() + " (pass --decoder-blocks " + saved.path("decoderBlocks").asInt(0) + ")");
    }
    if (saved.path("decoderSource").asBoolean(false) != cfg.decoderSource()) {
      throw new IOException(run + (saved.path("decoderSource").asBoolean(false) ? " has" : " has no")
          + " decoder source branch; cannot resume it " + (cfg.decoderSource() ? "with" : "without") + " --decoder-source");
    }
    Map<String, Double> savedOversample = new java.util.TreeMap<>();
    saved.path("oversample").fields().forEachRemaining(e -> savedOversample.put(e.getKey(), e.getValue().asDouble()));
    if (!savedOversample.equals(cfg.oversample())) {
      throw new IOException(run + " draws with --oversample " + spec(savedOversample) + "; cannot resume it with "
          + spec(cfg.oversample()) + " (pass --oversample "
          + (savedOversample.isEmpty() ? "''" : spec(savedOversample)) + ")");
    }
    if (saved.path("latentMix").asDouble(0) != cfg.latentMix()) {
      throw new IOException(run + " decodes with --latent-mix " + saved.path("latentMix").asDouble(0) + "; cannot resume it with "
          + cfg.latentMix() + " (pass --latent-mix " + saved.path("latentMix").asDouble(0) + ")");
    }
    if (saved.path("balanceKept").asBoolean(false) != cfg.balanceKept()) {
      throw new IOException(run + (saved.path("balanceKept").asBoolean(false) ? " balances" : " does not balance")
          + " the kept pixels; cannot resume it " + (cfg.balanceKept() ? "with" : "without") + " --balance-kept");
    }
    List<String> savedOnly = new ArrayList<>();
    saved.path("trainOnly").forEach(n -> savedOnly.add(n.asText()));
    if (!savedOnly.equals(cfg.trainOnly())) {
      throw new IOException(run + " trains " + (savedOnly.isEmpty() ? "every weight" : "only " + String.join(",", savedOnly))
          + "; cannot resume it with " + (cfg.trainOnly().isEmpty() ? "every weight" : "--train-only " + String.join(",", cfg.trainOnly()))
          + " (pass " + (savedOnly.isEmpty() ? "no --train-only" : "--train-only " + String.join(",", savedOnly)) + ")");
    }
    String savedOwn = saved.path("ownEdits").asText("");
    String own = ownEdits == null ? "" : ownEdits.file().toAbsolutePath().toString();
    if (!savedOwn.equals(own)) {
      throw new IOException(run + (savedOwn.isEmpty() ? " was trained without --own-edits" : " was trained with --own-edits " + savedOwn)
          + "; cannot resume it " + (own.isEmpty() ? "without it" : "with --own-edits " + own));
    }
    Path stateFile = ck.resolve("state.json");
    JsonNode st = readJson(stateFile);
    if (!st.path("step").canConvertToInt() || !st.path("step").isIntegralNumber() || st.path("step").asInt() < 0
        || st.path("step").asInt() > cfg.steps()) {
      throw new IOException(stateFile + ": 'step' must be an integer from 0 to the run's " + cfg.steps() + " steps, got "
          + st.path("step"));
    }
    if (!st.path("rng").isIntegralNumber() || !st.path("rng").canConvertToLong()) {
      throw new IOException(stateFile + ": 'rng' must be a 64-bit integer, got " + st.path("rng"));
    }
    Path optFile = ck.resolve("optimizer.safetensors");
    Safetensors.Contents opt = Safetensors.read(optFile);
    long optStep;
    try {
      optStep = Long.parseLong(opt.metadata().getOrDefault("step", "0"));
    } catch (NumberFormatException e) {
      throw new IOException(optFile + ": metadata 'step' is not an integer: " + opt.metadata().get("step"));
    }
    // The optimizer state must hold both moments of every trained weight, with its size.
    for (var e : trainableParameters().entrySet()) {
      long n = e.getValue().value().size();
      for (String prefix : new String[] {"m.", "v."}) {
        Safetensors.Tensor t = opt.tensors().get(prefix + e.getKey());
        if (optStep > 0 && (t == null || java.util.Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b) != n)) {
          throw new IOException(optFile + ": no " + prefix + e.getKey() + " of " + n + " values");
        }
      }
    }
    Checkpoints.load(model, ck.resolve("model.safetensors"));
    if (cfg.stage() == Stage.CLIP) {
      Checkpoints.load(clipHead, ck.resolve("clip_head.safetensors"));
    }
    int savedStep = st.path("step").asInt();
    List<double[]> logRows = readRows(Files.exists(ck.resolve("log.csv")) ? ck.resolve("log.csv") : run.resolve("log.csv"), 6, savedStep);
    List<double[]> accRows = readRows(run.resolve("accuracy.csv"), 6, savedStep);
    optimizer.load(opt.tensors(), optStep, base);
    step = savedStep;
    rng = new Rng(st.path("rng").asLong());
    log.clear();
    log.addAll(logRows);
    accuracy.clear();
    accuracy.addAll(accRows);
    setTrainable();
  }

  private static String spec(Map<String, Double> oversample) {
    StringBuilder sb = new StringBuilder();
    oversample.forEach((f, x) -> sb.append(sb.length() > 0 ? "," : "").append(f).append('=').append(x));
    return sb.length() == 0 ? "none" : sb.toString();
  }

  private static JsonNode readJson(Path f) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(f.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(f + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      // Also the reader's own complaints (fuzzing found "Invalid UTF-32 character", which names no file).
      throw new IOException(f + ": unreadable (" + e.getMessage() + ")", e);
    }
    if (n == null || !n.isObject()) {
      throw new IOException(f + ": not a JSON object");
    }
    return n;
  }

  /** The rows of a run's CSV (header first) with step <= {@code upTo}; an absent file has none. */
  private static List<double[]> readRows(Path csv, int columns, long upTo) throws IOException {
    List<double[]> out = new ArrayList<>();
    if (!Files.exists(csv)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(csv + ": not UTF-8 text");
    }
    for (int k = 1; k < lines.size(); k++) {
      String[] f = lines.get(k).split(",", -1);
      if (f.length != columns) {
        throw new IOException(csv + " line " + (k + 1) + ": " + f.length + " fields, expected " + columns);
      }
      double[] r = new double[columns];
      try {
        for (int i = 0; i < columns; i++) {
          r[i] = Double.parseDouble(f[i]);
        }
      } catch (NumberFormatException e) {
        throw new IOException(csv + " line " + (k + 1) + ": not a number (" + e.getMessage() + ")");
      }
      if (r[0] <= upTo) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public void close() {
    base.close();
  }

  /** Parameter counts of the model, for the CLI. */
  public static long count(Module m, boolean trainable) {
    return m.count(trainable);
  }
}
