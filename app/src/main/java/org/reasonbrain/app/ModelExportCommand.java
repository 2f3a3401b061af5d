package org.reasonbrain.app;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.core.io.AtomicDirs;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.infer.ContrastiveEncoder;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain model export}: a trained reasonbrain-stage run packaged as a model folder. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Package a trained reasonbrain-stage run as a model folder: F16 weights (half the size), the clip stage's "
        + "contrastive encoder for the evaluation's CLIP scores, and the training history (configs, logs, curves).")
final class ModelExportCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "Finished reasonbrain-stage run folder.")
  Path run;

  @Option(names = "--clip", description = "Finished clip-stage run folder (its encoder goes to clip.safetensors).")
  Path clip;

  @Option(names = "--decoder", description = "Finished decoder-stage run whose autoencoder decoder replaces the run's (its encoder must be the run's own).")
  Path decoder;

  @Option(names = "--autoencoder", description = "Finished autoencoder-stage run whose whole autoencoder (encoder and decoder) replaces the run's.")
  Path autoencoder;

  @Option(names = "--decoder-source-gate", description = "With a --decoder that reads the source: the latent change above which a "
      + "cell is the edit's, where the branch adds nothing (recorded as decoderSourceGate; default: none, the branch acts everywhere).")
  Double sourceGate;

  @Option(names = "--decoder-source-edit-mask", description = "With a --decoder that reads the source: the branch adds nothing where "
      + "the instruction drives the denoiser at least this share of its most (0 to 1; recorded as decoderSourceEditMask; default: none).")
  Double editMask;

  @Option(names = "--keep-pixels", description = "Keep the source's pixels where the decoded edit differs from the source "
      + "decoded the same way by at most this (0-1 scale, in (0, 0.5]; recorded as keepPixels; default: none).")
  Double keepPixels;

  @Option(names = "--history", description = "Run folders whose config.json, log.csv and loss.png go to training/NAME/ (repeatable).")
  List<Path> history = new ArrayList<>();

  @Option(names = "--no-ema", description = "Export the trained weights even when the run kept an EMA of them (default: the EMA).")
  boolean noEma;

  @Option(names = "--full-precision", description = "Keep F32 weights instead of F16.")
  boolean full;

  @Option(names = "--out", required = true, description = "Model folder to write (replaced as a whole when complete).")
  Path out;

  @Override
  public Integer call() throws Exception {
    var json = new ObjectMapper();
    Path cfgFile = run.resolve("config.json");
    if (!Files.isRegularFile(cfgFile) || !Files.isRegularFile(run.resolve("checkpoint/model.safetensors"))) {
      throw new UserError(run + ": not a finished run (needs config.json and checkpoint/model.safetensors)");
    }
    var cfg = (ObjectNode) json.readTree(cfgFile.toFile());
    if (!"reasonbrain".equals(cfg.path("stage").asText())) {
      throw new UserError(run + " is a " + cfg.path("stage").asText() + "-stage run; export a reasonbrain-stage run");
    }
    String preset = cfg.path("preset").asText("tiny");
    // Written beside OUT; an export killed earlier left its folder there, removed now.
    Path tmp = AtomicDirs.createTemp(out.toAbsolutePath(), "export");
    try {
      // A decoder-stage run may have grown the decoder (extra blocks): the model takes its shape, the run's
      // checkpoint fills everything else and swapDecoder the whole decoder.
      if (decoder != null && autoencoder != null) {
        throw new UserError("--decoder and --autoencoder both replace the decoder; give one");
      }
      Path vaeFrom = autoencoder != null ? autoencoder : decoder;
      int blocks = vaeFrom != null ? decoderBlocks(vaeFrom) : cfg.path("decoderBlocks").asInt(0);
      boolean sourceBranch = vaeFrom != null ? decoderSource(vaeFrom) : cfg.path("decoderSource").asBoolean(false);
      if ((sourceGate != null || editMask != null) && !sourceBranch) {
        throw new UserError((sourceGate != null ? "--decoder-source-gate" : "--decoder-source-edit-mask")
            + " needs a decoder that reads the source: a --decoder run trained with --decoder-source, or a run trained with it");
      }
      if (editMask != null && !(editMask > 0 && editMask < 1)) {
        throw new UserError("--decoder-source-edit-mask must be a number between 0 and 1, got " + editMask);
      }
      if (keepPixels != null && !(keepPixels > 0 && keepPixels <= 0.5)) {
        throw new UserError("--keep-pixels must be a number in (0, 0.5], got " + keepPixels);
      }
      if (keepPixels != null) {
        cfg.put("keepPixels", keepPixels);
      } else {
        cfg.remove("keepPixels");
      }
      if (sourceGate != null && (!(sourceGate > 0) || sourceGate.isInfinite())) {
        throw new UserError("--decoder-source-gate must be a finite number > 0, got " + sourceGate);
      }
      try (NDManager m = NDManager.newBaseManager()) {
        ReasonBrain model = new ReasonBrain(m, 0, ReasonBrainConfig.of(preset, blocks, sourceBranch));
        Checkpoints.load(model, run.resolve("checkpoint/model.safetensors"),
            name -> vaeFrom != null && name.startsWith("vae.decoder."));
        // Sampling uses the EMA of the trained weights when the run kept one (optimizer state "ema.NAME").
        Path opt = run.resolve("checkpoint/optimizer.safetensors");
        int emaCount = 0;
        if (!noEma && Files.isRegularFile(opt)) {
          var st = Safetensors.read(opt).tensors();
          for (var e : model.parameters().entrySet()) {
            var t = st.get("ema." + e.getKey());
            if (t != null) {
              e.getValue().assign(t.toFloats());
              emaCount++;
            }
          }
        }
        cfg.put("ema_weights", emaCount > 0);
        if (autoencoder != null) {
          swapAutoencoder(model, autoencoder);
          cfg.put("autoencoder_from", autoencoder.toAbsolutePath().toString());
          cfg.put("decoderBlocks", blocks);
        }
        if (decoder != null) {
          swapDecoder(model, decoder);
          cfg.put("decoder_from", decoder.toAbsolutePath().toString());
          cfg.put("decoderBlocks", blocks);
          cfg.put("decoderSource", sourceBranch);
        }
        if (sourceBranch) {
          // The branch's settings: from this export's options, whether the branch is a --decoder run's or the run's own.
          if (sourceGate != null) {
            cfg.put("decoderSourceGate", sourceGate);
          } else {
            cfg.remove("decoderSourceGate");
          }
          if (editMask != null) {
            cfg.put("decoderSourceEditMask", editMask);
          } else {
            cfg.remove("decoderSourceEditMask");
          }
        }
        Files.createDirectories(tmp.resolve("checkpoint"));
        Checkpoints.save(model, tmp.resolve("checkpoint/model.safetensors"),
            Map.of("preset", preset, "stage", "reasonbrain"), !full);
      }
      if (clip != null) {
        ContrastiveEncoder.export(clip, tmp.resolve(ContrastiveEncoder.FILE), !full);
      }
      cfg.put("exported_from", run.toAbsolutePath().toString());
      cfg.put("weights", full ? "F32" : "F16");
      Files.writeString(tmp.resolve("config.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(cfg) + "\n");
      for (Path h : history) {
        Path dest = tmp.resolve("training").resolve(h.getFileName().toString());
        Files.createDirectories(dest);
        for (String f : new String[] {"config.json", "log.csv", "loss.png", "accuracy.csv", "accuracy.png"}) {
          if (Files.isRegularFile(h.resolve(f))) {
            Files.copy(h.resolve(f), dest.resolve(f));
          }
        }
      }
      // Crash-safe: the destination is the old complete model or the new complete one (see AtomicDirs).
      AtomicDirs.replace(tmp, out.toAbsolutePath());
    } catch (Exception e) {
      AtomicFiles.deleteTree(tmp);
      throw e;
    }
    long bytes;
    try (var files = Files.walk(out)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    System.out.printf(Locale.ROOT, "exported %s (%s) to %s: %.1f MB%n", run, preset, out, bytes / 1e6);
    return 0;
  }

  /** The decoder blocks a run's config.json records (0 when absent). */
  static int decoderBlocks(Path runDir) throws IOException {
    var cfgFile = runDir.resolve("config.json");
    if (!Files.isRegularFile(cfgFile)) {
      throw new UserError(runDir + ": not a finished run (needs config.json and checkpoint/model.safetensors)");
    }
    return new ObjectMapper().readTree(cfgFile.toFile()).path("decoderBlocks").asInt(0);
  }

  /** Whether a run's config.json records the decoder's source branch (false when absent). */
  static boolean decoderSource(Path runDir) throws IOException {
    decoderBlocks(runDir);   // the same check that it is a finished run
    return new ObjectMapper().readTree(runDir.resolve("config.json").toFile())
        .path("decoderSource").asBoolean(false);
  }

  /** The weights of a finished run of {@code stage} (for --decoder / --autoencoder); refused, named, otherwise. */
  private static Map<String, Safetensors.Tensor> stageWeights(Path run, String stage)
      throws IOException {
    Path f = run.resolve("checkpoint/model.safetensors");
    var cfgFile = run.resolve("config.json");
    if (!Files.isRegularFile(f) || !Files.isRegularFile(cfgFile)) {
      throw new UserError(run + ": not a finished run (needs config.json and checkpoint/model.safetensors)");
    }
    String was = new ObjectMapper().readTree(cfgFile.toFile()).path("stage").asText();
    if (!stage.equals(was)) {
      String article = stage.startsWith("a") ? "an " : "a ";
      throw new UserError(run + " is a " + was + "-stage run; --" + stage + " takes " + article + stage + "-stage run");
    }
    return Safetensors.read(f).tensors();
  }

  /**
   * Puts the whole autoencoder of an autoencoder-stage run into {@code model} (a reasonbrain stage trained on the
   * latents of the encoder that run started from reads its anchored latents; see {@code Stage.AUTOENCODER}).
   */
  static void swapAutoencoder(ReasonBrain model, Path aeRun) throws IOException {
    var st = stageWeights(aeRun, "autoencoder");
    for (var e : model.vae().parameters().entrySet()) {
      var t = st.get("vae." + e.getKey());
      if (t == null || !Arrays.equals(t.shape(), e.getValue().value().getShape().getShape())) {
        throw new UserError(aeRun + ": no autoencoder weight vae." + e.getKey() + " of the model's shape");
      }
      e.getValue().assign(t.toFloats());
    }
  }

  /**
   * Whether two weight tensors are the same once stored at half precision, as an export stores them: a decoder
   * stage started from an exported model (F16 weights) was trained under the same encoder as the run it came from.
   */
  static boolean sameAtHalfPrecision(float[] a, float[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Safetensors.Tensor.floatToHalf(a[i]) != Safetensors.Tensor.floatToHalf(b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Puts the decoder of a decoder-stage run into {@code model}. Refused unless that run's encoder is the
   * model's (to the half precision an export stores): a decoder only fits the latents of the encoder it was
   * trained under.
   */
  static void swapDecoder(ReasonBrain model, Path decoderRun) throws IOException {
    var st = stageWeights(decoderRun, "decoder");
    for (var e : model.vae().encoderParameters().entrySet()) {
      var t = st.get("vae." + e.getKey());
      if (t == null || !sameAtHalfPrecision(t.toFloats(), e.getValue().value().toFloatArray())) {
        throw new UserError(decoderRun + ": its autoencoder encoder differs from the model's at vae." + e.getKey()
            + "; train the decoder stage with --init from this run (or its VAE)");
      }
    }
    // The decoder run's EMA weights when it kept one (optimizer state "ema.NAME"), as for the main run.
    Path opt = decoderRun.resolve("checkpoint/optimizer.safetensors");
    var ema = Files.isRegularFile(opt)
        ? Safetensors.read(opt).tensors() : Map.<String, Safetensors.Tensor>of();
    for (var e : model.vae().decoderParameters().entrySet()) {
      var t = ema.getOrDefault("ema.vae." + e.getKey(), st.get("vae." + e.getKey()));
      if (t == null || !Arrays.equals(t.shape(), e.getValue().value().getShape().getShape())) {
        throw new UserError(decoderRun + ": no decoder weight vae." + e.getKey() + " of the model's shape");
      }
      e.getValue().assign(t.toFloats());
    }
  }
}
