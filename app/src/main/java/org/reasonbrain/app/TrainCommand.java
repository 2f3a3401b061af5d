package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;
import org.reasonbrain.train.Stage;
import org.reasonbrain.train.TrainConfig;
import org.reasonbrain.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain train}: one stage of training into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train one stage (vae, clip, lm, reasonbrain, decoder, autoencoder) of a preset on a dataset; writes a run folder.")
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--stage", required = true, description = "vae, clip, lm, reasonbrain, decoder (the autoencoder's decoder alone, encoder frozen; --init from any run) "
      + "or autoencoder (the whole autoencoder fine-tuned from --init, its latents anchored to the starting encoder's).")
  String stage;

  @Option(names = "--data", required = true, description = "Dataset folder (its train split is used).")
  Path data;

  @Option(names = "--preset", defaultValue = "tiny", description = "tiny, tiny-cme-pool2 (tiny with the CME token budget), tiny-pixel (tiny with the UNet's source-pixel stem), tiny-vae64 / tiny-latent8 (tiny with a 64-channel autoencoder / 8 latent channels), ip2p, mllm-only, tiny-no-frce, tiny-no-id or tiny-no-cme (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--out", required = true, description = "Run folder.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
  boolean resume;

  @Option(names = "--init", description = "Start from the weights of a previous stage's run folder.")
  Path init;

  @Option(names = "--steps", defaultValue = "1000", description = "Optimizer steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--batch", defaultValue = "8", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--accumulate", defaultValue = "1", description = "Gradient accumulation micro-batches (default ${DEFAULT-VALUE}).")
  int accumulate;

  @Option(names = "--lr", description = "Peak learning rate (default: 2e-4 for vae and reasonbrain, 1e-3 for clip and lm).")
  Double lr;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--save-every", description = "Checkpoint every N steps (default: a tenth of the run).")
  Integer saveEvery;

  @Option(names = "--no-cache", description = "Reasonbrain stage: run the frozen encoders every step instead of reading the feature cache.")
  boolean noCache;

  @Option(names = "--cache-dir", description = "Folder of the feature cache (default: DATA/.cache).")
  Path cacheDir;

  @Option(names = "--region-weight", description = "Reasonbrain stage: L_DM weight 1 + W on latent cells the edit changes (default 9; 0 = plain L_DM). "
      + "Decoder stage with --decoder-source, and the vae and autoencoder stages: the reconstruction weight 1 + W on pixels the edit changes (default 0).")
  Double regionWeight;

  @Option(names = "--ema", description = "Reasonbrain and decoder stages: EMA decay of the weights used for sampling and export (default 0.999 for reasonbrain, 0 = off for decoder).")
  Double ema;

  @Option(names = "--eval-every", defaultValue = "0", description = "Reasonbrain stage: score --eval-samples val samples every N steps into accuracy.csv/png (default off).")
  int evalEvery;

  @Option(names = "--eval-samples", defaultValue = "96", description = "Val samples of the accuracy curve (default ${DEFAULT-VALUE}).")
  int evalSamples;

  @Option(names = "--eval-steps", defaultValue = "10", description = "DDIM steps of the accuracy curve's edits (default ${DEFAULT-VALUE}).")
  int evalSteps;

  @Option(names = "--min-snr", defaultValue = "0", description = "Reasonbrain stage: Min-SNR-gamma weighting of L_DM "
      + "(each sample's error x min(SNR, gamma) / SNR; 5 is the paper's gamma; default ${DEFAULT-VALUE} = off).")
  double minSnr;

  @Option(names = "--oversample", description = "Reasonbrain, autoencoder and decoder stages: draw the train samples of these families more often, "
      + "FAMILY=FACTOR[,FAMILY=FACTOR...] (for example tap=3,ripen=2; the rest 1; default: uniform draws).")
  String oversample;

  @Option(names = "--decoder-blocks", defaultValue = "0", description = "Extra residual blocks per upper level of the "
      + "autoencoder's decoder (start as the identity; for the decoder stage; default ${DEFAULT-VALUE}).")
  int decoderBlocks;

  @Option(names = "--decoder-source", description = "The decoder reads the edit's source image (a zero-started branch; not in the "
      + "paper: the conditional decoder of an asymmetric VQGAN). The decoder stage trains only that branch, on (source, target) pairs.")
  boolean decoderSource;

  @Option(names = "--latent-mix", defaultValue = "0", description = "Decoder stage with --decoder-source: decode latents "
      + "that look sampled, each moved towards its pair's by up to M and jittered by up to M/2 of its RMS, so the branch finishes "
      + "a half-made change instead of copying the source (0 to 1; default ${DEFAULT-VALUE} = off).")
  double latentMix;

  @Option(names = "--balance-kept", description = "Decoder stage with --decoder-source: each image's changed and kept pixels "
      + "weigh half its loss each, whatever their shares (instead of --region-weight), so an unchanged house inside a changed "
      + "sky is kept as exactly as a small change is drawn.")
  boolean balanceKept;

  @Option(names = "--own-edits", description = "Decoder stage with --decoder-source: also decode a model's own edits of this dataset's "
      + "train samples (a file from 'reasonbrain model own-edits') against their true targets, training the whole decoder.")
  Path ownEdits;

  @Option(names = "--train-only", description = "Reasonbrain stage: update only the weights whose names start with one of these "
      + "comma-separated prefixes (for example unet. or unet.,cme.); the rest keep their --init values and get no gradient.")
  String trainOnly;

  @Option(names = "--anchor", description = "Autoencoder stage: weight of the MSE between the fine-tuned encoder's latent means "
      + "and the starting encoder's (default 1; 0 = free, and every trained UNet is then off its latents).")
  Double anchor;

  @Override
  public Integer call() throws Exception {
    Stage st = Stage.parse(stage);
    TrainConfig d = TrainConfig.defaults(st, preset, steps);
    TrainConfig cfg = new TrainConfig(st, preset, seed, steps, batch, accumulate, lr == null ? d.lr() : lr, d.warmup(),
        d.weightDecay(), d.clipNorm(), d.dropText(), d.dropImage(), d.dropBoth(), saveEvery == null ? d.saveEvery() : saveEvery)
        .withOptions(d.cache() && !noCache, regionWeight == null ? d.regionWeight() : regionWeight, ema == null ? d.emaDecay() : ema,
            evalEvery).withDecoderBlocks(decoderBlocks).withMinSnr(minSnr)
        .withOversample(TrainConfig.parseOversample(oversample)).withAnchor(anchor == null ? d.anchor() : anchor)
        .withDecoderSource(decoderSource).withLatentMix(latentMix)
        .withBalanceKept(balanceKept).withTrainOnly(TrainConfig.parseTrainOnly(trainOnly));
    Dataset ds = Dataset.load(data);
    try (MiniLmTextEncoder text = new MiniLmTextEncoder(40_000); Trainer t = new Trainer(cfg, ds, out, text)) {
      t.cacheDir(cacheDir).cacheProgress(new ProgressBar(System.err));
      if (ownEdits != null) {
        try {
          t.ownEdits(ownEdits);
        } catch (IllegalArgumentException | java.io.IOException e) {
          throw new UserError(e.getMessage());
        }
      }
      if (evalEvery > 0) {
        t.probe(AccuracyProbe.on(ds, evalSamples, evalSteps, text));
      }
      if (init != null && !resume) {
        System.out.println("initialised " + t.initFrom(init) + " tensors from " + init);
      }
      long t0 = System.nanoTime();
      t.train(resume, new ProgressBar(System.err));
      System.out.printf("trained %s/%s to step %d in %.1f s; run folder %s (log.csv, loss.png, checkpoint/)%n", st.label(), preset,
          t.step(), (System.nanoTime() - t0) / 1e9, out);
    }
    return 0;
  }
}
