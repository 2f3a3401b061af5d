package org.reasonbrain.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.infer.EditPipeline;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;
import org.reasonbrain.train.Stage;
import org.reasonbrain.train.TrainConfig;
import org.reasonbrain.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain bench}: prints the speed numbers the README reports. Run it alone on the machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: matmul peak, UNet FLOPs, tiny edit latency, training step time and peak memory per stage.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--edits", defaultValue = "5", description = "Timed edits after warm-up (default ${DEFAULT-VALUE}).")
  int edits;

  @Option(names = "--train-steps", defaultValue = "5", description = "Timed training steps per stage (default ${DEFAULT-VALUE}).")
  int trainSteps;

  @Option(names = "--rb-only", description = "Only the reasonbrain-stage rate and its per-stage split.")
  boolean rbOnly;

  @Override
  public Integer call() throws Exception {
    double peak = matmulPeak();
    System.out.printf(Locale.ROOT, "matmul 512x512 fp32: %.1f GFLOP/s%n", peak / 1e9);
    System.out.println("memory allocator: " + allocator());
    System.out.println("MKL code path: " + mklPath());
    if (rbOnly) {
      Path tmp = Files.createTempDirectory("reasonbrain-bench");
      try {
        new DatasetBuilder(BuildSettings.builder(200, 1).size(64).candidates(4).build(), null)
            .build(tmp.resolve("data"), false, Progress.NONE);
        reasonbrainStage(Dataset.load(tmp.resolve("data")), tmp, peak);
      } finally {
        AtomicFiles.deleteTree(tmp);
      }
      return 0;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ReasonBrain model = new ReasonBrain(m, 0, ReasonBrainConfig.tiny());
      long flops = model.unet().flops(16, 16, 32);
      System.out.printf(Locale.ROOT, "tiny UNet: %.2f M parameters, %.1f MFLOP per forward at 64 px (batch 1)%n",
          model.unet().count(false) / 1e6, flops / 1e6);
      try (EditPipeline p = new EditPipeline(m, model, new MiniLmTextEncoder())) {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        EditPipeline.Options o = EditPipeline.Options.defaults();
        p.edit(img, "What would happen if the ice cube was left in the sun?", o);
        p.edit(img, "What would happen if the ice cube was left in the sun?", o);
        long t0 = System.nanoTime();
        for (int i = 0; i < edits; i++) {
          p.edit(img, "What would happen if the ice cube was left in the sun?", new EditPipeline.Options(20, 7.5, 1.5, i));
        }
        double perEdit = (System.nanoTime() - t0) / 1e9 / edits;
        double unetFlops = 20.0 * 3 * flops;
        System.out.printf(Locale.ROOT, "tiny edit, 64 px, 20 DDIM steps, three-way guidance: %.3f s per edit (mean of %d after warm-up); "
            + "UNet work %.2f GFLOP = %.1f%% of the matmul peak over the edit%n", perEdit, edits, unetFlops / 1e9,
            100 * unetFlops / (perEdit * peak));
      }
    }
    Path tmp = Files.createTempDirectory("reasonbrain-bench");
    try {
      new DatasetBuilder(BuildSettings.builder(200, 1).size(64).candidates(4).build(), null)
          .build(tmp.resolve("data"), false, Progress.NONE);
      Dataset ds = Dataset.load(tmp.resolve("data"));
      try (MiniLmTextEncoder text = new MiniLmTextEncoder()) {
        for (Stage s : Stage.values()) {
          TrainConfig c = TrainConfig.defaults(s, "tiny", trainSteps + 1);
          try (Trainer t = new Trainer(c, ds, tmp.resolve(s.label()), text)) {
            if (s == Stage.AUTOENCODER) {
              t.initFrom(tmp.resolve(Stage.VAE.label()));              // it fine-tunes a trained autoencoder
            }
            t.trainUntil(1, Progress.NONE);
            long t0 = System.nanoTime();
            t.train(true, Progress.NONE);
            double ms = (System.nanoTime() - t0) / 1e6 / trainSteps;
            System.out.printf(Locale.ROOT, "train %-11s batch %d: %.0f ms per step; process peak RSS so far %.0f MB%n", s.label(),
                c.batch(), ms, peakRssMb());
          }
        }
      }
      reasonbrainStage(ds, tmp, peak);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
    return 0;
  }

  @Option(names = "--rb-batch", defaultValue = "64", description = "Batch of the reasonbrain-stage rate (the default recipe's; default ${DEFAULT-VALUE}).")
  int rbBatch;

  @Option(names = "--rb-steps", defaultValue = "10", description = "Timed reasonbrain-stage steps (default ${DEFAULT-VALUE}).")
  int rbSteps;

  @Option(names = "--rb-preset", defaultValue = "tiny", description = "Preset of the reasonbrain-stage rate (tiny, tiny-pixel, or "
      + "tiny-cme-pool2: the CME's token budget; default ${DEFAULT-VALUE}).")
  String rbPreset;

  /** The reasonbrain stage as the default recipe trains it (feature cache, EMA, region weight): samples/s and a per-stage split. */
  private void reasonbrainStage(Dataset ds, Path tmp, double peak) throws Exception {
    TrainConfig d = TrainConfig.defaults(Stage.REASONBRAIN, rbPreset, rbSteps + 2);
    TrainConfig c = new TrainConfig(Stage.REASONBRAIN, rbPreset, 1, rbSteps + 2, rbBatch, 1, 3e-4, 0, d.weightDecay(), d.clipNorm(),
        d.dropText(), d.dropImage(), d.dropBoth(), 1000, true, d.regionWeight(), d.emaDecay(), 0);
    try (MiniLmTextEncoder text = new MiniLmTextEncoder();
        Trainer t = new Trainer(c, ds, tmp.resolve("rb-stage"), text).cacheDir(tmp.resolve("cache"))) {
      t.trainUntil(2, Progress.NONE);
      java.util.Map<String, Double> split = new java.util.LinkedHashMap<>();
      long[] last = {System.nanoTime()};
      t.laps(stage -> {
        long now = System.nanoTime();
        split.merge(stage, (now - last[0]) / 1e9, Double::sum);
        last[0] = now;
      });
      long t0 = System.nanoTime();
      last[0] = t0;
      t.train(true, Progress.NONE);
      double secs = (System.nanoTime() - t0) / 1e9;
      double rate = rbSteps * (double) rbBatch / secs;
      System.out.printf(Locale.ROOT, "train reasonbrain (%s, cached, EMA, region-weighted) batch %d: %.1f samples/s (%.0f ms per step); "
          + "matmul peak of this run %.1f GFLOP/s%n", rbPreset, rbBatch, rate, 1000 * secs / rbSteps, peak / 1e9);
      StringBuilder sb = new StringBuilder("  per step:");
      split.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.0f ms (%.0f%%),", k, 1000 * v / rbSteps, 100 * v / secs)));
      System.out.println(sb.substring(0, sb.length() - 1));
    }
  }

  private static double matmulPeak() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(512, 512));
      NDArray b = m.randomUniform(-1, 1, new Shape(512, 512));
      for (int i = 0; i < 5; i++) {
        a.matMul(b).close();
      }
      int n = 50;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        a.matMul(b).close();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      return n * 2.0 * 512 * 512 * 512 / secs;
    }
  }

  /** Which malloc this process runs on: jemalloc when preloaded (LD_PRELOAD), else the C library's. */
  static String allocator() {
    try {
      return mappedLibrary("libjemalloc")
          .map(lib -> "jemalloc (" + lib + ", MALLOC_CONF=" + System.getenv().getOrDefault("MALLOC_CONF", "") + ")")
          .orElse("the C library's malloc");
    } catch (java.io.IOException e) {
      return "unknown (no /proc/self/maps)";
    }
  }

  /** Whether the launcher's shim (docs/speed.md, "MKL's vendor check") lets libtorch's MKL take its Intel code path here. */
  static String mklPath() {
    try {
      java.util.Optional<String> shim = mappedLibrary("libmkl-intel-path");
      if (shim.isPresent()) {
        return "Intel's, by CPU features (the launcher's shim " + shim.get() + "; REASONBRAIN_MKL_INTEL_PATH=0 turns it off)";
      }
      boolean amd = Files.readString(Path.of("/proc/cpuinfo")).contains("AuthenticAMD");
      return amd ? "MKL's own choice on a non-Intel CPU (its slower path for matrix products; no shim loaded)" : "MKL's own choice";
    } catch (java.io.IOException e) {
      return "unknown (no /proc)";
    }
  }

  /** The path of the first library mapped into this process whose path contains {@code name}, if any. */
  private static java.util.Optional<String> mappedLibrary(String name) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      int at = line.indexOf('/');
      if (at >= 0 && line.substring(at).contains(name)) {
        return java.util.Optional.of(line.substring(at).strip());
      }
    }
    return java.util.Optional.empty();
  }

  private static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (java.io.IOException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
