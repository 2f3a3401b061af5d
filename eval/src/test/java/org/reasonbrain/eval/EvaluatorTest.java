package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

class EvaluatorTest {
  /** An oracle that returns the true target, and one that changes nothing: accuracy 1 and 0, reports written. */
  @Test
  void oracleAndIdentityEditorsAndTheReportFiles(@TempDir Path tmp) throws Exception {
    new DatasetBuilder(BuildSettings.builder(200, 2).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("d"), false, Progress.NONE);
    Dataset ds = Dataset.load(tmp.resolve("d"));
    List<Sample> test = ds.samples().stream().filter(s -> !s.split().equals("train")).toList();
    Map<String, Sample> byInstruction = new java.util.HashMap<>();
    test.forEach(s -> byInstruction.put(s.instruction(), s));
    Evaluator ev = new Evaluator(ds);
    // The oracle answers every step with that step's true target.
    Evaluator.Editor oracle = (img, instr) -> {
      for (Sample s : test) {
        for (int k = 0; k < Math.max(1, s.steps().size()); k++) {
          String i = s.steps().isEmpty() ? s.instruction() : s.steps().get(k).instruction();
          String t = s.steps().isEmpty() ? s.target() : s.steps().get(k).target();
          if (i.equals(instr)) {
            try {
              return ds.image(t);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }
      }
      throw new IllegalStateException("unknown instruction " + instr);
    };
    List<Evaluator.Row> good = ev.withClip(ScoresTest.FAKE_ANY).run(test, oracle, Progress.NONE);
    Map<String, Double> total = Evaluator.summarize(good, r -> r.sample().category()).get("total");
    assertEquals(1.0, total.get("accuracy_lenient"), 1e-9);
    assertEquals(1.0, total.get("accuracy_strict"), 1e-9);
    assertEquals(0.0, total.get("l1"), 1e-9);
    assertTrue(Double.isFinite(total.get("clip_score")) && Double.isNaN(total.get("mllm_score")));
    // The do-nothing editor: wrong everywhere except on requests whose truth is the unchanged scene.
    List<Evaluator.Row> lazy = ev.run(test.stream().filter(s -> !Sample.NULL.equals(s.member()) && !Sample.ABSENT.equals(s.member()))
        .toList(), (img, instr) -> img, Progress.NONE);
    Map<String, Double> none = Evaluator.summarize(lazy, r -> r.sample().category()).get("total");
    assertEquals(0.0, none.get("accuracy_lenient"), 1e-9);
    assertEquals(1.0, none.get("id_ssim"), 1e-6);
    Report.write(tmp.resolve("report"), "oracle", good);
    for (String f : List.of("report.json", "report.md", "accuracy.png", "gallery.html")) {
      assertTrue(Files.size(tmp.resolve("report").resolve(f)) > 100, f);
    }
    assertTrue(Files.readString(tmp.resolve("report/report.md")).contains("| accuracy_lenient |"));
    // The tables: the oracle row reads 1.000 everywhere it has samples, the do-nothing editor 0.000.
    Report.write(tmp.resolve("lazy"), "lazy", lazy, Map.of("preset", "ip2p"));
    Tables.write(tmp.resolve("tables"), "test", List.of(
        new Tables.Entry("oracle", Tables.read(tmp.resolve("report")), true, List.of(new Tables.Switch("all", true))),
        new Tables.Entry("nothing", Tables.read(tmp.resolve("lazy")), true, null)));
    String tables = Files.readString(tmp.resolve("tables/tables.md"));
    assertTrue(tables.contains("| oracle |") && tables.contains("| nothing |"), tables);
    String a5 = tables.substring(tables.indexOf("## Table A5"));
    assertTrue(a5.contains("| oracle | 1.000 | 1.000 |"), a5);
    assertTrue(a5.contains("| nothing | 0.000 | 0.000 |"), a5);
    assertTrue(tables.substring(tables.indexOf("## Table 4")).contains("| oracle | ✓ | 1.000 | 1.000 |"), tables);
    assertTrue(Files.size(tmp.resolve("tables/tables.png")) > 1000);
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Tables.read(tmp))
        .getMessage().contains("no report.json"));

    // Batched: the same oracle called a batch at a time gives the same verdicts, multi-step samples advance
    // step by step inside a batch, and the DINO-style hook scores an exact target as 1.
    int[] calls = new int[2];
    Evaluator.BatchEditor batched = (imgs, instrs) -> {
      calls[0]++;
      calls[1] = Math.max(calls[1], imgs.size());
      List<java.awt.image.BufferedImage> out = new java.util.ArrayList<>();
      for (int i = 0; i < imgs.size(); i++) {
        out.add(oracle.apply(imgs.get(i), instrs.get(i)));
      }
      return out;
    };
    Evaluator.ImageEmbedder mean = img -> {
      float[] f = org.reasonbrain.core.image.Images.toFloatHwc(img);
      float[] v = new float[3];
      for (int p = 0; p < f.length; p++) {
        v[p % 3] += f[p];
      }
      return v;
    };
    List<Evaluator.Row> inBatches = new Evaluator(ds).withDino(mean).run(test, batched, 7, Progress.NONE);
    assertEquals(good.size(), inBatches.size());
    for (int i = 0; i < good.size(); i++) {
      assertEquals(good.get(i).sample().id(), inBatches.get(i).sample().id());
      assertEquals(good.get(i).verdict().lenient(), inBatches.get(i).verdict().lenient());
      assertEquals(1.0, inBatches.get(i).dino(), 1e-6);
    }
    int maxSteps = test.stream().mapToInt(s -> Math.max(1, s.steps().size())).max().orElse(1);
    assertTrue(maxSteps > 1, "the test set has multi-step samples");
    assertTrue(calls[1] <= 7 && calls[0] >= (test.size() + 6) / 7, "batches of at most 7: " + calls[0] + " calls");
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Evaluator(ds).run(test, batched, 0, Progress.NONE)).getMessage().contains("batch"));
  }
}
