package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.preview.ContactSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reasonbrain data ...}: build, check and preview datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Build, check and preview datasets; list their edit tasks for other editors.",
    subcommands = {DataCommand.Build.class, DataCommand.Check.class, DataCommand.Preview.class, DataTasksCommand.class})
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

    @picocli.CommandLine.Mixin
    BuildOptions options;

    @Option(names = "--force", description = "Replace a non-empty output folder (only once the new build is complete).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      DatasetBuilder.Result r = new DatasetBuilder(options.settings(), options.rewriter()).build(out, force, new ProgressBar(System.err));
      BuildOptions.printResult(r, r.dir(), "");
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
