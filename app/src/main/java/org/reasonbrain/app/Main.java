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
  public static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new Main()));
  }

  /**
   * A user mistake (UserError, IOException, IllegalArgumentException) prints "error: message" and exits 2; a training
   * step with a non-finite gradient (NonFiniteStepException, the run saved before it) prints its message and exits 3;
   * anything else is a bug and keeps its stack trace. {@code unwrap} finds such a mistake inside a wrapper
   * (a distributed engine's job failure, say).
   */
  public static CommandLine withErrorHandling(CommandLine cl, java.util.function.UnaryOperator<Exception> unwrap) {
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      Exception e = unwrap.apply(ex);
      boolean stopped = e instanceof org.reasonbrain.train.NonFiniteStepException;   // says where training stopped, what was kept
      if (stopped || e instanceof UserError || e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
        cmd.getErr().println("error: " + e.getMessage());
        return stopped ? 3 : 2;
      }
      throw ex;
    });
    return cl;
  }

  static CommandLine withErrorHandling(CommandLine cl) {
    return withErrorHandling(cl, e -> e);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
