package org.reasonbrain.spark;

import java.util.Arrays;
import org.reasonbrain.app.Main;
import picocli.CommandLine;

/**
 * Entry point of {@code reasonbrain-spark} (the main class spark-submit runs): {@code data build} and
 * {@code eval} run on Spark; every other subcommand is the plain {@code reasonbrain} one, in this JVM.
 */
public final class SparkMain {
  private SparkMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String... args) {
    if (args.length >= 2 && args[0].equals("data") && args[1].equals("build")) {
      return cli(new SparkBuildCommand()).execute(Arrays.copyOfRange(args, 2, args.length));
    }
    if (args.length >= 1 && args[0].equals("eval")) {
      return cli(new SparkEvalCommand()).execute(Arrays.copyOfRange(args, 1, args.length));
    }
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("reasonbrain-spark: the reasonbrain command line with 'data build' and 'eval' on Apache Spark.");
      System.out.println("Usage: ./reasonbrain-spark [--master URL] COMMAND [OPTIONS]  (--master default local[*])");
      System.out.println("On Spark: data build (adds --partitions), eval (adds --partitions). Every other command runs as in ./reasonbrain:");
      System.out.println();
    }
    return Main.commandLine().execute(args);
  }

  private static CommandLine cli(Object command) {
    return Main.withErrorHandling(new CommandLine(command), SparkMain::unwrap);
  }

  /** The user mistake inside a failed Spark job (the first IOException, IllegalArgumentException or UserError in the causes). */
  static Exception unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof IllegalArgumentException || t instanceof org.reasonbrain.app.UserError) {
        return (Exception) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }
}
