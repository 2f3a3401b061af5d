package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.EditTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reasonbrain data tasks}: the task list an editor outside this project works from (format: {@link EditTasks}). */
@Command(name = "tasks", mixinStandardHelpOptions = true,
    description = "Write the edit tasks of a dataset as JSON lines (id, split, source path, instruction or chain steps, "
        + "counterfactual set and member, where the edit goes) for any editor; 'edit --tasks' and 'eval --edits' close the "
        + "round trip. See docs/score-your-editor.md.")
final class DataTasksCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The dataset folder.")
  Path dir;

  @Option(names = "--out", required = true, description = "The task file to write (JSON lines).")
  Path out;

  @Option(names = "--split", description = "Splits to list (repeatable; default: every split but train, as eval scores).")
  List<String> splits;

  @Option(names = "--limit", defaultValue = "0", description = "At most this many samples per split (0 = all; the same samples "
      + "as 'eval --limit').")
  int limit;

  @Override
  public Integer call() throws Exception {
    if (limit < 0) {
      throw new UserError("--limit must be 0 or more, got " + limit);
    }
    Dataset ds = Dataset.load(dir);
    List<Sample> chosen = EvalJob.choose(ds, splits == null ? null : List.copyOf(splits), limit);
    EditTasks.write(out, ds, chosen);
    long chains = chosen.stream().filter(s -> !s.steps().isEmpty()).count();
    long sets = chosen.stream().filter(Sample::inSet).count();
    System.out.println("wrote " + chosen.size() + " tasks (" + chains + " multi-step chains, " + sets + " counterfactual-set rows) to " + out
        + "; each edit goes to <id>.png in one folder, judged by 'reasonbrain eval --edits DIR --data " + dir + "'");
    return 0;
  }
}
