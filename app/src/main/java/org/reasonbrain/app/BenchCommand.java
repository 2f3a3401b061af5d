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

  @Override
  public Integer call() throws Exception {
    double peak = matmulPeak();
    System.out.printf(Locale.ROOT, "matmul 512x512 fp32: %.1f GFLOP/s%n", peak / 1e9);
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
      new DatasetBuilder(new BuildSettings(200, 1, 64, 4, Runtime.getRuntime().availableProcessors()), null)
          .build(tmp.resolve("data"), false, Progress.NONE);
      Dataset ds = Dataset.load(tmp.resolve("data"));
      try (MiniLmTextEncoder text = new MiniLmTextEncoder()) {
        for (Stage s : Stage.values()) {
          TrainConfig c = TrainConfig.defaults(s, "tiny", trainSteps + 1);
          try (Trainer t = new Trainer(c, ds, tmp.resolve(s.label()), text)) {
            t.trainUntil(1, Progress.NONE);
            long t0 = System.nanoTime();
            t.train(true, Progress.NONE);
            double ms = (System.nanoTime() - t0) / 1e6 / trainSteps;
            System.out.printf(Locale.ROOT, "train %-11s batch %d: %.0f ms per step; process peak RSS so far %.0f MB%n", s.label(),
                c.batch(), ms, peakRssMb());
          }
        }
      }
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
    return 0;
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
