package org.reasonbrain.app;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain model init}: an untrained model of a preset written as a run folder. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write an untrained model of a preset as a run folder (for trying the CLI and the server before training).")
final class ModelInitCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "tiny", description = "Preset (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--out", required = true, description = "Run folder to create.")
  Path out;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out.resolve("checkpoint"))) {
      throw new UserError(out + " already holds a checkpoint");
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ReasonBrain model = new ReasonBrain(m, seed, ReasonBrainConfig.preset(preset));
      Files.createDirectories(out.resolve("checkpoint"));
      Checkpoints.save(model, out.resolve("checkpoint/model.safetensors"), Map.of("preset", preset, "stage", "init"));
      AtomicFiles.writeString(out.resolve("config.json"),
          "{\"preset\": \"" + preset + "\", \"stage\": \"init\", \"seed\": " + seed + "}\n");
    }
    System.out.println("wrote an untrained " + preset + " model to " + out);
    return 0;
  }
}
