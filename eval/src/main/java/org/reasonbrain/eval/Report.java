package org.reasonbrain.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reasonbrain.core.image.BarChart;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Html;

/**
 * Writes an evaluation as {@code report.json}, {@code report.md} (the shape of the paper's Table 2:
 * categories in columns), {@code accuracy.png} (a bar chart), {@code gallery.html} (source,
 * instruction, edit, target, verdict) and {@code verdicts.csv} (one line per judged sample).
 */
public final class Report {
  private static final List<String> COLUMNS = List.of("physical", "temporal", "causal", "story", "total");
  private static final List<String> METRICS = List.of("accuracy_lenient", "accuracy_strict", "id_ssim", "id_l1", "l1", "psnr", "ssim",
      "clip_score", "clip_dir", "clip_im", "dino", "mllm_score");

  private Report() {}

  public static void write(Path dir, String title, List<Evaluator.Row> rows) throws IOException {
    write(dir, title, rows, Map.of());
  }

  /** With {@code meta} (model, preset, sampling settings, timing) stored under "meta" in report.json. */
  public static void write(Path dir, String title, List<Evaluator.Row> rows, Map<String, String> meta) throws IOException {
    write(dir, title, rows, meta, null);
  }

  /**
   * With {@code images} reading the dataset's pictures, so the counterfactual section can judge each set's answer to
   * the null request against its other members' truths (the instruction gain); null leaves that line out.
   */
  public static void write(Path dir, String title, List<Evaluator.Row> rows, Map<String, String> meta,
      CounterfactualReport.ImageReader images) throws IOException {
    Files.createDirectories(dir);
    Map<String, Map<String, Double>> byCategory = Evaluator.summarize(rows, r -> r.sample().category());
    Map<String, Map<String, Double>> bySplit = Evaluator.summarize(rows, r -> r.sample().split());
    ObjectMapper json = new ObjectMapper();
    var root = json.createObjectNode();
    root.put("title", title);
    root.set("meta", json.valueToTree(new java.util.TreeMap<>(meta)));
    root.set("by_category", json.valueToTree(byCategory));
    root.set("by_split", json.valueToTree(bySplit));
    root.set("by_split_category", json.valueToTree(Evaluator.summarize(rows, r -> r.sample().split() + "/" + r.sample().category())));
    Map<String, Map<String, Double>> bySteps = Evaluator.summarize(rows, r -> stepsKey(r.sample()));
    root.set("by_steps", json.valueToTree(bySteps));
    boolean rivals = rows.stream().anyMatch(Report::hasRival);
    Map<String, Map<String, Double>> byRival = rivals ? Evaluator.summarize(rows, r -> hasRival(r) ? "with a rival" : "no rival") : Map.of();
    if (rivals) {
      root.set("by_rival", json.valueToTree(byRival));
    }
    // Per split and family (where the manifest names families): which rules transfer to held-out subjects.
    boolean families = rows.stream().anyMatch(r -> r.sample().family() != null && !r.sample().family().isEmpty());
    Map<String, Map<String, Double>> byFamily = families ? new java.util.TreeMap<>(Evaluator.summarize(rows, Report::splitFamilyKey)) : Map.of();
    if (families) {
      root.set("by_split_family", json.valueToTree(byFamily));
    }
    Map<String, Integer> wrong = wrongNearest(rows);
    root.set("wrong_nearest", json.valueToTree(wrong));
    Map<String, Integer> strictMiss = strictFailures(rows.stream().map(Evaluator.Row::verdict).toList());
    root.set("strict_failures", json.valueToTree(strictMiss));
    CounterfactualReport.Summary cf = CounterfactualReport.present(rows) ? CounterfactualReport.summarize(rows, images) : null;
    if (cf != null) {
      root.set("counterfactual", json.valueToTree(cf));
    }
    List<String> smears = families ? smears(byFamily) : List.of();
    root.set("flagged_families", json.valueToTree(smears));
    root.put("judge", "lenient: nearer the target than every distractor (blurred RMS over the changed region); strict: "
        + "also within " + Judge.MARGIN + " of the nearest distractor's distance and L1 outside the region <= " + Judge.PRESERVE);
    AtomicFiles.writeString(dir.resolve("report.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    StringBuilder md = new StringBuilder("# " + title + "\n\n");
    // What is hard to fake first: strict accuracy and whole counterfactual sets, then the lenient reading.
    md.append("## Headline: strict first (95% Wilson intervals)\n\n| split | judged | strict | lenient |\n|---|---|---|---|\n");
    for (var e : bySplit.entrySet()) {
      Map<String, Double> m = e.getValue();
      if (m.get("judged") > 0) {
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s |%n", e.getKey(), m.get("judged"), withInterval(m, "accuracy_strict"),
            withInterval(m, "accuracy_lenient")));
      }
    }
    if (cf != null) {
      md.append("\n## Counterfactual sets: does the instruction decide?\n\n").append(CounterfactualReport.markdown(cf));
    }
    if (!smears.isEmpty()) {
      md.append("\n**Flagged**: families whose lenient passes are all strict failures (a smear or a kept-pixel miss that is "
          + "merely nearest the truth): ").append(String.join(", ", smears)).append(".\n");
    }
    md.append("\n## By category (the shape of Table 2)\n\n| metric |");
    for (String c : COLUMNS) {
      md.append(' ').append(c).append(" |");
    }
    md.append("\n|---|").append("---|".repeat(COLUMNS.size())).append('\n');
    for (String m : METRICS) {
      md.append("| ").append(m).append(" |");
      for (String c : COLUMNS) {
        Double v = byCategory.containsKey(c) ? byCategory.get(c).get(m) : null;
        md.append(' ').append(v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", v)).append(" |");
      }
      md.append('\n');
    }
    md.append("\nBy split (95% Wilson intervals; chance = mean of 1 / (1 + distractors)):\n\n");
    groupTable(md, "split", bySplit);
    md.append("\nBy number of edit steps (Table A5):\n\n");
    groupTable(md, "steps", bySteps);
    if (rivals) {
      md.append("\nBy scene: with a rival subject the instruction leaves alone (`data build --rivals`), or without:\n\n");
      groupTable(md, "scene", byRival);
    }
    if (families) {
      md.append("\nBy split and family (the rule of each ReasonWorld family; test-composition holds each family's "
          + "held-out subject):\n\n");
      groupTable(md, "split / family", byFamily);
    }
    if (!wrong.isEmpty()) {
      int total = wrong.values().stream().mapToInt(Integer::intValue).sum();
      md.append("\nThe wrong outcome nearest each edit judged wrong (lenient), ").append(total).append(" edits:\n\n| nearest wrong outcome | edits | share |\n|---|---|---|\n");
      wrong.forEach((reason, n) -> md.append(String.format(Locale.ROOT, "| %s | %d | %.3f |%n", reason, n, n / (double) total)));
    }
    if (strictMiss.values().stream().anyMatch(n -> n > 0)) {
      md.append("\nWhy right edits (lenient) failed strict: too near a wrong outcome (d(edit, target) > ").append(Judge.MARGIN)
          .append(" x the nearest distractor's), the rest of the image not kept (L1 outside the region > ").append(Judge.PRESERVE)
          .append("), or both:\n\n| reason | edits |\n|---|---|\n");
      strictMiss.forEach((reason, n) -> md.append("| ").append(reason).append(" | ").append(n).append(" |\n"));
    }
    AtomicFiles.writeString(dir.resolve("report.md"), md.toString());
    AtomicFiles.writeString(dir.resolve("verdicts.csv"), verdicts(rows));
    Images.writePng(dir.resolve("accuracy.png"), chart(title, byCategory));
    AtomicFiles.writeString(dir.resolve("gallery.html"), gallery(title, rows));
  }

  /**
   * The "split / family" groups with at least five judged samples, some lenient passes and no strict one: their lenient
   * score counts smears (a blur nearest the truth) or edits that lose the rest of the scene.
   */
  static List<String> smears(Map<String, Map<String, Double>> byFamily) {
    List<String> out = new java.util.ArrayList<>();
    byFamily.forEach((k, m) -> {
      Double judged = m.get("judged");
      Double lenient = m.get("accuracy_lenient");
      Double strict = m.get("accuracy_strict");
      if (!k.equals("total") && judged != null && judged >= 5 && lenient != null && lenient > 0 && strict != null && strict == 0) {
        out.add(k + String.format(Locale.ROOT, " (lenient %.2f, strict 0)", lenient));
      }
    });
    return out;
  }

  /**
   * One line per judged sample: id, split, family, set, member, lenient, strict, the distances to the target and to the
   * nearest wrong outcome, that outcome's reason, and the L1 outside the judged region.
   */
  static String verdicts(List<Evaluator.Row> rows) {
    StringBuilder sb = new StringBuilder("id,split,family,set,member,lenient,strict,to_target,to_nearest_wrong,nearest_wrong,outside_l1\n");
    for (Evaluator.Row r : rows) {
      Judge.Verdict v = r.verdict();
      if (v == null) {
        continue;
      }
      var s = r.sample();
      String reason = v.nearestDistractor() >= 0 && v.nearestDistractor() < s.distractorTargets().size()
          ? s.distractorTargets().get(v.nearestDistractor()).reason() : "";
      sb.append(String.join(",", s.id(), s.split(), s.family() == null ? "" : s.family(), s.set() == null ? "" : s.set(),
          s.member() == null ? "" : s.member(), Boolean.toString(v.lenient()), Boolean.toString(v.strict()),
          String.format(Locale.ROOT, "%.5f", v.toTarget()), String.format(Locale.ROOT, "%.5f", v.toNearestDistractor()), reason,
          String.format(Locale.ROOT, "%.5f", v.outsideL1()))).append('\n');
    }
    return sb.toString();
  }

  /** Edits right by the lenient judge but not strict, by the strict condition they missed (margin, kept, both). */
  static Map<String, Integer> strictFailures(List<Judge.Verdict> verdicts) {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    for (String k : List.of("margin", "kept", "both")) {
      out.put(k, 0);
    }
    for (Judge.Verdict v : verdicts) {
      if (v == null || !v.lenient() || v.strict()) {
        continue;
      }
      boolean margin = v.toTarget() > Judge.MARGIN * v.toNearestDistractor();
      boolean kept = v.outsideL1() > Judge.PRESERVE;
      out.merge(margin && kept ? "both" : margin ? "margin" : "kept", 1, Integer::sum);
    }
    return out;
  }

  private static void groupTable(StringBuilder md, String head, Map<String, Map<String, Double>> groups) {
    md.append("| ").append(head).append(" | samples | chance | lenient [95%] | strict [95%] | id SSIM | L1 |\n|---|---|---|---|---|---|---|\n");
    for (var e : groups.entrySet()) {
      Map<String, Double> m = e.getValue();
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %.3f | %.3f |%n", e.getKey(), m.get("samples"), fmt(m.get("chance")),
          withInterval(m, "accuracy_lenient"), withInterval(m, "accuracy_strict"), m.get("id_ssim"), m.get("l1")));
    }
  }

  private static String withInterval(Map<String, Double> m, String metric) {
    Double v = m.get(metric);
    if (v == null || v.isNaN()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.3f [%.3f-%.3f]", v, m.get(metric + "_lo"), m.get(metric + "_hi"));
  }

  /**
   * For the edits judged wrong (lenient), how many were nearest each kind of wrong outcome (the distractor's
   * reason: no-change, wrong-way, rival-changed, ...), most frequent first.
   */
  static Map<String, Integer> wrongNearest(List<Evaluator.Row> rows) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    for (Evaluator.Row r : rows) {
      Judge.Verdict v = r.verdict();
      if (v != null && !v.lenient() && v.nearestDistractor() >= 0 && v.nearestDistractor() < r.sample().distractorTargets().size()) {
        counts.merge(r.sample().distractorTargets().get(v.nearestDistractor()).reason(), 1, Integer::sum);
      }
    }
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** True when the sample's scene holds a rival subject (it has a rival-changed distractor). */
  static boolean hasRival(Evaluator.Row r) {
    return r.sample().distractorTargets().stream().anyMatch(d -> d.reason().equals(org.reasonbrain.data.families.Rivals.RIVAL_CHANGED));
  }

  /** "split / family" of a sample ("-" for a sample whose manifest names no family). */
  static String splitFamilyKey(Evaluator.Row r) {
    String f = r.sample().family();
    return r.sample().split() + " / " + (f == null || f.isEmpty() ? "-" : f);
  }

  /** "1-step", "2-step", ...: how many instructions the sample chains. */
  static String stepsKey(org.reasonbrain.data.format.Sample s) {
    return Math.max(1, s.steps().size()) + "-step";
  }

  private static String fmt(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static BufferedImage chart(String title, Map<String, Map<String, Double>> byCategory) {
    double[][] v = new double[2][COLUMNS.size()];
    for (int c = 0; c < COLUMNS.size(); c++) {
      Map<String, Double> m = byCategory.get(COLUMNS.get(c));
      v[0][c] = m == null ? Double.NaN : m.get("accuracy_lenient");
      v[1][c] = m == null ? Double.NaN : m.get("accuracy_strict");
    }
    return BarChart.draw(title + ": reasoning accuracy", COLUMNS, List.of("lenient", "strict"), v);
  }

  private static String gallery(String title, List<Evaluator.Row> rows) {
    StringBuilder sb = new StringBuilder("<!doctype html><meta charset=utf-8><title>" + Html.escape(title) + "</title><style>body{font-family:sans-serif}"
        + "td{vertical-align:top;padding:4px}img{width:96px;image-rendering:pixelated}.ok{color:#1a7f37}.no{color:#b00020}</style><h1>"
        + Html.escape(title) + "</h1><table><tr><th>sample</th><th>instruction</th><th>source</th><th>edit</th><th>target</th><th>verdict</th></tr>");
    for (Evaluator.Row r : rows.subList(0, Math.min(200, rows.size()))) {
      Judge.Verdict v = r.verdict();
      String verdict = v == null ? "(no distractors)" : "<span class=" + (v.lenient() ? "ok" : "no") + ">lenient " + (v.lenient() ? "yes" : "no")
          + "</span>, <span class=" + (v.strict() ? "ok" : "no") + ">strict " + (v.strict() ? "yes" : "no") + "</span>"
          + String.format(Locale.ROOT, "<br><small>d target %.3f, nearest wrong %.3f, L1 outside %.3f</small>", v.toTarget(),
              v.toNearestDistractor(), v.outsideL1());
      sb.append("<tr><td>").append(Html.escape(r.sample().id())).append("<br>").append(Html.escape(r.sample().category())).append(", ")
          .append(Html.escape(r.sample().split())).append("</td><td>").append(Html.escape(r.sample().instruction())).append("</td><td><img src='")
          .append(Html.dataUrl(r.source())).append("'></td><td><img src='").append(Html.dataUrl(r.edit()))
          .append("'></td><td><img src='").append(Html.dataUrl(r.target())).append("'></td><td>").append(verdict).append("</td></tr>");
    }
    return sb.append("</table>").toString();
  }
}
