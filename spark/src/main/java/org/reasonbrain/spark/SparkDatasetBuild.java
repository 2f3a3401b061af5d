package org.reasonbrain.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.build.SampleFactory;
import org.reasonbrain.data.format.ManifestCodec;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.text.ChatRewriter;

/**
 * {@code data build} on Spark: the sample indices in contiguous partitions, each sample made by the local
 * build's own {@link SampleFactory#make(int, SampleFactory.Sink)} and its files written through Hadoop's
 * FileSystem (java.nio for a local folder) into a hidden temporary folder beside OUT; the driver then writes the dataset-level files of
 * {@link DatasetBuilder#datasetFiles} from the manifest lines in index order and swaps the folder into place
 * ({@link HadoopDirs}). The result is byte-identical to the local build for any number of partitions; a
 * retried task rewrites the same files with the same bytes; a failed job deletes its temporary folder.
 */
final class SparkDatasetBuild {
  /** Test hook: the first attempt of this partition fails after writing half of its samples. */
  static final String FAIL_FIRST_ATTEMPT = "reasonbrain.spark.failFirstAttemptOfPartition";
  /** Test hook: write local folders through Hadoop's FileSystem too (the path hdfs:// and s3a:// take). */
  static final String HADOOP_FOR_LOCAL = "reasonbrain.spark.hadoopForLocal";

  private SparkDatasetBuild() {}

  /**
   * What executors need: plain values only. The build's settings travel whole, so a new build option reaches the
   * executors without a change here (an earlier version dropped options this record did not list).
   */
  record Job(BuildSettings settings, String rewriterUrl, String rewriterModel, String tmp,
      Map<String, String> hadoop, int failPartition, boolean hadoopForLocal) implements java.io.Serializable {}

