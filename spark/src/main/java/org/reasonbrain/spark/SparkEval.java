package org.reasonbrain.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.reasonbrain.app.EvalJob;
import org.reasonbrain.app.UserError;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.ClipScores;
import org.reasonbrain.eval.Evaluator;
import org.reasonbrain.eval.Judge;

/**
 * {@code eval} on Spark: the chosen samples (the local eval's, in its order) in contiguous partitions whose
 * sizes are multiples of the batch, so each batch holds the samples it holds locally; an executor loads the
 * model once ({@link #session}) and edits and judges its partitions with the local evaluator; the driver
 * rebuilds the rows and writes the local eval's report. The model folder and the dataset are read by path:
 * in local mode any path, on a cluster a path every executor can read (a shared file system).
 */
final class SparkEval {
  private SparkEval() {}

  /** One scored sample as plain values (the edit as PNG bytes, lossless). */
  record RowData(String id, byte[] editPng, Boolean lenient, Boolean strict, double toTarget, double toDistractor, double outsideL1, int nearest,
      double idSsim, double idL1, double l1, double psnr, double ssim, double[] clip, Integer mllm, Double dino) implements Serializable {}

  /** Per executor JVM: one loaded model per settings, shared by its tasks (used one task at a time). */
  private static final Map<EvalJob.Settings, EvalJob.Session> SESSIONS = new ConcurrentHashMap<>();
  private static final Map<String, Dataset> DATASETS = new ConcurrentHashMap<>();

  static List<Evaluator.Row> run(JavaSparkContext sc, EvalJob.Settings given, int partitions, Progress progress) throws IOException {
    if (given.controls()) {
      throw new UserError("--controls runs only in the local eval (./reasonbrain eval --controls); drop it here");
    }
    // The driver checks the model folder first (a clear error, no job) and names it absolutely for the executors.
    EvalJob.Settings s = given.resolved();
    Dataset ds = Dataset.load(Path.of(s.data()));
    List<Sample> chosen = EvalJob.choose(ds, s);
    int[][] ranges = Spark.ranges(chosen.size(), partitions, s.batch());
    List<List<String>> parts = new ArrayList<>();
    int[] sizes = new int[ranges.length];
    for (int i = 0; i < ranges.length; i++) {
      parts.add(chosen.subList(ranges[i][0], ranges[i][1]).stream().map(Sample::id).toList());
      sizes[i] = ranges[i][1] - ranges[i][0];
    }
    List<RowData> data;
    try {
      data = Spark.collect(sc, parts, sizes, progress, "evaluating " + chosen.size() + " samples", it -> evalPartition(s, it));
    } finally {
      if (sc.isLocal()) {
        closeSessions();                                   // local mode: the executors were this JVM
      }
    }
    Evaluator evaluator = new Evaluator(ds);
    Map<String, Sample> byId = new java.util.HashMap<>();
    chosen.forEach(x -> byId.put(x.id(), x));
    List<Evaluator.Row> rows = new ArrayList<>();
    for (RowData d : data) {
      BufferedImage edit = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(d.editPng()));
      Judge.Verdict v = d.lenient() == null ? null
          : new Judge.Verdict(d.lenient(), d.strict(), d.toTarget(), d.toDistractor(), d.outsideL1(), d.nearest());
      ClipScores.Scores c = d.clip() == null ? null : new ClipScores.Scores(d.clip()[0], d.clip()[1], d.clip()[2]);
      rows.add(evaluator.restore(byId.get(d.id()), edit, v, d.idSsim(), d.idL1(), d.l1(), d.psnr(), d.ssim(), c, d.mllm(), d.dino()));
    }
    return rows;
  }

  private static Iterator<RowData> evalPartition(EvalJob.Settings s, Iterator<List<String>> ids) throws IOException {
    Dataset ds = DATASETS.computeIfAbsent(s.data(), d -> {
      try {
        return Dataset.load(Path.of(d));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Map<String, Sample> byId = new java.util.HashMap<>();
    ds.samples().forEach(x -> byId.put(x.id(), x));
    List<RowData> out = new ArrayList<>();
    while (ids.hasNext()) {
      List<Sample> samples = ids.next().stream().map(byId::get).toList();
      EvalJob.Session session = session(ds, s);
      List<Evaluator.Row> rows;
      synchronized (session) {                             // one model per executor; its ops use every core already
        rows = session.evaluator().run(samples, session.editor(), s.batch(), Progress.NONE);
      }
      for (Evaluator.Row r : rows) {
        Judge.Verdict v = r.verdict();
        ClipScores.Scores c = r.clip();
        out.add(new RowData(r.sample().id(), Images.pngBytes(r.edit()), v == null ? null : v.lenient(), v == null ? null : v.strict(),
            v == null ? 0 : v.toTarget(), v == null ? 0 : v.toNearestDistractor(), v == null ? 0 : v.outsideL1(),
            v == null ? -1 : v.nearestDistractor(), r.idSsim(), r.idL1(),
            r.l1(), r.psnr(), r.ssim(), c == null ? null : new double[] {c.clipOut(), c.clipDir(), c.clipIm()}, r.mllm(), r.dino()));
      }
    }
    return out.iterator();
  }

  /**
   * The executor's model for these settings, loaded on first use. The oracle editor needs no sample list
   * here: it maps every instruction of the dataset's evaluated samples to its target.
   */
  private static EvalJob.Session session(Dataset ds, EvalJob.Settings s) throws IOException {
    EvalJob.Session have = SESSIONS.get(s);
    if (have != null) {
      return have;
    }
    synchronized (SESSIONS) {
      have = SESSIONS.get(s);
      if (have == null) {
        have = EvalJob.open(ds, EvalJob.choose(ds, s), s);
        SESSIONS.put(s, have);
      }
      return have;
    }
  }

  static void closeSessions() {
    synchronized (SESSIONS) {
      SESSIONS.values().forEach(EvalJob.Session::close);
      SESSIONS.clear();
      DATASETS.clear();
    }
  }
}
