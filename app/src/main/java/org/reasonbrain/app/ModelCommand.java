package org.reasonbrain.app;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.model.PaperPresets;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.ReasonBrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain model info}: parameter counts per module, trainable vs frozen. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect model presets.",
    subcommands = {ModelCommand.Info.class, ModelCommand.Init.class, ModelCommand.Export.class, ModelCommand.Average.class,
        ModelCommand.OwnEdits.class})
final class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Write an untrained model of a preset as a run folder (for trying the CLI and the server before training).")
  static final class Init implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "tiny", description = "Preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--out", required = true, description = "Run folder to create.")
    java.nio.file.Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (java.nio.file.Files.exists(out.resolve("checkpoint"))) {
        throw new UserError(out + " already holds a checkpoint");
      }
      try (NDManager m = NDManager.newBaseManager()) {
        ReasonBrain model = new ReasonBrain(m, seed, ReasonBrainConfig.preset(preset));
        java.nio.file.Files.createDirectories(out.resolve("checkpoint"));
        org.reasonbrain.core.nn.Checkpoints.save(model, out.resolve("checkpoint/model.safetensors"), Map.of("preset", preset, "stage", "init"));
        org.reasonbrain.core.io.AtomicFiles.writeString(out.resolve("config.json"),
            "{\"preset\": \"" + preset + "\", \"stage\": \"init\", \"seed\": " + seed + "}\n");
      }
      System.out.println("wrote an untrained " + preset + " model to " + out);
      return 0;
    }
  }

  @Command(name = "own-edits", mixinStandardHelpOptions = true,
      description = "Sample a model's own edits of a dataset's single-step samples and write their latents (before decoding) "
          + "and the instruction's edit cells to a safetensors file, for a decoder stage trained on what this model draws "
          + "(train --stage decoder --own-edits FILE).")
  static final class OwnEdits implements Callable<Integer> {
    @Option(names = "--model", description = "Model folder (default: the shipped model).")
    java.nio.file.Path model;

    @Option(names = "--data", required = true, description = "Dataset folder.")
    java.nio.file.Path data;

    @Option(names = "--split", defaultValue = "train", description = "Split whose samples are edited (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", defaultValue = "2000", description = "At most this many samples, in manifest order (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--batch", defaultValue = "16", description = "Samples edited per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @picocli.CommandLine.Mixin
    SamplingOptions sampling = new SamplingOptions();

    @Option(names = "--out", required = true, description = "File to write (.safetensors; replaced when complete).")
    java.nio.file.Path out;

    @Override
    public Integer call() throws Exception {
      if (limit < 1 || batch < 1) {
        throw new UserError("--limit and --batch must be at least 1");
      }
      org.reasonbrain.data.format.Dataset ds;
      try {
        ds = org.reasonbrain.data.format.Dataset.load(data);
      } catch (org.reasonbrain.data.format.Dataset.InvalidDatasetException e) {
        throw new UserError(e.getMessage());
      }
      java.util.List<org.reasonbrain.data.format.Sample> chosen = ds.split(split).stream()
          .filter(x -> x.steps().isEmpty()).limit(limit).toList();
      if (chosen.isEmpty()) {
        throw new UserError(data + " has no single-step samples in split '" + split + "'");
      }
      java.nio.file.Path dir = DefaultModel.resolve(model);
      EditPipeline.Options o = sampling.options();
      float[] latents = null;
      float[] cells = null;
      long[] shape = null;
      ProgressBar bar = new ProgressBar(System.err);
      try (EditPipeline p = sampling.apply(EditPipeline.load(dir))) {
        bar.start("own edits", chosen.size());
        for (int i = 0; i < chosen.size(); i += batch) {
          var part = chosen.subList(i, Math.min(chosen.size(), i + batch));
          java.util.List<java.awt.image.BufferedImage> images = new java.util.ArrayList<>();
          java.util.List<String> instructions = new java.util.ArrayList<>();
          for (var x : part) {
            images.add(ds.image(x.source()));
            instructions.add(x.instruction());
          }
          EditPipeline.EditLatents e = p.editLatents(images, instructions, o);
          if (latents == null) {
            shape = e.shape().clone();
            shape[0] = chosen.size();
            latents = new float[Math.toIntExact(chosen.size() * e.latents().length / part.size())];
            cells = e.editCells() == null ? null : new float[Math.toIntExact(chosen.size() * e.editCells().length / part.size())];
          }
          System.arraycopy(e.latents(), 0, latents, i * (latents.length / chosen.size()), e.latents().length);
          if (cells != null) {
            System.arraycopy(e.editCells(), 0, cells, i * (cells.length / chosen.size()), e.editCells().length);
          }
          bar.advance(part.size());
        }
        bar.finish();
      }
      var tensors = new LinkedHashMap<String, org.reasonbrain.core.io.Safetensors.Tensor>();
      tensors.put("latents", org.reasonbrain.core.io.Safetensors.Tensor.ofFloats(latents, shape));
      if (cells != null) {
        tensors.put("edit_cells", org.reasonbrain.core.io.Safetensors.Tensor.ofFloats(cells, shape[0], 1, shape[2], shape[3]));
      }
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("ids", json.writeValueAsString(chosen.stream().map(org.reasonbrain.data.format.Sample::id).toList()));
      meta.put("model", dir.toAbsolutePath().toString());
      meta.put("data", data.toAbsolutePath().toString());
      meta.put("split", split);
      meta.put("options", o.toString());
      org.reasonbrain.core.io.Safetensors.write(out, tensors, meta);
      System.out.println("wrote " + chosen.size() + " edits' latents " + java.util.Arrays.toString(shape) + " to " + out);
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Package a trained reasonbrain-stage run as a model folder: F16 weights (half the size), the clip stage's "
          + "contrastive encoder for the evaluation's CLIP scores, and the training history (configs, logs, curves).")
  static final class Export implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Finished reasonbrain-stage run folder.")
    java.nio.file.Path run;

    @Option(names = "--clip", description = "Finished clip-stage run folder (its encoder goes to clip.safetensors).")
    java.nio.file.Path clip;

    @Option(names = "--decoder", description = "Finished decoder-stage run whose autoencoder decoder replaces the run's (its encoder must be the run's own).")
    java.nio.file.Path decoder;

    @Option(names = "--autoencoder", description = "Finished autoencoder-stage run whose whole autoencoder (encoder and decoder) replaces the run's.")
    java.nio.file.Path autoencoder;

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
    java.util.List<java.nio.file.Path> history = new java.util.ArrayList<>();

    @Option(names = "--no-ema", description = "Export the trained weights even when the run kept an EMA of them (default: the EMA).")
    boolean noEma;

    @Option(names = "--full-precision", description = "Keep F32 weights instead of F16.")
    boolean full;

    @Option(names = "--out", required = true, description = "Model folder to write (replaced as a whole when complete).")
    java.nio.file.Path out;

    @Override
    public Integer call() throws Exception {
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      java.nio.file.Path cfgFile = run.resolve("config.json");
      if (!java.nio.file.Files.isRegularFile(cfgFile) || !java.nio.file.Files.isRegularFile(run.resolve("checkpoint/model.safetensors"))) {
        throw new UserError(run + ": not a finished run (needs config.json and checkpoint/model.safetensors)");
      }
      var cfg = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(cfgFile.toFile());
      if (!"reasonbrain".equals(cfg.path("stage").asText())) {
        throw new UserError(run + " is a " + cfg.path("stage").asText() + "-stage run; export a reasonbrain-stage run");
      }
      String preset = cfg.path("preset").asText("tiny");
      // Written beside OUT; an export killed earlier left its folder there, removed now.
      java.nio.file.Path tmp = org.reasonbrain.core.io.AtomicDirs.createTemp(out.toAbsolutePath(), "export");
      try {
        // A decoder-stage run may have grown the decoder (extra blocks): the model takes its shape, the run's
        // checkpoint fills everything else and swapDecoder the whole decoder.
        if (decoder != null && autoencoder != null) {
          throw new UserError("--decoder and --autoencoder both replace the decoder; give one");
        }
        java.nio.file.Path vaeFrom = autoencoder != null ? autoencoder : decoder;
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
          org.reasonbrain.core.nn.Checkpoints.load(model, run.resolve("checkpoint/model.safetensors"),
              name -> vaeFrom != null && name.startsWith("vae.decoder."));
          // Sampling uses the EMA of the trained weights when the run kept one (optimizer state "ema.NAME").
          java.nio.file.Path opt = run.resolve("checkpoint/optimizer.safetensors");
          int emaCount = 0;
          if (!noEma && java.nio.file.Files.isRegularFile(opt)) {
            var st = org.reasonbrain.core.io.Safetensors.read(opt).tensors();
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
          java.nio.file.Files.createDirectories(tmp.resolve("checkpoint"));
          org.reasonbrain.core.nn.Checkpoints.save(model, tmp.resolve("checkpoint/model.safetensors"),
              Map.of("preset", preset, "stage", "reasonbrain"), !full);
        }
        if (clip != null) {
          org.reasonbrain.infer.ContrastiveEncoder.export(clip, tmp.resolve(org.reasonbrain.infer.ContrastiveEncoder.FILE), !full);
        }
        cfg.put("exported_from", run.toAbsolutePath().toString());
        cfg.put("weights", full ? "F32" : "F16");
        java.nio.file.Files.writeString(tmp.resolve("config.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(cfg) + "\n");
        for (java.nio.file.Path h : history) {
          java.nio.file.Path dest = tmp.resolve("training").resolve(h.getFileName().toString());
          java.nio.file.Files.createDirectories(dest);
          for (String f : new String[] {"config.json", "log.csv", "loss.png", "accuracy.csv", "accuracy.png"}) {
            if (java.nio.file.Files.isRegularFile(h.resolve(f))) {
              java.nio.file.Files.copy(h.resolve(f), dest.resolve(f));
            }
          }
        }
        // Crash-safe: the destination is the old complete model or the new complete one (see AtomicDirs).
        org.reasonbrain.core.io.AtomicDirs.replace(tmp, out.toAbsolutePath());
      } catch (Exception e) {
        org.reasonbrain.core.io.AtomicFiles.deleteTree(tmp);
        throw e;
      }
      long bytes;
      try (var files = java.nio.file.Files.walk(out)) {
        bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
      System.out.printf(java.util.Locale.ROOT, "exported %s (%s) to %s: %.1f MB%n", run, preset, out, bytes / 1e6);
      return 0;
    }

    /** The decoder blocks a run's config.json records (0 when absent). */
    static int decoderBlocks(java.nio.file.Path runDir) throws java.io.IOException {
      var cfgFile = runDir.resolve("config.json");
      if (!java.nio.file.Files.isRegularFile(cfgFile)) {
        throw new UserError(runDir + ": not a finished run (needs config.json and checkpoint/model.safetensors)");
      }
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(cfgFile.toFile()).path("decoderBlocks").asInt(0);
    }

    /** Whether a run's config.json records the decoder's source branch (false when absent). */
    static boolean decoderSource(java.nio.file.Path runDir) throws java.io.IOException {
      decoderBlocks(runDir);   // the same check that it is a finished run
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(runDir.resolve("config.json").toFile())
          .path("decoderSource").asBoolean(false);
    }

    /** The weights of a finished run of {@code stage} (for --decoder / --autoencoder); refused, named, otherwise. */
    private static java.util.Map<String, org.reasonbrain.core.io.Safetensors.Tensor> stageWeights(java.nio.file.Path run, String stage)
        throws java.io.IOException {
      java.nio.file.Path f = run.resolve("checkpoint/model.safetensors");
      var cfgFile = run.resolve("config.json");
      if (!java.nio.file.Files.isRegularFile(f) || !java.nio.file.Files.isRegularFile(cfgFile)) {
        throw new UserError(run + ": not a finished run (needs config.json and checkpoint/model.safetensors)");
      }
      String was = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cfgFile.toFile()).path("stage").asText();
      if (!stage.equals(was)) {
        String article = stage.startsWith("a") ? "an " : "a ";
        throw new UserError(run + " is a " + was + "-stage run; --" + stage + " takes " + article + stage + "-stage run");
      }
      return org.reasonbrain.core.io.Safetensors.read(f).tensors();
    }

    /**
     * Puts the whole autoencoder of an autoencoder-stage run into {@code model} (a reasonbrain stage trained on the
     * latents of the encoder that run started from reads its anchored latents; see {@code Stage.AUTOENCODER}).
     */
    static void swapAutoencoder(ReasonBrain model, java.nio.file.Path aeRun) throws java.io.IOException {
      var st = stageWeights(aeRun, "autoencoder");
      for (var e : model.vae().parameters().entrySet()) {
        var t = st.get("vae." + e.getKey());
        if (t == null || !java.util.Arrays.equals(t.shape(), e.getValue().value().getShape().getShape())) {
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
        if (org.reasonbrain.core.io.Safetensors.Tensor.floatToHalf(a[i]) != org.reasonbrain.core.io.Safetensors.Tensor.floatToHalf(b[i])) {
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
    static void swapDecoder(ReasonBrain model, java.nio.file.Path decoderRun) throws java.io.IOException {
      var st = stageWeights(decoderRun, "decoder");
      for (var e : model.vae().encoderParameters().entrySet()) {
        var t = st.get("vae." + e.getKey());
        if (t == null || !sameAtHalfPrecision(t.toFloats(), e.getValue().value().toFloatArray())) {
          throw new UserError(decoderRun + ": its autoencoder encoder differs from the model's at vae." + e.getKey()
              + "; train the decoder stage with --init from this run (or its VAE)");
        }
      }
      // The decoder run's EMA weights when it kept one (optimizer state "ema.NAME"), as for the main run.
      java.nio.file.Path opt = decoderRun.resolve("checkpoint/optimizer.safetensors");
      var ema = java.nio.file.Files.isRegularFile(opt)
          ? org.reasonbrain.core.io.Safetensors.read(opt).tensors() : java.util.Map.<String, org.reasonbrain.core.io.Safetensors.Tensor>of();
      for (var e : model.vae().decoderParameters().entrySet()) {
        var t = ema.getOrDefault("ema.vae." + e.getKey(), st.get("vae." + e.getKey()));
        if (t == null || !java.util.Arrays.equals(t.shape(), e.getValue().value().getShape().getShape())) {
          throw new UserError(decoderRun + ": no decoder weight vae." + e.getKey() + " of the model's shape");
        }
        e.getValue().assign(t.toFloats());
      }
    }
  }

  @Command(name = "average", mixinStandardHelpOptions = true,
      description = "Average the weights of model folders of one architecture into a new model folder (a model soup: "
          + "continuations of one model that each learnt other families keep what each learnt; Wortsman et al. 2022).")
  static final class Average implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (exported; repeat, at least two).")
    java.util.List<java.nio.file.Path> models = new java.util.ArrayList<>();

    @Option(names = "--weights", split = ",", description = "One weight per --model, each >= 0, summing to 1 (default: equal).")
    java.util.List<Double> weights;

    @Option(names = "--out", required = true, description = "Model folder to write (replaced as a whole when complete).")
    java.nio.file.Path out;

    /** The config fields that make two models one architecture. */
    static final java.util.List<String> SHAPE_FIELDS = java.util.List.of("preset", "decoderBlocks", "decoderSource");

    @Override
    public Integer call() throws Exception {
      if (models.size() < 2) {
        throw new UserError("model average needs at least two --model folders, got " + models.size());
      }
      double[] w = weights(models.size(), weights);
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      java.util.List<Map<String, org.reasonbrain.core.io.Safetensors.Tensor>> all = new java.util.ArrayList<>();
      com.fasterxml.jackson.databind.node.ObjectNode first = null;
      Map<String, String> meta = Map.of();
      for (java.nio.file.Path m : models) {
        java.nio.file.Path cfgFile = m.resolve("config.json");
        java.nio.file.Path weightsFile = m.resolve("checkpoint/model.safetensors");
        if (!java.nio.file.Files.isRegularFile(cfgFile) || !java.nio.file.Files.isRegularFile(weightsFile)) {
          throw new UserError(m + ": not a model folder (needs config.json and checkpoint/model.safetensors)");
        }
        var cfg = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(cfgFile.toFile());
        if (first == null) {
          first = cfg;
        } else {
          for (String f : SHAPE_FIELDS) {
            if (!first.path(f).equals(cfg.path(f))) {
              throw new UserError(m + ": config.json field " + f + " is " + cfg.path(f) + ", " + models.get(0) + "'s is "
                  + first.path(f) + "; only models of one architecture can be averaged");
            }
          }
        }
        var contents = org.reasonbrain.core.io.Safetensors.read(weightsFile);
        if (all.isEmpty()) {
          meta = contents.metadata();
        }
        all.add(contents.tensors());
      }
      Map<String, org.reasonbrain.core.io.Safetensors.Tensor> averaged;
      try {
        averaged = average(all, w);
      } catch (IllegalArgumentException e) {
        throw new UserError("cannot average " + models + ": " + e.getMessage());
      }
      java.nio.file.Path tmp = org.reasonbrain.core.io.AtomicDirs.createTemp(out.toAbsolutePath(), "average");
      try {
        java.nio.file.Files.createDirectories(tmp.resolve("checkpoint"));
        org.reasonbrain.core.io.Safetensors.write(tmp.resolve("checkpoint/model.safetensors"), averaged, meta);
        var from = first.putArray("averaged_from");
        var ws = first.putArray("average_weights");
        for (int i = 0; i < models.size(); i++) {
          from.add(models.get(i).toAbsolutePath().toString());
          ws.add(w[i]);
        }
        java.nio.file.Files.writeString(tmp.resolve("config.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(first) + "\n");
        // The first model's contrastive encoder (the evaluation's CLIP scores); every model's training history.
        java.nio.file.Path clip = models.get(0).resolve(org.reasonbrain.infer.ContrastiveEncoder.FILE);
        if (java.nio.file.Files.isRegularFile(clip)) {
          java.nio.file.Files.copy(clip, tmp.resolve(org.reasonbrain.infer.ContrastiveEncoder.FILE));
        }
        for (java.nio.file.Path m : models) {
          java.nio.file.Path hist = m.resolve("training");
          if (!java.nio.file.Files.isDirectory(hist)) {
            continue;
          }
          try (var runs = java.nio.file.Files.list(hist)) {
            for (java.nio.file.Path run : (Iterable<java.nio.file.Path>) runs::iterator) {
              java.nio.file.Path dest = tmp.resolve("training").resolve(run.getFileName().toString());
              if (!java.nio.file.Files.isDirectory(run) || java.nio.file.Files.exists(dest)) {
                continue;
              }
              java.nio.file.Files.createDirectories(dest);
              try (var files = java.nio.file.Files.list(run)) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                  if (java.nio.file.Files.isRegularFile(f)) {
                    java.nio.file.Files.copy(f, dest.resolve(f.getFileName().toString()));
                  }
                }
              }
            }
          }
        }
        org.reasonbrain.core.io.AtomicDirs.replace(tmp, out.toAbsolutePath());
      } catch (Exception e) {
        org.reasonbrain.core.io.AtomicFiles.deleteTree(tmp);
        throw e;
      }
      System.out.printf(java.util.Locale.ROOT, "averaged %d models (weights %s) into %s: %d tensors%n", models.size(),
          java.util.Arrays.toString(w), out, averaged.size());
      return 0;
    }

    /** The weights to use: the given ones checked (one per model, each >= 0, sum 1), else equal ones. */
    static double[] weights(int n, java.util.List<Double> given) {
      if (given == null || given.isEmpty()) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
      }
      if (given.size() != n) {
        throw new UserError("--weights gives " + given.size() + " weights for " + n + " --model folders");
      }
      double sum = 0;
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        double v = given.get(i);
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new UserError("--weights: weight " + (i + 1) + " is " + v + "; each must be a number >= 0");
        }
        w[i] = v;
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-6) {
        throw new UserError("--weights must sum to 1, they sum to " + sum);
      }
      return w;
    }

    /**
     * The weighted average of same-named, same-shaped tensors, F16 unless some input is F32 (then F32). Fails, naming
     * the tensor, when the models do not hold the same names and shapes.
     */
    static Map<String, org.reasonbrain.core.io.Safetensors.Tensor> average(
        java.util.List<Map<String, org.reasonbrain.core.io.Safetensors.Tensor>> models, double[] w) {
      Map<String, org.reasonbrain.core.io.Safetensors.Tensor> out = new LinkedHashMap<>();
      Map<String, org.reasonbrain.core.io.Safetensors.Tensor> first = models.get(0);
      for (int m = 1; m < models.size(); m++) {
        for (String name : models.get(m).keySet()) {
          if (!first.containsKey(name)) {
            throw new IllegalArgumentException("model " + (m + 1) + " has weight " + name + ", model 1 has not");
          }
        }
      }
      for (var e : first.entrySet()) {
        long[] shape = e.getValue().shape();
        double[] sum = new double[(int) e.getValue().elements()];
        boolean full = false;
        for (int m = 0; m < models.size(); m++) {
          var t = models.get(m).get(e.getKey());
          if (t == null) {
            throw new IllegalArgumentException("model " + (m + 1) + " has no weight " + e.getKey());
          }
          if (!java.util.Arrays.equals(shape, t.shape())) {
            throw new IllegalArgumentException("weight " + e.getKey() + " is " + java.util.Arrays.toString(t.shape()) + " in model "
                + (m + 1) + ", " + java.util.Arrays.toString(shape) + " in model 1");
          }
          full |= t.dtype() == org.reasonbrain.core.io.Safetensors.DType.F32;
          float[] v = t.toFloats();
          for (int i = 0; i < v.length; i++) {
            sum[i] += w[m] * v[i];
          }
        }
        float[] avg = new float[sum.length];
        for (int i = 0; i < avg.length; i++) {
          avg[i] = (float) sum[i];
        }
        out.put(e.getKey(), full ? org.reasonbrain.core.io.Safetensors.Tensor.ofFloats(avg, shape)
            : org.reasonbrain.core.io.Safetensors.Tensor.ofHalfs(avg, shape));
      }
      return out;
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Parameter counts per module of a preset (tiny, ip2p, mllm-only, tiny-no-frce, tiny-no-id, tiny-no-cme, paper-3b, paper-7b), trainable and frozen.")
  static final class Info implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "tiny", description = "Preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Override
    public Integer call() {
      System.out.printf("%-28s %14s %14s  %s%n", "module", "parameters", "trainable", "");
      long total = 0;
      long trainable = 0;
      if (PaperPresets.isPaper(preset)) {
        for (PaperPresets.Row r : PaperPresets.rows(preset)) {
          System.out.printf("%-28s %14s %14s  %s%n", r.module(), fmt(r.total()), fmt(r.trainable()), r.note());
          total += r.total();
          trainable += r.trainable();
        }
      } else {
        try (NDManager m = NDManager.newBaseManager()) {
          ReasonBrain model = new ReasonBrain(m, 0, ReasonBrainConfig.preset(preset));
          model.vae().setTrainable(false); // as in the reasonbrain stage (the vae stage trains it alone)
          model.imageEncoder().setTrainable(false); // E_I is frozen there too (trained by the clip stage)
          Map<String, long[]> per = new LinkedHashMap<>();
          model.parameters().forEach((name, p) -> {
            String top = name.startsWith("frce.") ? "frce." + name.split("\\.")[1] : name.split("\\.")[0];
            long[] c = per.computeIfAbsent(top, k -> new long[2]);
            c[0] += p.value().size();
            c[1] += p.trainable() ? p.value().size() : 0;
          });
          for (var e : per.entrySet()) {
            System.out.printf("%-28s %14s %14s%n", e.getKey(), fmt(e.getValue()[0]), fmt(e.getValue()[1]));
            total += e.getValue()[0];
            trainable += e.getValue()[1];
          }
          System.out.println("(E_T, all-MiniLM-L6-v2, 22.6 M, frozen, runs in ONNX Runtime and is not counted above;"
              + " trainable = in the reasonbrain stage with LoRA on)");
          ReasonBrainConfig rc = model.config();
          if (model.mllm() != null) {
            System.out.printf("MLLM token budget: %d tokens per sample (image-grid tokens pooled %dx%d: %d instead of %d each)%n",
                model.mllmTokens(32), rc.mllmPool(), rc.mllmPool(), (rc.imageSize() / 8 / rc.mllmPool()) * (rc.imageSize() / 8 / rc.mllmPool()),
                (rc.imageSize() / 8) * (rc.imageSize() / 8));
          }
          if (model.cmeVisualTokens() > 0) {
            int g = rc.imageSize() / 8 / rc.cmePool();
            System.out.printf("CME token budget: %d image-grid tokens per sample in the visual enhancer (%s), R-bar_visual on a %dx%d grid%n",
                model.cmeVisualTokens(), rc.cmePool() == 1 ? "unpooled"
                    : String.format("pooled %dx%d: %d instead of %d", rc.cmePool(), rc.cmePool(), g * g, (rc.imageSize() / 8) * (rc.imageSize() / 8)),
                g, g);
          }
          if (model.unet().hasPixelStem()) {
            long stem = model.unet().parameters().entrySet().stream().filter(e -> e.getKey().startsWith("pixel_stem."))
                .mapToLong(e -> e.getValue().value().size()).sum();
            System.out.printf("UNet pixel stem: the source's %dx%d pixels reach the UNet's first %dx%d map beside its latent (%s parameters)%n",
                rc.imageSize(), rc.imageSize(), rc.imageSize() / 4, rc.imageSize() / 4, fmt(stem));
          }
        }
      }
      System.out.printf("%-28s %14s %14s%n", "total", fmt(total), fmt(trainable));
      return 0;
    }

    private static String fmt(long n) {
      return n >= 1_000_000 ? String.format("%.1f M", n / 1e6) : String.format("%,d", n);
    }
  }
}
