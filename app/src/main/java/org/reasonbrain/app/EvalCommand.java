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

  @picocli.CommandLine.Option(names = "--editor-url", paramLabel = "URL", description = "Have an OpenAI-compatible images "
      + "endpoint (POST URL/v1/images/edits: OpenAI, 'reasonbrain serve', a diffusers or ComfyUI server of that shape) edit "
      + "every sample, then judge the edits as --edits does. Answers are kept in OUT/edits and OUT/requests: a rerun sends "
      + "only what is missing. See docs/score-your-editor.md, \"Over an API\".")
  String editorUrl;

  @picocli.CommandLine.Option(names = "--editor-model", paramLabel = "NAME", description = "The 'model' field of each request to --editor-url (none by default).")
  String editorModel;

  @picocli.CommandLine.Option(names = "--api-key-env", paramLabel = "VAR", description = "Name of the environment variable holding "
      + "the API key for --editor-url, sent as 'Authorization: Bearer' (default: OPENAI_API_KEY when set, else no key; "
      + "when given, the variable must be set). The key itself is never taken from the command line.")
  String apiKeyEnv;

  @picocli.CommandLine.Option(names = "--concurrency", defaultValue = "4", description = "Requests to --editor-url in flight at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @picocli.CommandLine.Option(names = "--timeout-s", defaultValue = "300", description = "Seconds to wait for each answer of --editor-url (default ${DEFAULT-VALUE}).")
  double timeoutS;

  @picocli.CommandLine.Option(names = "--retries", defaultValue = "5", description = "Retries of a request to --editor-url after 429, 408, "
      + "5xx, a timeout or a broken connection, with exponential backoff or the answer's Retry-After (default ${DEFAULT-VALUE}).")
  int retries;

  @Override
  public Integer call() throws Exception {
    EvalJob.Settings s = options.settings();
    if (editorUrl == null) {
      for (var opt : new Object[][] {{"--editor-model", editorModel}, {"--api-key-env", apiKeyEnv}}) {
        if (opt[1] != null) {
          throw new UserError(opt[0] + " goes with --editor-url");
        }
      }
    }
    if (editorUrl != null) {
      if (edits != null) {
        throw new UserError("give --edits (a folder of edits made elsewhere) or --editor-url (an API to call), not both");
      }
      for (var opt : new Object[][] {{"--model", options.model}, {"--oracle-vae", options.oracleVae}, {"--controls", options.controls},
          {"--clip", options.clip}}) {
        if (opt[1] != null && !Boolean.FALSE.equals(opt[1])) {
          throw new UserError("--editor-url scores the edits of another editor; " + opt[0] + " does not apply to it");
        }
      }
      ApiEval.run(s, new ApiEval.Config(editorUrl, editorModel, apiKeyEnv, concurrency, timeoutS, retries));
      return 0;
    }
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
