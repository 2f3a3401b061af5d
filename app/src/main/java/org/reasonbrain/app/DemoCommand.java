package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.preview.ContactSheet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reasonbrain demo}: builds a small ReasonWorld set and its contact sheet. (Once the model
 * ships, the demo edits the bundled examples instead.)
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Build a small ReasonWorld dataset and write its contact sheet (HTML and PNG).")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "out/demo", description = "Output folder (default ${DEFAULT-VALUE}); replaced if it exists.")
  Path out;

  @Option(names = "--samples", defaultValue = "400", description = "Samples to build (default ${DEFAULT-VALUE}).")
  int samples;

  @Override
  public Integer call() throws Exception {
    Path data = out.resolve("reasonworld");
    DatasetBuilder.Result r = new DatasetBuilder(BuildSettings.of(samples, 1, 64), null)
        .build(data, true, new ProgressBar(System.err));
    int rows = ContactSheet.write(Dataset.load(data), out.resolve("preview"));
    System.out.printf("built %d samples (%d families shown) in %.1f s%n", r.samples(), rows, r.seconds());
    System.out.println("open " + out.resolve("preview.html") + " (or preview.png) to see the world");
    return 0;
  }
}
