package org.reasonbrain.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.EditsFolder;
import org.reasonbrain.eval.Evaluator;
import org.reasonbrain.eval.MllmJudge;
import org.reasonbrain.eval.Report;

/**
 * {@code reasonbrain eval --edits DIR}: judges an edits folder written by any program (docs/score-your-editor.md)
 * on the samples {@code eval --model} would score, and writes the same report files, with the folder's missing,
 * unreadable and wrong-shaped edits listed and counted as failures.
 */
final class EditsEval {
  private EditsEval() {}

  static void run(EvalJob.Settings s, Path edits) throws IOException {
    run(s, edits, Map.of(), null, Map.of());
  }

  /**
   * The same, for a folder another command filled ({@code eval --editor-url}): {@code whyMissing} gives the reason of
   * each sample it has no edit for, {@code title} (null: the folder's name) heads the report, {@code extraMeta} joins
   * report.json's meta. Returns the folder's account.
   */
  static EditsFolder.Result run(EvalJob.Settings s, Path edits, Map<String, String> whyMissing, String title,
      Map<String, String> extraMeta) throws IOException {
    Dataset ds = Dataset.load(Path.of(s.data()));
    List<Sample> chosen = EvalJob.choose(ds, s);
    Evaluator evaluator = new Evaluator(ds);
    if (s.judgeUrl() != null) {
      evaluator.withMllmJudge(new MllmJudge(s.judgeUrl(), s.judgeModel(), System.getenv("OPENAI_API_KEY")));
    }
    long t0 = System.nanoTime();
    EditsFolder.Result result = EditsFolder.judge(evaluator, ds, chosen, edits, new ProgressBar(System.err), whyMissing);
    report(s, edits, result, (System.nanoTime() - t0) / 1e9, title, extraMeta);
    return result;
  }

  /** The report files of {@link EvalJob#report}, titled by the edits folder, plus the folder's account; a summary on stdout. */
  static void report(EvalJob.Settings s, Path edits, EditsFolder.Result result, double seconds) throws IOException {
    report(s, edits, result, seconds, null, Map.of());
  }

  /** The same with a title (null: the edits folder's name) and more meta entries. */
  static void report(EvalJob.Settings s, Path edits, EditsFolder.Result result, double seconds, String title,
      Map<String, String> extraMeta) throws IOException {
    Path data = Path.of(s.data());
    Path out = Path.of(s.out());
    Map<String, String> meta = new java.util.LinkedHashMap<>();
    meta.put("edits", edits.toAbsolutePath().toString());
    meta.put("data", data.toAbsolutePath().toString());
    meta.put("edits_judged", Integer.toString(result.judged()));
    meta.put("edits_failed_to_read", Integer.toString(result.problems().size()));
    meta.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
    meta.putAll(extraMeta);
    List<Evaluator.Row> rows = result.rows();
    Report.write(out, (title != null ? title : edits.toAbsolutePath().normalize().getFileName()) + " on " + data.getFileName(), rows, meta,
        rel -> Images.read(data.resolve(rel)));
    EditsFolder.annotate(out, edits, result);
    Map<String, Double> total = Evaluator.summarize(rows, r -> r.sample().category()).get("total");
    System.out.printf(Locale.ROOT, "%d samples, %d edits judged, %d missing or unusable (counted as failures): accuracy lenient %.3f, "
        + "strict %.3f, identity SSIM %.3f; report in %s%n", rows.size(), result.judged(), result.problems().size(),
        total.get("accuracy_lenient"), total.get("accuracy_strict"), total.get("id_ssim"), out);
    for (EditsFolder.Problem p : result.problems().subList(0, Math.min(10, result.problems().size()))) {
      System.out.println("  " + p.file() + ": " + p.reason());
    }
    if (result.problems().size() > 10) {
      System.out.println("  ... and " + (result.problems().size() - 10) + " more (report.md lists them all)");
    }
    if (result.problems().stream().anyMatch(p -> p.reason().startsWith("missing ("))) {
      System.out.println("  (a sample without an edit counts as a failure: give 'data tasks' and 'eval --edits' the same --split and --limit)");
    }
    if (!result.unknownFiles().isEmpty()) {
      System.out.println("  " + result.unknownFiles().size() + " file(s) name no sample of the dataset and were ignored, e.g. "
          + result.unknownFiles().get(0));
    }
  }
}
