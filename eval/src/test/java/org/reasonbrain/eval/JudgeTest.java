package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.core.image.ImageMetrics;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/**
 * The judge is the benchmark, so it is tested against the ways an edit goes wrong, family by family, on a
 * real build: the verdicts below are what the definition in {@link Judge} (and the README) says.
 */
class JudgeTest {
  static Path tmp;
  static Dataset ds;

  @BeforeAll
  static void build() throws IOException {
    tmp = Files.createTempDirectory("judge-test");
    new DatasetBuilder(BuildSettings.builder(1500, 4).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("d"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("d"));
  }

  @AfterAll
  static void clean() throws IOException {
    AtomicFiles.deleteTree(tmp);
  }

  /** One judged sample, its images loaded. */
  record Case(Sample s, BufferedImage src, BufferedImage tgt, List<BufferedImage> dis) {
    Judge.Verdict judge(BufferedImage edit) {
      return Judge.judge(edit, src, tgt, dis);
    }

    int w() {
      return tgt.getWidth();
    }
  }

  static List<Case> cases(boolean chains) throws IOException {
    List<Case> out = new ArrayList<>();
    for (Sample s : ds.samples()) {
      // Counterfactual-set rows (some of whose truth is the source itself) are judged in CounterfactualReportTest.
      if (s.distractorTargets().isEmpty() || s.steps().isEmpty() == chains || s.inSet()) {
        continue;
      }
      List<BufferedImage> dis = new ArrayList<>();
      for (var d : s.distractorTargets()) {
        dis.add(ds.image(d.path()));
      }
      out.add(new Case(s, ds.image(s.source()), ds.image(s.target()), dis));
    }
    return out;
  }

  /** Per family: {samples, lenient passes, strict passes} of the edit that {@code edit} makes. */
  static Map<String, int[]> tally(List<Case> cases, Function<Case, BufferedImage> edit) {
    Map<String, int[]> out = new TreeMap<>();
    for (Case c : cases) {
      Judge.Verdict v = c.judge(edit.apply(c));
      int[] n = out.computeIfAbsent(c.s().family(), k -> new int[3]);
      n[0]++;
      n[1] += v.lenient() ? 1 : 0;
      n[2] += v.strict() ? 1 : 0;
    }
    return out;
  }

  static BufferedImage blend(Case c, float toTarget) {
    float[] s = Images.toFloatHwc(c.src());
    float[] t = Images.toFloatHwc(c.tgt());
    for (int i = 0; i < s.length; i++) {
      s[i] = (1 - toTarget) * s[i] + toTarget * t[i];
    }
    return Images.fromFloatHwc(s, c.w(), c.w());
  }

  static BufferedImage blur(BufferedImage img, double sigma) {
    int w = img.getWidth();
    return Images.fromFloatHwc(ImageMetrics.blurRgb(Images.toFloatHwc(img), w, w, ImageMetrics.gaussianKernel(sigma, (int) Math.ceil(3 * sigma))), w, w);
  }

  static BufferedImage shift(BufferedImage img, int dx) {
    int w = img.getWidth();
    BufferedImage out = new BufferedImage(w, img.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, img.getRGB(Math.max(0, Math.min(w - 1, x - dx)), y));
      }
    }
    return out;
  }

  @Test
  void targetScoresOneAndSourceAndDistractorsZeroInEveryFamily() throws IOException {
    Set<String> families = new HashSet<>();
    for (boolean chains : new boolean[] {false, true}) {
      for (Case c : cases(chains)) {
        families.add(c.s().family());
        Judge.Verdict perfect = c.judge(c.tgt());
        assertTrue(perfect.lenient() && perfect.strict(), c.s().id() + " " + c.s().family() + " target: " + perfect);
        assertFalse(c.judge(c.src()).lenient(), c.s().id() + " " + c.s().family() + ": the source passed");
        for (int i = 0; i < c.dis().size(); i++) {
          Judge.Verdict v = c.judge(c.dis().get(i));
          assertFalse(v.lenient(), c.s().id() + " " + c.s().family() + ": distractor " + c.s().distractorTargets().get(i).reason() + " passed");
        }
      }
    }
    assertTrue(families.size() >= 24, "families judged: " + families.size());
  }

  @Test
  void aChainIsWrongWhenItDoesNothingOrStopsEarly() throws IOException {
    List<Case> chains = cases(true);
    assertTrue(chains.size() > 20, "chains: " + chains.size());
    int threeStep = 0;
    for (Case c : chains) {
      int n = c.s().steps().size();
      threeStep += n == 3 ? 1 : 0;
      // Every intermediate state is a wrong outcome, and so is the untouched source.
      for (int k = 0; k < n - 1; k++) {
        BufferedImage early = ds.image(c.s().steps().get(k).target());
        assertFalse(c.judge(early).lenient(), c.s().id() + ": stopping after step " + (k + 1) + " of " + n + " passed");
      }
      assertFalse(c.judge(blur(c.src(), 2)).lenient(), c.s().id() + ": a blurry redraw of the source passed");
    }
    assertTrue(threeStep > 5, "3-step chains: " + threeStep);
    // The chance level of a chain (one right outcome among 1 + distractors) is at most 1/4.
    for (Case c : chains) {
      assertTrue(c.dis().size() >= 3, c.s().id() + " has " + c.dis().size() + " distractors");
    }
  }

  @Test
  void aHalfChangedObjectIsNeverStrictlyRight() throws IOException {
    Map<String, int[]> half = tally(cases(false), c -> blend(c, 0.5f));
    half.forEach((f, n) -> assertEquals(0, n[2], f + ": a half-way edit passed strict " + n[2] + " of " + n[0]));
    // Three quarters of the way is, in most families, both nearest and clearly nearer.
    int[] sum = sum(tally(cases(false), c -> blend(c, 0.75f)));
    assertTrue(sum[1] >= 0.9 * sum[0], "3/4-way lenient " + sum[1] + " of " + sum[0]);
  }

  @Test
  void noiseOutsideTheRegionIsLenientButNeverStrict() throws IOException {
    Random r = new Random(3);
    Map<String, int[]> t = tally(cases(false), c -> {
      float[] s = Images.toFloatHwc(c.src());
      float[] e = Images.toFloatHwc(c.tgt());
      for (int p = 0; p < s.length / 3; p++) {
        boolean same = s[3 * p] == e[3 * p] && s[3 * p + 1] == e[3 * p + 1] && s[3 * p + 2] == e[3 * p + 2];
        for (int ch = 0; same && ch < 3; ch++) {
          e[3 * p + ch] = Math.max(0, Math.min(1, e[3 * p + ch] + (float) (r.nextGaussian() * 0.1)));
        }
      }
      return Images.fromFloatHwc(e, c.w(), c.w());
    });
    t.forEach((f, n) -> {
      assertEquals(n[0], n[1], f + ": the right change with noise elsewhere is still nearest the target");
      assertEquals(0, n[2], f + ": noise outside the change passed strict");
    });
  }

  @Test
  void aSlightlyBlurredOrShiftedTargetIsStillRight() throws IOException {
    List<Case> cases = cases(false);
    for (var e : Map.<String, Function<Case, BufferedImage>>of("blur sigma 1", c -> blur(c.tgt(), 1), "shift 1 px",
        c -> shift(c.tgt(), 1)).entrySet()) {
      Map<String, int[]> t = tally(cases, e.getValue());
      int[] sum = sum(t);
      assertTrue(sum[1] >= 0.95 * sum[0], e.getKey() + ": lenient " + sum[1] + " of " + sum[0]);
      t.forEach((f, n) -> assertTrue(n[1] >= 0.75 * n[0], e.getKey() + " in " + f + ": lenient " + n[1] + " of " + n[0]));
    }
  }

  @Test
  void aBlurryRedrawOfTheSourceIsWrongIncludingCompositionStory() throws IOException {
    List<Case> cases = cases(false);
    int[] sum = sum(tally(cases, c -> blur(c.src(), 2)));
    assertTrue(sum[1] <= 0.05 * sum[0], "blurred source lenient " + sum[1] + " of " + sum[0]);
    assertEquals(0, sum[2]);
    int story = 0;
    for (Case c : cases) {
      if (c.s().split().equals("test-composition") && c.s().category().equals("story")) {
        story++;
        assertFalse(c.judge(blur(c.src(), 2)).lenient(), c.s().id() + ": a blurry redraw passed");
        assertFalse(c.judge(blur(c.src(), 1)).lenient(), c.s().id() + ": a blurry redraw passed");
      }
    }
    assertTrue(story > 0, "no test-composition story sample in the build");
  }

  static int[] sum(Map<String, int[]> t) {
    int[] s = new int[3];
    t.values().forEach(n -> {
      for (int i = 0; i < 3; i++) {
        s[i] += n[i];
      }
    });
    return s;
  }

  @Test
  void strictFailuresAreCountedByTheConditionMissed() {
    var tooNear = new Judge.Verdict(true, false, 0.09, 0.1, 0.0, 0);          // lenient, inside the margin's 0.7
    var notKept = new Judge.Verdict(true, false, 0.01, 0.1, 0.05, 0);         // clear margin, the rest changed
    var both = new Judge.Verdict(true, false, 0.09, 0.1, 0.05, 1);
    var right = new Judge.Verdict(true, true, 0.01, 0.1, 0.0, 0);
    var wrong = new Judge.Verdict(false, false, 0.2, 0.1, 0.0, 0);
    java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("margin", 2);
    expected.put("kept", 1);
    expected.put("both", 1);
    assertEquals(expected, Report.strictFailures(java.util.Arrays.asList(tooNear, notKept, both, right, wrong, tooNear, null)));
  }

  @Test
  void aNoisyEditOfTheTargetPassesLenientButNotStrict() {
    BufferedImage src = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    BufferedImage tgt = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    BufferedImage dis = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    var g = tgt.createGraphics();
    g.setColor(java.awt.Color.RED);
    g.fillRect(8, 8, 10, 10);
    g.dispose();
    g = dis.createGraphics();
    g.setColor(java.awt.Color.GREEN);
    g.fillRect(8, 8, 10, 10);
    g.dispose();
    float[] px = Images.toFloatHwc(tgt);
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < px.length; i++) {
      px[i] += (float) (r.nextGaussian() * 0.25);
    }
    Judge.Verdict v = Judge.judge(Images.fromFloatHwc(px, 32, 32), src, tgt, List.of(dis));
    assertTrue(v.lenient(), v.toString());
    assertFalse(v.strict(), v.toString());
    assertEquals(0.0, Judge.judge(tgt, src, tgt, List.of(dis)).outsideL1(), 1e-9);
  }

  @Test
  void withRivalsTheRivalChangedOutcomeIsWrong_namedAsTheNearest_andCountedByReason() throws IOException {
    Path d = tmp.resolve("rivals");
    new DatasetBuilder(BuildSettings.builder(300, 8).size(64).candidates(2).threads(2).rivals(1.0).build(), null)
        .build(d, false, Progress.NONE);
    Dataset rivals = Dataset.load(d);
    Evaluator evaluator = new Evaluator(rivals);
    List<Evaluator.Row> rows = new ArrayList<>();
    int judged = 0;
    for (Sample s : rivals.samples()) {
      int k = -1;
      for (int i = 0; i < s.distractorTargets().size(); i++) {
        if (s.distractorTargets().get(i).reason().equals("rival-changed")) {
          k = i;
        }
      }
      if (k < 0) {
        continue;
      }
      judged++;
      BufferedImage src = rivals.image(s.source());
      BufferedImage tgt = rivals.image(s.target());
      List<BufferedImage> dis = new ArrayList<>();
      for (var x : s.distractorTargets()) {
        dis.add(rivals.image(x.path()));
      }
      assertTrue(Judge.judge(tgt, src, tgt, dis).strict(), s.id() + ": the target");
      Judge.Verdict v = Judge.judge(dis.get(k), src, tgt, dis);
      assertFalse(v.lenient(), s.id() + ": the rival changed instead passed");
      assertEquals(0.0, v.toNearestDistractor(), 1e-9);
      assertEquals(k, v.nearestDistractor(), s.id() + ": the nearest wrong outcome is the rival changed");
      rows.add(evaluator.restore(s, dis.get(k), v, 0, 0, 0, 0, 0, null, null, null));
      rows.add(evaluator.restore(s, tgt, Judge.judge(tgt, src, tgt, dis), 0, 0, 0, 0, 0, null, null, null));
    }
    assertTrue(judged >= 10, "samples with a rival: " + judged);
    assertEquals(Map.of("rival-changed", judged), Report.wrongNearest(rows));
    Report.write(tmp.resolve("rivals-report"), "rivals", rows);
    String md = Files.readString(tmp.resolve("rivals-report/report.md"));
    assertTrue(md.contains("| with a rival | " + 2 * judged + " |"), md);
    assertTrue(md.contains("| rival-changed | " + judged + " | 1.000 |"), md);
    assertTrue(Files.readString(tmp.resolve("rivals-report/report.json")).contains("\"by_rival\""));
    // Every judged sample lands in its split / family row, and the rows add up to all of them.
    var families = new java.util.TreeMap<String, Integer>();
    for (Evaluator.Row r : rows) {
      families.merge(Report.splitFamilyKey(r), 1, Integer::sum);
    }
    assertTrue(families.keySet().stream().allMatch(k -> k.contains(" / ") && !k.endsWith(" / -")), families.toString());
    for (var e : families.entrySet()) {
      assertTrue(md.contains("| " + e.getKey() + " | " + e.getValue() + " |"), e.getKey() + " row in\n" + md);
    }
    assertTrue(Files.readString(tmp.resolve("rivals-report/report.json")).contains("\"by_split_family\""));
  }
}
