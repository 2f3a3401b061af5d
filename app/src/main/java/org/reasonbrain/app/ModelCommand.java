package org.reasonbrain.app;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.model.PaperPresets;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain model info}: parameter counts per module, trainable vs frozen. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect model presets.",
    subcommands = {ModelCommand.Info.class, ModelCommand.Init.class})
final class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Write an untrained model of a preset as a run folder (for trying the CLI and the server before training).")
  static final class Init implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "tiny", description = "Preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--out", required = true, description = "Run folder to create.")
    java.nio.file.Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (java.nio.file.Files.exists(out.resolve("checkpoint"))) {
        throw new UserError(out + " already holds a checkpoint");
      }
      try (NDManager m = NDManager.newBaseManager()) {
        ReasonBrain model = new ReasonBrain(m, seed, ReasonBrainConfig.preset(preset));
        java.nio.file.Files.createDirectories(out.resolve("checkpoint"));
        org.reasonbrain.core.nn.Checkpoints.save(model, out.resolve("checkpoint/model.safetensors"), Map.of("preset", preset, "stage", "init"));
        org.reasonbrain.core.io.AtomicFiles.writeString(out.resolve("config.json"),
            "{\"preset\": \"" + preset + "\", \"stage\": \"init\", \"seed\": " + seed + "}\n");
      }
      System.out.println("wrote an untrained " + preset + " model to " + out);
      return 0;
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Parameter counts per module of a preset (tiny, ip2p, mllm-only, paper-3b, paper-7b), trainable and frozen.")
  static final class Info implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "tiny", description = "Preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Override
    public Integer call() {
      System.out.printf("%-28s %14s %14s  %s%n", "module", "parameters", "trainable", "");
      long total = 0;
      long trainable = 0;
      if (PaperPresets.isPaper(preset)) {
        for (PaperPresets.Row r : PaperPresets.rows(preset)) {
          System.out.printf("%-28s %14s %14s  %s%n", r.module(), fmt(r.total()), fmt(r.trainable()), r.note());
          total += r.total();
          trainable += r.trainable();
        }
      } else {
        try (NDManager m = NDManager.newBaseManager()) {
          ReasonBrain model = new ReasonBrain(m, 0, ReasonBrainConfig.preset(preset));
          model.vae().setTrainable(false); // as in the reasonbrain stage (the vae stage trains it alone)
          Map<String, long[]> per = new LinkedHashMap<>();
          model.parameters().forEach((name, p) -> {
            String top = name.startsWith("frce.") ? "frce." + name.split("\\.")[1] : name.split("\\.")[0];
            long[] c = per.computeIfAbsent(top, k -> new long[2]);
            c[0] += p.value().size();
            c[1] += p.trainable() ? p.value().size() : 0;
          });
          for (var e : per.entrySet()) {
            System.out.printf("%-28s %14s %14s%n", e.getKey(), fmt(e.getValue()[0]), fmt(e.getValue()[1]));
            total += e.getValue()[0];
            trainable += e.getValue()[1];
          }
          System.out.println("(E_T, all-MiniLM-L6-v2, 22.6 M, frozen, runs in ONNX Runtime and is not counted above;"
              + " trainable = in the reasonbrain stage with LoRA on)");
        }
      }
      System.out.printf("%-28s %14s %14s%n", "total", fmt(total), fmt(trainable));
      return 0;
    }

    private static String fmt(long n) {
      return n >= 1_000_000 ? String.format("%.1f M", n / 1e6) : String.format("%,d", n);
    }
  }
}
