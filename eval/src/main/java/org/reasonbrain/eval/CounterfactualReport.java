package org.reasonbrain.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.reasonbrain.data.format.Sample;

/**
 * What an evaluation says of counterfactual sets (rows sharing a {@code set} id: one picture asked about its host
 * subject, its rival, for nothing and about an absent object):
 * <ul>
 *   <li>accuracy per member kind (lenient and strict, 95% Wilson intervals);
 *   <li><b>set accuracy</b>: the share of whole sets whose every member is right;
 *   <li>for each member kind, which wrong outcome each miss was nearest (host changed instead, rival changed, nothing
 *       changed, both changed);
 *   <li>the <b>instruction gain</b>: accuracy on the host and rival members minus what the same set's answer to the null
 *       request scores against those members' truths. A model that edits what the scene suggests, whatever it is
 *       asked, gives the same picture to every request and gains nothing.
 * </ul>
 */
public final class CounterfactualReport {
  /** Reads an image of the dataset by its manifest path. */
  @FunctionalInterface
  public interface ImageReader {
    BufferedImage read(String path) throws IOException;
  }

  /** One line of the member table. */
  public record Line(String group, int n, double lenient, double lenientLo, double lenientHi, double strict, double strictLo,
      double strictHi) {
    static Line of(String group, int n, int lenient, int strict) {
      double[] l = Controls.wilson(lenient, n);
      double[] s = Controls.wilson(strict, n);
      return new Line(group, n, n == 0 ? Double.NaN : lenient / (double) n, l[0], l[1], n == 0 ? Double.NaN : strict / (double) n,
          s[0], s[1]);
    }
  }

  /**
   * The summary.
   *
   * @param members per member kind, then "set" (whole sets) and, when images could be read, "null-as-answer" (the null
   *     request's edit judged as the answer to the host and rival members)
   * @param nearestWrong per member kind, the nearest wrong outcome of each lenient miss
   * @param gainLenient host + rival accuracy minus null-as-answer accuracy (NaN without images)
   */
  public record Summary(List<Line> members, Map<String, Map<String, Integer>> nearestWrong, double gainLenient, double gainStrict) {}

  private CounterfactualReport() {}

  /** True when any row belongs to a counterfactual set. */
  public static boolean present(List<Evaluator.Row> rows) {
    return rows.stream().anyMatch(r -> r.sample().inSet() && r.verdict() != null);
  }

  /** Summarises the set rows of {@code rows}; {@code images} may be null (then no instruction gain). */
  public static Summary summarize(List<Evaluator.Row> rows, ImageReader images) throws IOException {
    Map<String, List<Evaluator.Row>> bySet = new TreeMap<>();
    Map<String, int[]> byMember = new LinkedHashMap<>();
    for (String m : Sample.MEMBERS) {
      byMember.put(m, new int[3]);
    }
    Map<String, Map<String, Integer>> nearest = new LinkedHashMap<>();
    for (Evaluator.Row r : rows) {
      Sample s = r.sample();
      if (!s.inSet() || r.verdict() == null) {
        continue;
      }
      bySet.computeIfAbsent(s.set(), k -> new ArrayList<>()).add(r);
      int[] c = byMember.get(s.member());
      c[0]++;
      c[1] += r.verdict().lenient() ? 1 : 0;
      c[2] += r.verdict().strict() ? 1 : 0;
      Judge.Verdict v = r.verdict();
      if (!v.lenient() && v.nearestDistractor() >= 0 && v.nearestDistractor() < s.distractorTargets().size()) {
        nearest.computeIfAbsent(s.member(), k -> new TreeMap<>())
            .merge(s.distractorTargets().get(v.nearestDistractor()).reason(), 1, Integer::sum);
      }
    }
    List<Line> lines = new ArrayList<>();
    byMember.forEach((m, c) -> {
      if (c[0] > 0) {
        lines.add(Line.of(m, c[0], c[1], c[2]));
      }
    });
    // Whole sets only: a set cut by --limit is left out of set accuracy.
    int sets = 0;
    int setLenient = 0;
    int setStrict = 0;
    int crossN = 0;
    int crossLenient = 0;
    int crossStrict = 0;
    int realN = 0;
    int realLenient = 0;
    int realStrict = 0;
    for (List<Evaluator.Row> set : bySet.values()) {
      if (set.size() != Sample.MEMBERS.size()) {
        continue;
      }
      sets++;
      setLenient += set.stream().allMatch(r -> r.verdict().lenient()) ? 1 : 0;
      setStrict += set.stream().allMatch(r -> r.verdict().strict()) ? 1 : 0;
      Evaluator.Row nullRow = set.stream().filter(r -> r.sample().member().equals(Sample.NULL)).findFirst().orElse(null);
      for (Evaluator.Row r : set) {
        String m = r.sample().member();
        if (!m.equals(Sample.HOST) && !m.equals(Sample.RIVAL)) {
          continue;
        }
        realN++;
        realLenient += r.verdict().lenient() ? 1 : 0;
        realStrict += r.verdict().strict() ? 1 : 0;
        if (images != null && nullRow != null) {
          List<BufferedImage> ds = new ArrayList<>();
          for (var d : r.sample().distractorTargets()) {
            ds.add(images.read(d.path()));
          }
          Judge.Verdict v = Judge.judge(nullRow.edit(), r.source(), r.target(), ds);
          crossN++;
          crossLenient += v.lenient() ? 1 : 0;
          crossStrict += v.strict() ? 1 : 0;
        }
      }
    }
    if (sets > 0) {
      lines.add(Line.of("set", sets, setLenient, setStrict));
    }
    double gainL = Double.NaN;
    double gainS = Double.NaN;
    if (crossN > 0) {
      lines.add(Line.of("host+rival", realN, realLenient, realStrict));
      lines.add(Line.of("null-as-answer", crossN, crossLenient, crossStrict));
      gainL = realLenient / (double) realN - crossLenient / (double) crossN;
      gainS = realStrict / (double) realN - crossStrict / (double) crossN;
    }
    return new Summary(lines, nearest, gainL, gainS);
  }

  /** The summary as Markdown. */
  public static String markdown(Summary s) {
    StringBuilder md = new StringBuilder();
    md.append("| member | judged | strict [95%] | lenient [95%] |\n|---|---|---|---|\n");
    for (Line l : s.members()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.3f [%.3f-%.3f] | %.3f [%.3f-%.3f] |%n", l.group(), l.n(), l.strict(),
          l.strictLo(), l.strictHi(), l.lenient(), l.lenientLo(), l.lenientHi()));
    }
    if (!Double.isNaN(s.gainLenient())) {
      md.append(String.format(Locale.ROOT, "%nInstruction gain (host + rival members, real instruction minus the null request's edit"
          + " judged as their answer): strict %+.3f, lenient %+.3f.%n", s.gainStrict(), s.gainLenient()));
    }
    md.append("\nset: every member of a whole set right. null-as-answer: the edit made for the null request, judged as the answer "
        + "to the host and rival members of its set.\n");
    if (!s.nearestWrong().isEmpty()) {
      md.append("\nThe wrong outcome nearest each miss (lenient), by member:\n\n| member | nearest wrong outcome | misses |\n|---|---|---|\n");
      s.nearestWrong().forEach((m, counts) -> counts.forEach((reason, n) -> md.append("| ").append(m).append(" | ").append(reason)
          .append(" | ").append(n).append(" |\n")));
    }
    return md.toString();
  }
}
