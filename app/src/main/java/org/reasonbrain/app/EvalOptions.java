package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code eval}, shared by the local command and the Spark one. */
public final class EvalOptions {
  @Option(names = "--model", description = "Model or run folder (default: the shipped models/default).")
  Path model;

  @Option(names = "--data", required = true, description = "Dataset folder.")
  Path data;

  @Option(names = "--split", description = "Splits to score (repeatable; default: every split but train).")
  List<String> splits;

  @Option(names = "--out", required = true, description = "Report folder (report.json, report.md, accuracy.png, gallery.html).")
  Path out;

  @Option(names = "--limit", defaultValue = "0", description = "At most this many samples per split (0 = all).")
  int limit;

  @Option(names = "--batch", defaultValue = "16", description = "Samples edited together (default ${DEFAULT-VALUE}).")
  int batch;

  @picocli.CommandLine.Mixin
  SamplingOptions sampling;

  @Option(names = "--clip", description = "Contrastive encoder for the CLIP scores and the DINO-style similarity "
      + "(default: clip.safetensors of the model folder, else of models/default).")
  Path clip;

  @Option(names = "--no-clip", description = "Skip the CLIP scores and the image similarity.")
  boolean noClip;

  @Option(names = "--oracle-vae", description = "Diagnostic: score the model's autoencoder reconstruction of each true target "
      + "instead of edits (the ceiling the autoencoder leaves a perfect diffusion model; with --preserve, through the same "
      + "keeping of the source where the target's latent is unchanged).")
  boolean oracleVae;

  @Option(names = "--judge-url", description = "OpenAI-compatible chat endpoint of a vision-language model for the MLLM score (off by default).")
  String judgeUrl;

  @Option(names = "--judge-model", defaultValue = "gpt-4o-mini", description = "Model name for --judge-url (default ${DEFAULT-VALUE}).")
  String judgeModel;

  @Option(names = "--controls", description = "Also score the controls (real, neutral and other-family instructions, mirrored scenes) "
      + "on the chosen single-step samples: controls.json/.md/.png in --out.")
  boolean controls;

  /** The options as plain values (absolute paths), for this process or another one. */
  public EvalJob.Settings settings() {
    sampling.options();   // a bad sampling option is a user error before any work
    return new EvalJob.Settings(model == null ? null : model.toAbsolutePath().toString(), data.toAbsolutePath().toString(),
        splits == null ? null : List.copyOf(splits), out.toAbsolutePath().toString(), limit, sampling.steps, sampling.seed, batch,
        sampling.textGuidance, sampling.imageGuidance, sampling.preserve, sampling.keepPixels, sampling.spacing, sampling.eta, clip == null ? null : clip.toAbsolutePath().toString(), noClip, oracleVae, judgeUrl, judgeModel, controls);
  }
}
