package org.reasonbrain.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reasonbrain.core.image.BarChart;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;

/**
 * The paper's tables from several evaluation reports ({@code report.json} of {@link Report}): Table 2
 * (methods x reasoning categories, per test split), Table 4 (ablation switches x scores), Table A5
 * (1-, 2- and 3-step edits) and Table A8 (identity preservation). Writes {@code tables.md} and
 * {@code tables.png}.
 */
public final class Tables {
  private static final List<String> CATEGORIES = List.of("physical", "temporal", "causal", "story");
  private static final List<String> TABLE2_SPLITS = List.of("test-id", "test-phrasing", "test-composition");

  private Tables() {}

  /**
   * One evaluated method. {@code table2}: a row of Table 2 (the full model or a baseline); {@code switches}:
   * its Table 4 row as (name, on) pairs, or null when it is not an ablation row.
   */
  public record Entry(String label, JsonNode report, boolean table2, List<Switch> switches) {}

  public record Switch(String name, boolean on) {}

  public static JsonNode read(Path reportDir) throws IOException {
    Path f = reportDir.resolve("report.json");
    if (!Files.isRegularFile(f)) {
      throw new IOException(reportDir + ": no report.json (run reasonbrain eval first)");
    }
    JsonNode report = new ObjectMapper().readTree(f.toFile());
    Path controls = reportDir.resolve("controls.json");
    if (Files.isRegularFile(controls) && report instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.set("controls", new ObjectMapper().readTree(controls.toFile()));
    }
    return report;
  }

