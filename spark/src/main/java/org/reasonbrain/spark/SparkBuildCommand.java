package org.reasonbrain.spark;

import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.reasonbrain.app.BuildOptions;
import org.reasonbrain.app.ProgressBar;
import org.reasonbrain.data.build.DatasetBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reasonbrain-spark data build}: the ReasonWorld build on Spark (see {@link SparkDatasetBuild}). */
@Command(name = "data build", mixinStandardHelpOptions = true,
    description = "Build a ReasonWorld dataset on Spark: byte-identical to the local build of the same settings; OUT may be any "
        + "Hadoop file system URI (file://, hdfs://, s3a://) or a local path.")
final class SparkBuildCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder or URI (must be empty or absent unless --force).")
  String out;

  @Mixin
  BuildOptions options;

  @Option(names = "--force", description = "Replace a non-empty output folder (only once the new build is complete).")
  boolean force;

  @Option(names = "--partitions", description = "Spark partitions (default: 4 per core of the master).")
  Integer partitions;

  @Override
  public Integer call() throws Exception {
    var settings = options.settings();
    try (JavaSparkContext sc = Spark.context("reasonbrain data build")) {
      int p = partitions != null ? partitions : Math.max(1, Math.min(settings.samples(), 4 * sc.defaultParallelism()));
      DatasetBuilder.Result r = SparkDatasetBuild.build(sc, settings, options.rewriterUrl(), options.rewriterModel(), out, force, p,
          new ProgressBar(System.err));
      BuildOptions.printResult(r, out, " on " + sc.master() + ", " + p + " partitions");
    }
    return 0;
  }
}
