package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

class ControlsTest {
  @TempDir
  static Path tmp;
  static Dataset ds;
  static List<Sample> test;

  @BeforeAll
  static void data() throws Exception {
    new DatasetBuilder(BuildSettings.builder(400, 4).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("d"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("d"));
    test = ds.samples().stream().filter(s -> s.split().startsWith("test-") || s.split().equals("val")).toList();
  }

  static String key(BufferedImage img) {
    return java.util.Arrays.toString(Images.toFloatHwc(Images.toRgb(img)));
  }

  /** Knows every scene's true outcome, mirrored ones included: edits by looking the image up. */
  static Evaluator.BatchEditor imageOracle() {
    Map<String, BufferedImage> truth = new HashMap<>();
    try {
      for (Sample s : Controls.eligible(test)) {
        BufferedImage src = ds.image(s.source());
        BufferedImage tgt = ds.image(s.target());
        truth.put(key(src), tgt);
        truth.put(key(Controls.mirror(src)), Controls.mirror(tgt));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (imgs, instrs) -> imgs.stream().map(i -> truth.getOrDefault(key(i), i)).toList();
  }

  static Map<String, Controls.Result> byName(List<Controls.Result> rs) {
    Map<String, Controls.Result> out = new HashMap<>();
    rs.forEach(r -> out.put(r.control(), r));
    return out;
  }

  @Test
  void anOracleScoresOneWhereTheTruthIsDefinedAndDoingNothingScoresZero() throws IOException {
    var r = byName(Controls.run(ds, test, imageOracle(), 8, Progress.NONE));
    for (String c : List.of("real", "neutral", "other-family", "mirrored")) {
      assertTrue(r.get(c).n() > 0, c);
      assertEquals(1.0, r.get(c).lenient(), 1e-9, c);
    }
    assertTrue(r.get("mirrored").n() >= 5, "mirror families present: " + r.get("mirrored").n());
    // Mirrored scenes have their outcome on the other side: the unmirrored truth is missed.
    assertTrue(r.get("mirrored-vs-unmirrored-truth").lenient() < 0.5, "" + r.get("mirrored-vs-unmirrored-truth"));
    var none = byName(Controls.run(ds, test, (imgs, instrs) -> imgs, 8, Progress.NONE));
    for (String c : List.of("real", "neutral", "other-family", "mirrored")) {
      // The unchanged source is one of the distractors.
      assertEquals(0.0, none.get(c).lenient(), 1e-9, c);
      assertTrue(none.get(c).chance() > 0.2 && none.get(c).chance() < 0.6, "chance " + none.get(c).chance());
    }
    // A mirrored source judged in the unmirrored frame is just another image: about chance, not 0.
    assertTrue(none.get("mirrored-vs-unmirrored-truth").lenient() < 0.5);
    // Judged against the unchanged scene, doing nothing is right and the real target (the oracle's answer) is wrong.
    assertEquals(1.0, none.get(Controls.NEUTRAL_UNCHANGED).strict(), 1e-9);
    assertEquals(0.0, r.get(Controls.NEUTRAL_UNCHANGED).lenient(), 1e-9);
    assertTrue(none.get(Controls.OTHER_UNCHANGED).n() > 0, "other-family instructions about absent objects exist");
    assertEquals(1.0, none.get(Controls.OTHER_UNCHANGED).lenient(), 1e-9);
  }

  @Test
  void anEditorThatOnlyReadsTheInstructionFailsTheInstructionControls() throws IOException {
    // Knows the outcome of each real instruction, whatever the image: drops to 0 without it.
    Map<String, BufferedImage> byInstruction = new HashMap<>();
    for (Sample s : Controls.eligible(test)) {
      byInstruction.put(s.instruction(), ds.image(s.target()));
    }
    Evaluator.BatchEditor textOnly = (imgs, instrs) -> {
      List<BufferedImage> out = new ArrayList<>();
      for (int i = 0; i < imgs.size(); i++) {
        out.add(byInstruction.getOrDefault(instrs.get(i), imgs.get(i)));
      }
      return out;
    };
    var r = byName(Controls.run(ds, test, textOnly, 8, Progress.NONE));
    // Right wherever the instruction names one outcome; two samples that share an instruction share one answer.
    Map<String, Integer> uses = new HashMap<>();
    Controls.eligible(test).forEach(s -> uses.merge(s.instruction(), 1, Integer::sum));
    double unique = Controls.eligible(test).stream().filter(s -> uses.get(s.instruction()) == 1).count()
        / (double) Controls.eligible(test).size();
    assertTrue(unique > 0.95, "instructions almost all distinct: " + unique);
    assertTrue(r.get("real").lenient() >= unique - 1e-9, r.get("real") + " vs " + unique);
    assertEquals(0.0, r.get("neutral").lenient(), 1e-9);
    // It returns another scene's outcome there: a foreign image, judged about at chance.
    assertTrue(r.get("other-family").lenient() < 0.5, "" + r.get("other-family"));
    // It ignores the image, so the mirrored scene's outcome is missed.
    assertTrue(r.get("mirrored").lenient() < 0.5, "" + r.get("mirrored"));
  }

  @Test
  void controlSamplesAreDeterministicAndWritten() throws IOException {
    var a = Controls.cases(test);
    var b = Controls.cases(test);
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) {
      assertEquals(a.get(k).stream().map(c -> c.sample().id() + "|" + c.instruction()).toList(),
          b.get(k).stream().map(c -> c.sample().id() + "|" + c.instruction()).toList(), k);
    }
    // other-family always takes another family's instruction.
    for (var c : a.get("other-family")) {
      assertTrue(!c.instruction().equals(c.sample().instruction()));
    }
    double[] ci = Controls.wilson(8, 10);
    assertTrue(ci[0] < 0.8 && ci[1] > 0.8 && ci[0] > 0.4 && ci[1] <= 1.0);
    Controls.write(tmp.resolve("out"), "oracle", Controls.run(ds, test.subList(0, 20), imageOracle(), 8, Progress.NONE));
    assertTrue(Files.readString(tmp.resolve("out/controls.md")).contains("| real |"));
    assertTrue(Files.size(tmp.resolve("out/controls.png")) > 1000);
  }
}