  /** The mean of {@code metric} over the given splits, weighted by their sample counts (NaN when none). */
  static double over(JsonNode report, List<String> splits, String group, String metric) {
    double sum = 0;
    double n = 0;
    for (String sp : splits) {
      JsonNode g = report.path(group).path(sp);
      JsonNode v = g.path(metric);
      if (v.isNumber()) {
        double k = g.path("samples").asDouble();
        sum += v.asDouble() * k;
        n += k;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static String count(JsonNode report, String group, String key) {
    JsonNode n = report == null ? null : report.path(group).path(key).path("samples");
    return n == null || !n.isNumber() ? "" : " (" + n.asInt() + ")";
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  public static void write(Path dir, String title, List<Entry> entries) throws IOException {
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder("# " + title + "\n\n");
    md.append("Reasoning accuracy = the lenient programmatic judge (eval/Judge). Total = all samples of the three splits.\n\n");
    // Table 2.
    md.append("## Table 2 shape: reasoning accuracy per category\n\n(n) = samples in the column, from the first row's report.\n\n| method |");
    JsonNode first = entries.stream().filter(Entry::table2).map(Entry::report).findFirst().orElse(null);
    for (String sp : TABLE2_SPLITS) {
      for (String c : CATEGORIES) {
        md.append(' ').append(sp.replace("test-", "")).append(' ').append(c, 0, 4).append(count(first, "by_split_category", sp + "/" + c)).append(" |");
      }
      md.append(' ').append(sp.replace("test-", "")).append(" all").append(count(first, "by_split", sp)).append(" |");
    }
    md.append(" Total |\n|---|").append("---|".repeat(TABLE2_SPLITS.size() * 5 + 1)).append('\n');
    for (Entry e : entries) {
      if (!e.table2()) {
        continue;
      }
      md.append("| ").append(e.label()).append(" |");
      for (String sp : TABLE2_SPLITS) {
        for (String c : CATEGORIES) {
          md.append(' ').append(f(over(e.report(), List.of(sp + "/" + c), "by_split_category", "accuracy_lenient"))).append(" |");
        }
        md.append(" **").append(f(over(e.report(), List.of(sp), "by_split", "accuracy_lenient"))).append("** |");
      }
      md.append(" **").append(f(over(e.report(), TABLE2_SPLITS, "by_split", "accuracy_lenient"))).append("** |\n");
    }
    md.append("\nThe other scores of Table 2 / Table 3 over the same samples (CLIP family with the project's contrastive encoder; "
        + "DINO-style = cosine of edit and target under its image encoder; MLLM score only with --judge-url):\n\n");
    md.append("| method | lenient | strict | CLIP score | CLIP-dir | CLIP-im | DINO-style | MLLM score | L1 | PSNR | SSIM |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Entry e : entries.stream().filter(Entry::table2).toList()) {
      md.append("| ").append(e.label()).append(" |");
      for (String m : List.of("accuracy_lenient", "accuracy_strict", "clip_score", "clip_dir", "clip_im", "dino", "mllm_score", "l1", "psnr", "ssim")) {
        md.append(' ').append(f(over(e.report(), TABLE2_SPLITS, "by_split", m))).append(" |");
      }
      md.append('\n');
    }
    // Table 4.
    List<Entry> ablations = entries.stream().filter(e -> e.switches() != null).toList();
    if (!ablations.isEmpty()) {
      md.append("\n## Table 4 shape: ablations (test-id)\n\n| method |");
      ablations.get(0).switches().forEach(s -> md.append(' ').append(s.name()).append(" |"));
      md.append(" lenient | strict | CLIP score | DINO-style | id SSIM |\n|---|").append("---|".repeat(ablations.get(0).switches().size() + 5)).append('\n');
      for (Entry e : ablations) {
        md.append("| ").append(e.label()).append(" |");
        e.switches().forEach(s -> md.append(s.on() ? " ✓ |" : " ✗ |"));
        for (String m : List.of("accuracy_lenient", "accuracy_strict", "clip_score", "dino", "id_ssim")) {
          md.append(' ').append(f(over(e.report(), List.of("test-id"), "by_split", m))).append(" |");
        }
        md.append('\n');
      }
    }
    // Table A5.
    md.append("\n## Table A5 shape: multi-step editing (1-step: test-id; 2- and 3-step: test-multistep, judged on the last step)\n\n"
        + "| method | 1-step | 2-step | 3-step |\n|---|---|---|---|\n");
    for (Entry e : entries.stream().filter(Entry::table2).toList()) {
      md.append("| ").append(e.label()).append(" | ").append(f(over(e.report(), List.of("test-id"), "by_split", "accuracy_lenient")))
          .append(" | ").append(f(over(e.report(), List.of("2-step"), "by_steps", "accuracy_lenient")))
          .append(" | ").append(f(over(e.report(), List.of("3-step"), "by_steps", "accuracy_lenient"))).append(" |\n");
    }
    // Table A8.
    md.append("\n## Table A8 shape: identity preservation outside the edit mask (test-id, test-phrasing, test-composition)\n\n"
        + "| method | SSIM to source (higher is better) | L1 to source (lower is better) |\n|---|---|---|\n");
    for (Entry e : entries.stream().filter(Entry::table2).toList()) {
      md.append("| ").append(e.label()).append(" | ").append(f(over(e.report(), TABLE2_SPLITS, "by_split", "id_ssim")))
          .append(" | ").append(f(over(e.report(), TABLE2_SPLITS, "by_split", "id_l1"))).append(" |\n");
    }
    // Controls (eval --controls): does the edit need the instruction and the image?
    if (entries.stream().anyMatch(e -> e.report().path("controls").isArray())) {
      md.append("\n## Controls: lenient accuracy [95% interval] (samples; chance)\n\n| method | real | neutral | other-family | mirrored | "
          + "mirrored vs unmirrored truth |\n|---|---|---|---|---|---|\n");
      for (Entry e : entries) {
        if (!e.report().path("controls").isArray()) {
          continue;
        }
        md.append("| ").append(e.label()).append(" |");
        for (String c : List.of("real", "neutral", "other-family", "mirrored", "mirrored-vs-unmirrored-truth")) {
          JsonNode r = null;
          for (JsonNode x : e.report().path("controls")) {
            if (c.equals(x.path("control").asText())) {
              r = x;
            }
          }
          md.append(r == null ? " - |" : String.format(Locale.ROOT, " %.3f [%.3f-%.3f] (%d; %.2f) |", r.path("lenient").asDouble(),
              r.path("lo").asDouble(), r.path("hi").asDouble(), r.path("n").asInt(), r.path("chance").asDouble()));
        }
        md.append('\n');
      }
    }
    AtomicFiles.writeString(dir.resolve("tables.md"), md.toString());
    Images.writePng(dir.resolve("tables.png"), chart(title, entries));
  }

  /** Grouped bars: lenient accuracy per method on each Table 2 split and on test-multistep. */
  static BufferedImage chart(String title, List<Entry> entries) {
    List<String> groups = new ArrayList<>(TABLE2_SPLITS);
    groups.add("test-multistep");
    double[][] v = new double[entries.size()][groups.size()];
    for (int k = 0; k < entries.size(); k++) {
      for (int gi = 0; gi < groups.size(); gi++) {
        v[k][gi] = over(entries.get(k).report(), List.of(groups.get(gi)), "by_split", "accuracy_lenient");
      }
    }
    return BarChart.draw(title + ": reasoning accuracy (lenient judge)", groups, entries.stream().map(Entry::label).toList(), v);
  }
}
