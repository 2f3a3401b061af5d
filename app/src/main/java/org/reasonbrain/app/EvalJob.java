package org.reasonbrain.app;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.Evaluator;
import org.reasonbrain.eval.ImageTextEncoder;
import org.reasonbrain.eval.Report;
import org.reasonbrain.infer.ContrastiveEncoder;
import org.reasonbrain.infer.EditPipeline;

/**
 * The parts of {@code reasonbrain eval} that a distributed run shares with the local one: which samples
 * are scored, the editor and evaluator built from a model folder, and the report. Everything an executor
 * needs travels in {@link Settings} (plain strings and numbers, serializable).
 */
public final class EvalJob {
  private EvalJob() {}

  /** The options of an evaluation (paths as strings). */
  public record Settings(String model, String data, List<String> splits, String out, int limit, int steps, long seed, int batch,
      double textGuidance, double imageGuidance, double preserve, Double keepPixels, String spacing, double eta, String clip, boolean noClip, boolean oracleVae, String judgeUrl,
      String judgeModel, boolean controls) implements Serializable {
    public EditPipeline.Options options() {
      return new EditPipeline.Options(steps, textGuidance, imageGuidance, seed, preserve,
          org.reasonbrain.sampling.DdimSampler.Spacing.parse(spacing), eta);
    }

    /**
     * The same settings with the model folder resolved here (the shipped default included) to an absolute
     * path, for a process that does not know where this checkout is (a Spark executor).
     */
    public Settings resolved() {
      return new Settings(modelDir().toAbsolutePath().toString(), data, splits, out, limit, steps, seed, batch, textGuidance,
          imageGuidance, preserve, keepPixels, spacing, eta, clip, noClip, oracleVae, judgeUrl, judgeModel, controls);
    }

    /** The model folder: the given one or the shipped default; a user error names what is missing. */
    public Path modelDir() {
      return DefaultModel.resolve(model == null ? null : Path.of(model));
    }
  }

  /** The samples an evaluation scores, in manifest order: the chosen splits (every split but train), at most limit per split. */
  public static List<Sample> choose(Dataset ds, Settings s) {
    return choose(ds, s.splits(), s.limit());
  }

  /**
   * The samples of {@code splits} (null: every split but train) in manifest order, at most {@code limit} per split
   * (0: all): what {@code eval} scores and {@code data tasks} lists, so both pick the same samples.
   */
  public static List<Sample> choose(Dataset ds, List<String> splits, int limit) {
    List<Sample> chosen = ds.samples().stream()
        .filter(x -> splits == null ? !x.split().equals("train") : splits.contains(x.split()))
        .toList();
    if (limit > 0) {
      Map<String, Integer> seen = new HashMap<>();
      chosen = chosen.stream().filter(x -> seen.merge(x.split(), 1, Integer::sum) <= limit).toList();
    }
    if (chosen.isEmpty()) {
      throw new UserError("no samples to evaluate in " + ds.dir() + (splits == null ? "" : " for splits " + splits));
    }
    return chosen;
  }

  /** A loaded model with its evaluator and editor (closing it frees the model). */
  public static final class Session implements AutoCloseable {
    private final EditPipeline pipeline;
    private final ContrastiveEncoder encoder;
    private final Evaluator evaluator;
    private final Evaluator.BatchEditor editor;

    private Session(EditPipeline pipeline, ContrastiveEncoder encoder, Evaluator evaluator, Evaluator.BatchEditor editor) {
      this.pipeline = pipeline;
      this.encoder = encoder;
      this.evaluator = evaluator;
      this.editor = editor;
    }

    public Evaluator evaluator() {
      return evaluator;
    }

    public Evaluator.BatchEditor editor() {
      return editor;
    }

    @Override
    public void close() {
      if (encoder != null) {
        encoder.close();
      }
      pipeline.close();
    }
  }

