package org.reasonbrain.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.reasonbrain.eval.Tables;
import org.reasonbrain.model.ReasonBrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reasonbrain tables}: the paper's Tables 2, 4, A5 and A8 from evaluation reports. */
@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "Write tables.md and tables.png (Tables 2, 4, A5, A8 shapes) from reports of reasonbrain eval.")
final class TablesCommand implements Callable<Integer> {
  @Option(names = "--report", required = true, description = "LABEL=REPORT_DIR, in row order (repeatable).")
  List<String> reports;

  @Option(names = "--title", defaultValue = "ReasonWorld", description = "Title (default ${DEFAULT-VALUE}).")
  String title;

  @Option(names = "--out", required = true, description = "Folder for tables.md and tables.png.")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Tables.Entry> entries = new ArrayList<>();
    for (String r : reports) {
      int eq = r.indexOf('=');
      if (eq <= 0 || eq == r.length() - 1) {
        throw new UserError("--report " + r + ": expected LABEL=REPORT_DIR");
      }
      var json = Tables.read(Path.of(r.substring(eq + 1)));
      String preset = json.path("meta").path("preset").asText("");
      ReasonBrainConfig cfg;
      try {
        cfg = ReasonBrainConfig.preset(preset);
      } catch (IllegalArgumentException e) {
        throw new UserError(r.substring(eq + 1) + "/report.json: meta.preset '" + preset + "' is not a known preset");
      }
      boolean table2 = cfg.variant() != ReasonBrainConfig.Variant.REASONBRAIN || cfg.switches().equals(ReasonBrainConfig.Switches.all());
      List<Tables.Switch> sw = null;
      if (cfg.variant() == ReasonBrainConfig.Variant.REASONBRAIN) {
        var s = cfg.switches();
        sw = List.of(new Tables.Switch("patch branch", s.patchBranch()), new Tables.Switch("region branch", s.regionBranch()),
            new Tables.Switch("ID controller", s.idController()), new Tables.Switch("vision enhancer", s.visionEnhancer()),
            new Tables.Switch("text enhancer", s.textEnhancer()));
      }
      entries.add(new Tables.Entry(r.substring(0, eq), json, table2, sw));
    }
    Tables.write(out, title, entries);
    System.out.println("wrote " + out.resolve("tables.md") + " and " + out.resolve("tables.png"));
    return 0;
  }
}
