package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/** The judge and the report on counterfactual sets: an oracle, a scene-reader that ignores the request, a do-nothing. */
class CounterfactualReportTest {
  @TempDir
  static Path tmp;
  static Dataset ds;
  static List<Sample> rows;

  @BeforeAll
  static void build() throws Exception {
    new DatasetBuilder(BuildSettings.builder(400, 31).size(64).candidates(2).threads(2).rivals(1.0).build(), null)
        .build(tmp.resolve("d"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("d"));
    rows = ds.split("test-counterfactual");
  }

  /** Scores every set row with the edit {@code pick} chooses for it. */
  private static List<Evaluator.Row> score(java.util.function.Function<Sample, String> pick) throws Exception {
    Evaluator ev = new Evaluator(ds);
    List<Evaluator.Row> out = new ArrayList<>();
    for (Sample s : rows) {
      out.add(ev.score(s, ds.image(pick.apply(s))));
    }
    return out;
  }

  private static Map<String, CounterfactualReport.Line> lines(CounterfactualReport.Summary s) {
    Map<String, CounterfactualReport.Line> out = new HashMap<>();
    s.members().forEach(l -> out.put(l.group(), l));
    return out;
  }

  @Test
  void theOracleScoresOneEverywhere_andItsInstructionGainIsPositive() throws Exception {
    assertEquals(16, rows.size(), "400 samples hold four sets");
    CounterfactualReport.Summary s = CounterfactualReport.summarize(score(Sample::target), ds::image);
    for (CounterfactualReport.Line l : s.members()) {
      if (!l.group().equals("null-as-answer")) {
        assertEquals(1.0, l.lenient(), 1e-9, l.group());
        assertEquals(1.0, l.strict(), 1e-9, l.group());
      }
    }
    assertEquals(0.0, lines(s).get("null-as-answer").lenient(), 1e-9, "the source answers neither host nor rival");
    assertEquals(1.0, s.gainLenient(), 1e-9);
  }

  @Test
  void anEditorThatMakesTheHostsChangeWhateverIsAsked_isRightOnlyOnHostRows() throws Exception {
    Map<String, String> hostTarget = new HashMap<>();
    rows.stream().filter(r -> r.member().equals(Sample.HOST)).forEach(r -> hostTarget.put(r.set(), r.target()));
    List<Evaluator.Row> scored = score(r -> hostTarget.get(r.set()));
    Map<String, CounterfactualReport.Line> l = lines(CounterfactualReport.summarize(scored, ds::image));
    assertEquals(1.0, l.get(Sample.HOST).lenient(), 1e-9);
    double k = Sample.MEMBERS.size();
    assertTrue(l.get(Sample.RIVAL).lenient() <= 1 / k, "rival rows: " + l.get(Sample.RIVAL).lenient());
    assertEquals(0.0, l.get(Sample.NULL).lenient(), 1e-9);
    assertEquals(0.0, l.get("set").lenient(), 1e-9, "no whole set is right");
    CounterfactualReport.Summary s = CounterfactualReport.summarize(scored, ds::image);
    assertEquals(0.0, s.gainLenient(), 1e-9, "the same picture for every request gains nothing");
    assertEquals(4, s.nearestWrong().get(Sample.RIVAL).get("host-changed"), "every rival miss is nearest the host's change");
  }

  @Test
  void aDoNothingEditorPassesNullAndAbsentRowsAndFailsTheOthers() throws Exception {
    Map<String, CounterfactualReport.Line> l = lines(CounterfactualReport.summarize(score(Sample::source), ds::image));
    assertEquals(1.0, l.get(Sample.NULL).strict(), 1e-9);
    assertEquals(1.0, l.get(Sample.ABSENT).strict(), 1e-9);
    assertEquals(0.0, l.get(Sample.HOST).lenient(), 1e-9);
    assertEquals(0.0, l.get(Sample.RIVAL).lenient(), 1e-9);
  }

  @Test
  void theReportLeadsWithStrictAndTheSets_andOldBuildsReportAsBefore() throws Exception {
    Report.write(tmp.resolve("r"), "oracle", score(Sample::target), Map.of(), ds::image);
    String md = Files.readString(tmp.resolve("r/report.md"));
    assertTrue(md.indexOf("## Headline: strict first") < md.indexOf("## By category"), md);
    assertTrue(md.contains("## Counterfactual sets") && md.contains("| set |"), md);
    assertTrue(Files.readString(tmp.resolve("r/report.json")).contains("\"counterfactual\""));
    List<String> verdicts = Files.readAllLines(tmp.resolve("r/verdicts.csv"));
    assertEquals(rows.size() + 1, verdicts.size(), "a header and one line per judged row");
    assertTrue(verdicts.get(2).contains(",rival,true,true,"), verdicts.get(2));
    // Rows without sets (an old build's) give no counterfactual section.
    Evaluator ev = new Evaluator(ds);
    List<Evaluator.Row> plain = new ArrayList<>();
    for (Sample s : ds.split("test-id")) {
      plain.add(ev.score(s, ds.image(s.target())));
    }
    Report.write(tmp.resolve("plain"), "oracle", plain);
    assertFalse(Files.readString(tmp.resolve("plain/report.md")).contains("## Counterfactual sets"));
  }
}