  static DatasetBuilder.Result build(JavaSparkContext sc, BuildSettings settings, String rewriterUrl, String rewriterModel,
      String out, boolean force, int partitions, Progress progress) throws IOException {
    long t0 = System.nanoTime();
    Path target = new Path(out);
    FileSystem fs = target.getFileSystem(sc.hadoopConfiguration());
    target = fs.makeQualified(target);
    fs.setWriteChecksum(false);
    HadoopDirs.recover(fs, target);
    if (fs.exists(target)) {
      FileStatus st = fs.getFileStatus(target);
      if (!st.isDirectory()) {
        throw new IOException(target + " exists and is not a folder");
      }
      if (fs.listStatus(target).length > 0 && !force) {
        throw new IOException(target + " is not empty; choose another --out or pass --force to replace it");
      }
    }
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".spark-" + sc.sc().applicationId() + "-" + System.nanoTime());
    try {
      if (!fs.mkdirs(tmp)) {
        throw new IOException(tmp + ": could not create the temporary folder");
      }
    } catch (IOException e) {
      throw new IOException(target + ": cannot write there (" + e.getMessage() + ")", e);
    }
    boolean committed = false;
    try {
      int[][] ranges = Spark.ranges(settings.samples(), partitions, 1);
      int[] sizes = new int[ranges.length];
      List<int[]> parts = new ArrayList<>();
      for (int i = 0; i < ranges.length; i++) {
        sizes[i] = ranges[i][1] - ranges[i][0];
        parts.add(ranges[i]);
      }
      Job job = new Job(settings, rewriterUrl, rewriterModel,
          tmp.toString(), Spark.hadoopConf(sc), Integer.getInteger(FAIL_FIRST_ATTEMPT, -1), Boolean.getBoolean(HADOOP_FOR_LOCAL));
      List<String> lines = Spark.collect(sc, parts, sizes, progress, "building " + settings.samples() + " samples",
          it -> makePartition(job, it));
      List<Sample> samples = new ArrayList<>(lines.size());
      for (String line : lines) {
        try {
          samples.add(ManifestCodec.decode(line));
        } catch (ManifestCodec.BadLineException e) {
          throw new IllegalStateException("an executor returned a manifest line that does not decode: " + e.getMessage(), e);
        }
      }
      for (var f : DatasetBuilder.datasetFiles(settings, samples).entrySet()) {
        write(fs, new Path(tmp, f.getKey()), f.getValue());
      }
      HadoopDirs.replace(fs, tmp, target);
      committed = true;
      return DatasetBuilder.summarize(java.nio.file.Path.of(target.toUri().getPath()), samples, (System.nanoTime() - t0) / 1e9);
    } finally {
      if (!committed) {
        // A failed job leaves nothing behind: tasks of it still running (Spark stops them at their next
        // check) could write again after a first delete, so delete once they are all gone.
        sc.cancelAllJobs();
        waitForIdleExecutors(sc, 60_000);
        deleteForGood(fs, tmp);
      }
    }
  }

  /**
   * Deletes {@code dir}, and again if a task that was writing a sample at that moment brought part of it back (a task
   * starts a sample only while the folder exists, so once a delete has held for a moment nothing comes back).
   */
  private static void deleteForGood(FileSystem fs, Path dir) throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      fs.delete(dir, true);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!fs.exists(dir)) {
        return;
      }
    }
  }

  /** Waits until no task runs on any executor (or the timeout passes). */
  private static void waitForIdleExecutors(JavaSparkContext sc, long timeoutMillis) {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < end) {
      int running = 0;
      for (var e : sc.sc().statusTracker().getExecutorInfos()) {
        running += e.numRunningTasks();
      }
      if (running == 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One partition: its samples, in index order; their files go to the job's temporary folder. */
  private static Iterator<String> makePartition(Job job, Iterator<int[]> ranges) throws IOException {
    FileSystem fs = FileSystem.newInstance(URI.create(job.tmp()), Spark.hadoopConf(job.hadoop()));
    try {
      fs.setWriteChecksum(false);
      Path root = new Path(job.tmp());
      // Every option of the build, as the driver was given it (the settings' thread count is the driver's; a
      // SampleFactory does not read it).
      BuildSettings settings = job.settings();
      SampleFactory factory = new SampleFactory(settings, job.rewriterUrl() == null ? null
          : new ChatRewriter(job.rewriterUrl(), job.rewriterModel(), System.getenv("OPENAI_API_KEY")));
      // A local folder (file://) is written with java.nio: Hadoop's local file system sets each new file's
      // permissions with a forked chmod when its native library is missing (as with Maven's Hadoop jars),
      // which made the build several times slower. Every other file system goes through Hadoop.
      SampleFactory.Sink sink = "file".equals(fs.getUri().getScheme()) && !job.hadoopForLocal()
          ? SampleFactory.folder(java.nio.file.Path.of(root.toUri()))
          : (rel, bytes) -> write(fs, new Path(root, rel), bytes);
      TaskContext task = TaskContext.get();
      List<String> lines = new ArrayList<>();
      while (ranges.hasNext()) {
        int[] r = ranges.next();
        for (int i = r[0]; i < r[1]; i++) {
          if (task != null && task.partitionId() == job.failPartition() && task.attemptNumber() == 0 && i == (r[0] + r[1]) / 2) {
            throw new IllegalStateException("injected failure of partition " + job.failPartition() + " (test hook " + FAIL_FIRST_ATTEMPT + ")");
          }
          if (task != null) {
            task.killTaskIfInterrupted();                  // the job failed or was cancelled: stop writing
          }
          // A failed job's driver deletes the temporary folder once no task reports running; a task whose status
          // lagged stops here instead of writing the folder back (see deleteForGood).
          if (!fs.exists(root)) {
            throw new IOException(root + ": the build's temporary folder is gone (the job failed or was cancelled)");
          }
          lines.add(ManifestCodec.encode(factory.make(i, sink)));
        }
      }
      return lines.iterator();
    } finally {
      fs.close();
    }
  }

  /** Writes (or overwrites, for a retried task) one file. */
  private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
    try (OutputStream o = fs.create(file, true)) {
      o.write(bytes);
    }
  }
}
