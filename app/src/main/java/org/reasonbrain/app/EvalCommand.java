package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reasonbrain eval}: score a model on a dataset; writes JSON, Markdown, a chart and a gallery. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model (or, with --edits, a folder of edits made by any program) on a dataset (any folder in the manifest format) with the programmatic judge and image metrics.")
final class EvalCommand implements Callable<Integer> {
  @Mixin
  EvalOptions options;

  @picocli.CommandLine.Option(names = "--edits", description = "Judge the edits in this folder, made by any program, instead of "
      + "running a model: one <id>.png (or .jpg/.jpeg, any size of the build's aspect ratio) per sample, as listed by "
      + "'data tasks'; missing or unusable files are reported and count as failures. See docs/score-your-editor.md.")
  Path edits;

  @Override
  public Integer call() throws Exception {
    EvalJob.Settings s = options.settings();
    if (edits != null) {
      for (var opt : new Object[][] {{"--model", options.model}, {"--oracle-vae", options.oracleVae}, {"--controls", options.controls},
          {"--clip", options.clip}}) {
        if (opt[1] != null && !Boolean.FALSE.equals(opt[1])) {
          throw new UserError("--edits judges edits made elsewhere; " + opt[0] + " does not apply to it");
        }
      }
      EditsEval.run(s, edits);
      return 0;
    }
    Dataset ds = Dataset.load(Path.of(s.data()));
    List<Sample> chosen = EvalJob.choose(ds, s);
    Path modelDir = s.modelDir();
    long t0 = System.nanoTime();
    try (EvalJob.Session session = EvalJob.open(ds, chosen, s)) {
      List<Evaluator.Row> rows = session.evaluator().run(chosen, session.editor(), s.batch(), new ProgressBar(System.err));
      EvalJob.report(s, rows, (System.nanoTime() - t0) / 1e9, Map.of());
      if (s.controls() && !s.oracleVae()) {
        List<org.reasonbrain.eval.Controls.Result> cr = org.reasonbrain.eval.Controls.run(ds, chosen, session.editor(), s.batch(),
            new ProgressBar(System.err));
        org.reasonbrain.eval.Controls.write(Path.of(s.out()), modelDir.getFileName() + " on " + Path.of(s.data()).getFileName(), cr);
        for (var r : cr) {
          System.out.printf(Locale.ROOT, "control %-30s %4d samples: lenient %.3f [%.3f-%.3f], strict %.3f, chance %.3f%n", r.control(), r.n(),
              r.lenient(), r.lo(), r.hi(), r.strict(), r.chance());
        }
      }
    }
    return 0;
  }
}
