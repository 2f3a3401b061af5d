package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.preview.ContactSheet;
import org.reasonbrain.data.text.ChatRewriter;
import org.reasonbrain.data.text.HypotheticalRewriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reasonbrain data ...}: build, check and preview datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Build, check and preview datasets.",
    subcommands = {DataCommand.Build.class, DataCommand.Check.class, DataCommand.Preview.class})
final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Build a ReasonWorld dataset (manifest.jsonl + images/) with the construction pipeline of Fig. 3.")
  static final class Build implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Output folder (must be empty or absent unless --force).")
    Path out;

    @Option(names = "--samples", defaultValue = "2000", description = "Total samples over all splits (default ${DEFAULT-VALUE}; Reason50K has 51039).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: same seed and settings give byte-identical files (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "64", description = "Image side in pixels, 32..512 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--candidates", defaultValue = "4", description = "Candidate sources per target for hybrid scoring (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--threads", description = "Worker threads (default: one per core).")
    Integer threads;

    @Option(names = "--force", description = "Replace a non-empty output folder (only once the new build is complete).")
    boolean force;

    @Option(names = "--rewriter-url", description = "Optional OpenAI-compatible chat endpoint for stage (b), e.g. http://localhost:8000/v1.")
    String rewriterUrl;

    @Option(names = "--rewriter-model", defaultValue = "gpt-4o-mini", description = "Model name for --rewriter-url (default ${DEFAULT-VALUE}).")
    String rewriterModel;

    @Override
    public Integer call() throws Exception {
      BuildSettings settings = new BuildSettings(samples, seed, size, candidates,
          threads == null ? Runtime.getRuntime().availableProcessors() : threads);
      HypotheticalRewriter rewriter = rewriterUrl == null ? null
          : new ChatRewriter(rewriterUrl, rewriterModel, System.getenv("OPENAI_API_KEY"));
      DatasetBuilder.Result r = new DatasetBuilder(settings, rewriter).build(out, force, new ProgressBar(System.err));
      System.out.printf(Locale.ROOT, "built %d samples in %s in %.1f s (%.1f samples/s)%n", r.samples(), r.dir(),
          r.seconds(), r.samples() / r.seconds());
      System.out.println("splits: " + r.perSplit());
      System.out.println("categories: " + r.perCategory());
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Check a dataset folder: every manifest line, path and image. Exits 1 if anything is wrong.")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", description = "The dataset folder.")
    Path dir;

    @Option(names = "--shallow", description = "Check fields and paths only; do not decode images.")
    boolean shallow;

    @Override
    public Integer call() throws Exception {
      List<Dataset.Problem> problems = Dataset.check(dir, !shallow);
      if (problems.isEmpty()) {
        Dataset ds = Dataset.load(dir);
        System.out.println(dir + ": OK, " + ds.samples().size() + " samples");
        return 0;
      }
      for (Dataset.Problem p : problems.subList(0, Math.min(50, problems.size()))) {
        System.err.println(dir + ": " + p);
      }
      if (problems.size() > 50) {
        System.err.println("... and " + (problems.size() - 50) + " more");
      }
      System.err.println(dir + ": " + problems.size() + " problem(s)");
      return 1;
    }
  }

  @Command(name = "preview", mixinStandardHelpOptions = true,
      description = "Write a contact sheet (PNG and HTML): source, instruction, target and distractors per family.")
  static final class Preview implements Callable<Integer> {
    @Parameters(index = "0", description = "The dataset folder.")
    Path dir;

    @Option(names = "--out", description = "Output path without extension (default: DIR/preview).")
    Path out;

    @Override
    public Integer call() throws Exception {
      Dataset ds = Dataset.load(dir);
      Path base = out != null ? out : dir.resolve("preview");
      int rows = ContactSheet.write(ds, base);
      System.out.println("wrote " + base + ".png and " + base + ".html (" + rows + " rows)");
      return 0;
    }
  }
}
