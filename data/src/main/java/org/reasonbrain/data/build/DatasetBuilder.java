package org.reasonbrain.data.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.reasonbrain.core.io.AtomicDirs;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.TakeAway;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.ManifestCodec;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.text.HypotheticalRewriter;
import org.reasonbrain.data.world.Kind;

/**
 * Builds a ReasonWorld dataset folder: {@code manifest.jsonl}, {@code images/}, {@code dataset.json}
 * (settings and counts) and {@code corpus.txt} (world facts and train instruction pairs for
 * language-model pretraining). The build happens in a temporary sibling folder that is renamed into
 * place only when complete, so an interrupted build never leaves a half-written dataset.
 */
public final class DatasetBuilder {
  private final BuildSettings settings;
  private final HypotheticalRewriter rewriter;

  public DatasetBuilder(BuildSettings settings, HypotheticalRewriter rewriter) {
    this.settings = settings;
    this.rewriter = rewriter;
  }

  /** Summary of a finished build. */
  public record Result(Path dir, int samples, Map<String, Integer> perSplit, Map<String, Integer> perCategory, double seconds) {}

  /**
   * Builds into {@code out}. Refuses a non-empty {@code out} unless {@code overwrite}; with it, the old
   * folder is replaced only after the new one is complete.
   */
  public Result build(Path out, boolean overwrite, Progress progress) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IOException(target + " exists and is not a folder");
    }
    if (AtomicFiles.isNonEmptyDirectory(target) && !overwrite) {
      throw new IOException(target + " is not empty; choose another --out or pass --force to replace it");
    }
    Files.createDirectories(target.getParent());
    AtomicDirs.recover(target);
    // A later build removes the temporary folders of builds whose process is gone (kill -9).
    Path tmp = AtomicDirs.createTemp(target, "building");
    long t0 = System.nanoTime();
    try {
      List<Sample> samples = makeAll(tmp, progress);
      for (var f : datasetFiles(settings, samples).entrySet()) {
        Files.write(tmp.resolve(f.getKey()), f.getValue());
      }
      Result r = summarize(target, samples, (System.nanoTime() - t0) / 1e9);
      // Crash-safe: OUT is the old complete dataset or the new complete one (see AtomicDirs).
      AtomicDirs.replace(tmp, target);
      return r;
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(tmp);
      throw e;
    }
  }

  private List<Sample> makeAll(Path root, Progress progress) throws IOException {
    SampleFactory factory = new SampleFactory(settings, rewriter);
    int n = settings.samples();
    Sample[] out = new Sample[n];
    progress.start("building " + n + " samples", n);
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
      Thread t = new Thread(r, "reasonworld-build");
      t.setDaemon(true);
      return t;
    });
    try {
      int chunk = 64;
      List<Future<?>> futures = new ArrayList<>();
      for (int start = 0; start < n; start += chunk) {
        int from = start;
        int to = Math.min(n, start + chunk);
        futures.add(pool.submit(() -> {
          for (int i = from; i < to; i++) {
            try {
              out[i] = factory.make(i, root);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            progress.advance(1);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof UncheckedIOException u) {
            throw u.getCause();
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("build interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
      try {
        if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new IOException("build workers did not stop");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      progress.finish();
    }
    return List.of(out);
  }

  /**
   * The dataset-level files of a build, in writing order: {@code manifest.jsonl} (one line per sample, in
   * index order), {@code corpus.txt} and {@code dataset.json}. Every build (local or distributed) writes
   * exactly these bytes beside the samples' images.
   */
  public static Map<String, byte[]> datasetFiles(BuildSettings settings, List<Sample> samples) throws IOException {
    Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    out.put(Dataset.MANIFEST, manifest(samples).getBytes(StandardCharsets.UTF_8));
    out.put("corpus.txt", corpus(samples, settings).getBytes(StandardCharsets.UTF_8));
    Result r = summarize(null, samples, 0);
    out.put("dataset.json", info(settings, r).getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private static String manifest(List<Sample> samples) {
    StringBuilder sb = new StringBuilder();
    for (Sample s : samples) {
      sb.append(ManifestCodec.encode(s)).append('\n');
    }
    return sb.toString();
  }

  /**
   * World facts of every family and seen subject (with its extra ones and its shape-free one when the build draws
   * them, and the take-away rule's objects when it draws that), then the train split's instruction pairs.
   */
  private static String corpus(List<Sample> samples, BuildSettings settings) {
    StringBuilder sb = new StringBuilder();
    List<Family> families = new java.util.ArrayList<>(Families.all());
    if (settings.takeAway() > 0) {
      families.addAll(TakeAway.all());
    }
    for (Family f : families) {
      List<Kind> kinds = new java.util.ArrayList<>(settings.extraSubjects() > 0 ? f.trainableSubjects() : f.seenSubjects());
      if (settings.randomShapes() > 0 && f.shapeFreeSubject() != null) {
        kinds.add(f.shapeFreeSubject());
      }
      for (Kind k : kinds) {
        for (String fact : f.facts(k)) {
          sb.append(Character.toUpperCase(fact.charAt(0))).append(fact.substring(1)).append(".\n");
        }
      }
    }
    for (Sample s : samples) {
      if (s.split().equals(Split.TRAIN.label())) {
        sb.append(s.instruction()).append(" Then ").append(s.initialInstruction()).append(".\n");
      }
    }
    return sb.toString();
  }

  /** Counts per split and category of a finished build. */
  public static Result summarize(Path dir, List<Sample> samples, double seconds) {
    Map<String, Integer> perSplit = new TreeMap<>();
    Map<String, Integer> perCategory = new TreeMap<>();
    for (Sample s : samples) {
      perSplit.merge(s.split(), 1, Integer::sum);
      perCategory.merge(s.category(), 1, Integer::sum);
    }
    return new Result(dir, samples.size(), perSplit, perCategory, seconds);
  }

  private static String info(BuildSettings settings, Result r) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode o = json.createObjectNode();
    o.put("format", "reasonworld-1");
    o.put("samples", settings.samples());
    o.put("seed", settings.seed());
    o.put("size", settings.size());
    o.put("candidates", settings.candidates());
    if (settings.rivals() > 0) {
      o.put("rivals", settings.rivals());
    }
    if (settings.heldOutBystanders() > 0) {
      o.put("held_out_bystanders", settings.heldOutBystanders());
    }
    if (settings.extraSubjects() > 0) {
      o.put("extra_subjects", settings.extraSubjects());
    }
    if (settings.randomShapes() > 0) {
      o.put("random_shapes", settings.randomShapes());
    }
    if (settings.genericNouns() > 0) {
      o.put("generic_nouns", settings.genericNouns());
    }
    if (settings.counterfactual() > 0) {
      o.put("counterfactual", settings.counterfactual());
    }
    if (settings.outcomeBystanders() > 0) {
      o.put("outcome_bystanders", settings.outcomeBystanders());
    }
    if (settings.takeAway() > 0) {
      o.put("take_away", settings.takeAway());
      var hosts = o.putArray("take_away_subjects");
      for (TakeAway t : TakeAway.all()) {
        var h = hosts.addObject().put("scene_of", t.host().name());
        var subjects = h.putArray("subjects");
        t.subjects().forEach(k -> subjects.add(k.noun()));
      }
    }
    o.set("splits", json.valueToTree(r.perSplit()));
    o.set("categories", json.valueToTree(r.perCategory()));
    var fams = o.putArray("families");
    for (Family f : Families.all()) {
      var fam = fams.addObject();
      fam.put("name", f.name()).put("category", f.category().label())
          .put("held_out_subject", f.hasHeldOutSubject() ? f.heldOutSubject().noun() : null)
          .put("max_steps", f.maxSteps());
      if (settings.extraSubjects() > 0 && !f.extraSubjects().isEmpty()) {
        // Which objects a build's extras were: the list grew over time (wind, seesaw, sink-or-float joined later).
        var extras = fam.putArray("extra_subjects");
        f.extraSubjects().forEach(k -> extras.add(k.noun()));
      }
      if (settings.randomShapes() > 0 && f.shapeFreeSubject() != null) {
        fam.put("shape_free_subject", f.shapeFreeSubject().noun());
      }
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
  }
}
