package org.reasonbrain.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code reasonbrain model}: the model subcommands, one class each ({@link ModelInfoCommand}, {@link ModelInitCommand},
 * {@link ModelExportCommand}, {@link ModelAverageCommand}, {@link ModelOwnEditsCommand}); alone it prints their usage.
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Inspect model presets.",
    subcommands = {ModelInfoCommand.class, ModelInitCommand.class, ModelExportCommand.class, ModelAverageCommand.class,
        ModelOwnEditsCommand.class})
final class ModelCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
