package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.Evaluator;
import org.reasonbrain.eval.ImageTextEncoder;
import org.reasonbrain.eval.Report;
import org.reasonbrain.infer.ContrastiveEncoder;
import org.reasonbrain.infer.EditPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain eval}: score a model on a dataset; writes JSON, Markdown, a chart and a gallery. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model on a dataset (any folder in the manifest format) with the programmatic judge and image metrics.")
final class EvalCommand implements Callable<Integer> {
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

  @Option(names = "--steps", defaultValue = "20", description = "DDIM steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--batch", defaultValue = "16", description = "Samples edited together (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--text-guidance", defaultValue = "7.5", description = "Text guidance scale (default ${DEFAULT-VALUE}).")
  double textGuidance;

  @Option(names = "--image-guidance", defaultValue = "1.5", description = "Image guidance scale (default ${DEFAULT-VALUE}).")
  double imageGuidance;

  @Option(names = "--clip", description = "Contrastive encoder for the CLIP scores and the DINO-style similarity "
      + "(default: clip.safetensors of the model folder, else of models/default).")
  Path clip;

  @Option(names = "--no-clip", description = "Skip the CLIP scores and the image similarity.")
  boolean noClip;

  @Option(names = "--oracle-vae", description = "Diagnostic: score the model's autoencoder reconstruction of each true target "
      + "instead of edits (the ceiling the autoencoder leaves a perfect diffusion model).")
  boolean oracleVae;

  @Option(names = "--judge-url", description = "OpenAI-compatible chat endpoint of a vision-language model for the MLLM score (off by default).")
  String judgeUrl;

  @Option(names = "--judge-model", defaultValue = "gpt-4o-mini", description = "Model name for --judge-url (default ${DEFAULT-VALUE}).")
  String judgeModel;

  @Option(names = "--controls", description = "Also score the controls (real, neutral and other-family instructions, mirrored scenes) "
      + "on the chosen single-step samples: controls.json/.md/.png in --out.")
  boolean controls;

  @Override
  public Integer call() throws Exception {
    Dataset ds = Dataset.load(data);
    List<Sample> chosen = ds.samples().stream()
        .filter(s -> splits == null ? !s.split().equals("train") : splits.contains(s.split()))
        .toList();
    if (limit > 0) {
      java.util.Map<String, Integer> seen = new java.util.HashMap<>();
      chosen = chosen.stream().filter(s -> seen.merge(s.split(), 1, Integer::sum) <= limit).toList();
    }
    if (chosen.isEmpty()) {
      throw new UserError("no samples to evaluate in " + data + (splits == null ? "" : " for splits " + splits));
    }
    EditPipeline.Options o = new EditPipeline.Options(steps, textGuidance, imageGuidance, seed);
    Path modelDir = DefaultModel.resolve(model);
    Path clipFile = noClip ? null : clip != null ? clip : java.util.stream.Stream.of(modelDir, DefaultModel.path())
        .map(d -> d.resolve(ContrastiveEncoder.FILE)).filter(java.nio.file.Files::isRegularFile).findFirst().orElse(null);
    if (clip != null && !java.nio.file.Files.isRegularFile(clip)) {
      throw new UserError(clip + ": no such contrastive encoder file");
    }
    long t0 = System.nanoTime();
    try (EditPipeline p = EditPipeline.load(modelDir);
        ContrastiveEncoder enc = clipFile == null ? null : ContrastiveEncoder.load(clipFile, "tiny", p.textEncoder())) {
      Evaluator evaluator = new Evaluator(ds);
      if (enc != null) {
        evaluator.withClip(new ImageTextEncoder() {
          @Override
          public float[] image(java.awt.image.BufferedImage image) {
            return enc.image(image);
          }

          @Override
          public float[] text(String text) {
            return enc.text(text);
          }
        }).withDino(enc::image);
      }
      if (judgeUrl != null) {
        evaluator.withMllmJudge(new org.reasonbrain.eval.MllmJudge(judgeUrl, judgeModel, System.getenv("OPENAI_API_KEY")));
      }
      Evaluator.BatchEditor editor = (imgs, instrs) -> p.editBatch(imgs, instrs, o, (d, t) -> {}).stream().map(EditPipeline.Result::image).toList();
      if (oracleVae) {
        Map<String, String> targetOf = new java.util.HashMap<>();
        for (Sample s : chosen) {
          if (s.steps().isEmpty()) {
            targetOf.put(s.instruction(), s.target());
          }
          s.steps().forEach(st -> targetOf.put(st.instruction(), st.target()));
        }
        editor = (imgs, instrs) -> instrs.stream().map(i -> {
          try {
            return p.reconstruct(ds.image(targetOf.get(i)));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).toList();
      }
      List<Evaluator.Row> rows = evaluator.run(chosen, editor, batch, new ProgressBar(System.err));
      double secs = (System.nanoTime() - t0) / 1e9;
      String preset = new com.fasterxml.jackson.databind.ObjectMapper().readTree(modelDir.resolve("config.json").toFile()).path("preset").asText("tiny");
      Report.write(out, modelDir.getFileName() + " on " + data.getFileName(), rows, Map.of("model", modelDir.toAbsolutePath().toString(),
          "preset", preset, "data", data.toAbsolutePath().toString(), "steps", Integer.toString(steps), "seed", Long.toString(seed),
          "guidance", textGuidance + "/" + imageGuidance, "batch", Integer.toString(batch), "oracle_vae", Boolean.toString(oracleVae), "seconds", String.format(Locale.ROOT, "%.1f", secs)));
      if (controls && !oracleVae) {
        List<org.reasonbrain.eval.Controls.Result> cr = org.reasonbrain.eval.Controls.run(ds, chosen, editor, batch, new ProgressBar(System.err));
        org.reasonbrain.eval.Controls.write(out, modelDir.getFileName() + " on " + data.getFileName(), cr);
        for (var r : cr) {
          System.out.printf(Locale.ROOT, "control %-30s %4d samples: lenient %.3f [%.3f-%.3f], strict %.3f, chance %.3f%n", r.control(), r.n(),
              r.lenient(), r.lo(), r.hi(), r.strict(), r.chance());
        }
      }
      Map<String, Double> total = Evaluator.summarize(rows, r -> r.sample().category()).get("total");
      System.out.printf(Locale.ROOT, "%d samples in %.1f s (%.2f s each, batch %d): accuracy lenient %.3f, strict %.3f, identity SSIM %.3f; report in %s%n",
          rows.size(), secs, secs / rows.size(), batch, total.get("accuracy_lenient"), total.get("accuracy_strict"), total.get("id_ssim"), out);
    }
    return 0;
  }
}
