package org.reasonbrain.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reasonbrain} command line. */
@Command(name = "reasonbrain", mixinStandardHelpOptions = true, version = "reasonbrain 0.1.0",
    description = "Hypothetical-instruction reasoning image editing: ReasonWorld data, ReasonBrain model.",
    subcommands = {DemoCommand.class, DataCommand.class, TrainCommand.class, EditCommand.class, ModelCommand.class, EvalCommand.class, TablesCommand.class, ServeCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with error handling that prints a message, not a stack trace. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      if (ex instanceof UserError || ex instanceof java.io.IOException || ex instanceof IllegalArgumentException) {
        cmd.getErr().println("error: " + ex.getMessage());
        return 2;
      }
      throw ex;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
