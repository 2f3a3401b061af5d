package org.reasonbrain.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.reasonbrain.core.progress.Progress;

/** The Spark context of one command, and what its jobs share. */
final class Spark {
  private Spark() {}

  /**
   * A context for {@code app}: the master comes from spark-submit (the launcher's --master), else local[*];
   * Spark's web UI and console progress are off unless configured (our progress bar counts the samples).
   */
  static JavaSparkContext context(String app) {
    SparkConf conf = new SparkConf().setAppName(app).setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.enabled", "false").setIfMissing("spark.ui.showConsoleProgress", "false");
    JavaSparkContext sc = new JavaSparkContext(conf);
    String level = System.getProperty("reasonbrain.spark.logLevel");
    sc.setLogLevel(level == null ? "WARN" : level);
    if (level == null) {
      // A failed task is reported once, by the command's "error: ..." line naming the cause; Spark would
      // also log each failed attempt with its stack trace (set -Dreasonbrain.spark.logLevel=INFO to see them).
      for (String quiet : new String[] {"org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager"}) {
        org.apache.logging.log4j.core.config.Configurator.setLevel(quiet, org.apache.logging.log4j.Level.OFF);
      }
    }
    return sc;
  }

  /** The Hadoop configuration as plain strings (serializable), for executors to rebuild it. */
  static Map<String, String> hadoopConf(JavaSparkContext sc) {
    Map<String, String> out = new HashMap<>();
    sc.hadoopConfiguration().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static org.apache.hadoop.conf.Configuration hadoopConf(Map<String, String> entries) {
    org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration(false);
    entries.forEach(c::set);
    return c;
  }

  /**
   * Runs {@code fn} over {@code parts} (one partition each) and collects the results in partition order;
   * {@code progress} advances by {@code sizes[partition]} whenever a task succeeds (a failed attempt counts
   * nothing, its retry counts once).
   */
  static <T, R> java.util.List<R> collect(JavaSparkContext sc, java.util.List<T> parts, int[] sizes, Progress progress, String title,
      org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<T>, R> fn) {
    progress.start(title + " on Spark (" + parts.size() + " partitions)", java.util.Arrays.stream(sizes).sum());
    SparkListener listener = listener(progress, sizes);
    sc.sc().addSparkListener(listener);
    try {
      return sc.parallelize(parts, parts.size()).mapPartitions(fn).collect();
    } finally {
      sc.sc().removeSparkListener(listener);
      progress.finish();
    }
  }

  private static SparkListener listener(Progress progress, int[] sizes) {
    return new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() == Success$.MODULE$ && end.taskInfo().index() < sizes.length) {
          progress.advance(sizes[end.taskInfo().index()]);
        }
      }
    };
  }

  /** Contiguous ranges [from, to) covering 0..n in {@code parts} pieces, each a multiple of {@code align} but the last. */
  static int[][] ranges(int n, int parts, int align) {
    if (parts < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, got " + parts);
    }
    int per = (int) Math.ceil((double) n / parts);
    per = Math.max(align, (per + align - 1) / align * align);
    java.util.List<int[]> out = new java.util.ArrayList<>();
    for (int from = 0; from < n; from += per) {
      out.add(new int[] {from, Math.min(n, from + per)});
    }
    return out.toArray(new int[0][]);
  }
}