  /**
   * Loads the model of {@code s} and builds the evaluator of {@code ds} and the editor (the model's batched
   * edits, or with {@code oracleVae} the autoencoder's reconstruction of each true target of {@code chosen}).
   */
  public static Session open(Dataset ds, List<Sample> chosen, Settings s) throws IOException {
    Path modelDir = s.modelDir();
    Path clip = s.clip() == null ? null : Path.of(s.clip());
    if (clip != null && !Files.isRegularFile(clip)) {
      throw new UserError(clip + ": no such contrastive encoder file");
    }
    Path clipFile = s.noClip() ? null : clip != null ? clip : java.util.stream.Stream.of(modelDir, DefaultModel.path())
        .map(d -> d.resolve(ContrastiveEncoder.FILE)).filter(Files::isRegularFile).findFirst().orElse(null);
    EditPipeline p = EditPipeline.load(modelDir);
    try {
      SamplingOptions.keepPixels(p, s.keepPixels());
    } catch (UserError e) {
      p.close();
      throw e;
    }
    ContrastiveEncoder enc = null;
    try {
      enc = clipFile == null ? null : ContrastiveEncoder.load(clipFile, "tiny", p.textEncoder());
      Evaluator evaluator = new Evaluator(ds);
      if (enc != null) {
        ContrastiveEncoder e = enc;
        evaluator.withClip(new ImageTextEncoder() {
          @Override
          public float[] image(java.awt.image.BufferedImage image) {
            return e.image(image);
          }

          @Override
          public float[] text(String text) {
            return e.text(text);
          }
        }).withDino(e::image);
      }
      if (s.judgeUrl() != null) {
        evaluator.withMllmJudge(new org.reasonbrain.eval.MllmJudge(s.judgeUrl(), s.judgeModel(), System.getenv("OPENAI_API_KEY")));
      }
      EditPipeline.Options o = s.options();
      Evaluator.BatchEditor editor = (imgs, instrs) -> p.editBatch(imgs, instrs, o, (d, t) -> {}).stream()
          .map(EditPipeline.Result::image).toList();
      if (s.oracleVae()) {
        editor = new OracleEditor(ds, chosen, (target, input) -> p.reconstruct(target, input, o.preserve()));
      }
      return new Session(p, enc, evaluator, editor);
    } catch (IOException | RuntimeException e) {
      if (enc != null) {
        enc.close();
      }
      p.close();
      throw e;
    }
  }

  /** Writes report.json / report.md / accuracy.png / gallery.html for {@code rows} and prints the summary line. */
  public static void report(Settings s, List<Evaluator.Row> rows, double seconds, Map<String, String> extraMeta) throws IOException {
    Path modelDir = s.modelDir();
    Path data = Path.of(s.data());
    String preset = new com.fasterxml.jackson.databind.ObjectMapper().readTree(modelDir.resolve("config.json").toFile())
        .path("preset").asText("tiny");
    Map<String, String> meta = new java.util.LinkedHashMap<>(Map.of("model", modelDir.toAbsolutePath().toString(),
        "preset", preset, "data", data.toAbsolutePath().toString(), "steps", Integer.toString(s.steps()), "seed",
        Long.toString(s.seed()), "guidance", s.textGuidance() + "/" + s.imageGuidance(), "batch", Integer.toString(s.batch()),
        "oracle_vae", Boolean.toString(s.oracleVae()), "seconds", String.format(Locale.ROOT, "%.1f", seconds)));
    meta.put("preserve", Double.toString(s.preserve()));
    meta.put("keep_pixels", s.keepPixels() == null ? "the model's" : Double.toString(s.keepPixels()));
    meta.put("spacing", s.spacing());
    meta.put("eta", Double.toString(s.eta()));
    meta.putAll(extraMeta);
    Report.write(Path.of(s.out()), modelDir.getFileName() + " on " + data.getFileName(), rows, meta,
        rel -> org.reasonbrain.core.image.Images.read(data.resolve(rel)));
    Map<String, Double> total = Evaluator.summarize(rows, r -> r.sample().category()).get("total");
    System.out.printf(Locale.ROOT, "%d samples in %.1f s (%.2f s each, batch %d): accuracy lenient %.3f, strict %.3f, identity SSIM %.3f; report in %s%n",
        rows.size(), seconds, seconds / rows.size(), s.batch(), total.get("accuracy_lenient"), total.get("accuracy_strict"),
        total.get("id_ssim"), s.out());
  }
}
