package org.reasonbrain.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.reasonbrain.app.EvalJob;
import org.reasonbrain.app.EvalOptions;
import org.reasonbrain.app.ProgressBar;
import org.reasonbrain.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reasonbrain-spark eval}: the evaluation sharded over Spark (see {@link SparkEval}); the same report as the local eval. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model on a dataset on Spark: samples sharded, the model loaded once per executor, the local eval's report.")
final class SparkEvalCommand implements Callable<Integer> {
  @Mixin
  EvalOptions options;

  @Option(names = "--partitions", description = "Spark partitions (default: 2 per core of the master).")
  Integer partitions;

  @Override
  public Integer call() throws Exception {
    EvalJob.Settings s = options.settings();
    long t0 = System.nanoTime();
    try (JavaSparkContext sc = Spark.context("reasonbrain eval")) {
      int p = partitions != null ? partitions : Math.max(1, 2 * sc.defaultParallelism());
      List<Evaluator.Row> rows = SparkEval.run(sc, s, p, new ProgressBar(System.err));
      EvalJob.report(s, rows, (System.nanoTime() - t0) / 1e9, Map.of("engine", "spark " + sc.master(), "partitions", Integer.toString(p)));
    }
    return 0;
  }
}
