package org.reasonbrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.eval.Evaluator;

class OracleEditorTest {
  /**
   * With the identity as its "autoencoder", the oracle returns every step's own true target, so the judge passes
   * every sample: also two samples that share an instruction (the oracle once looked targets up by instruction
   * alone and answered both with one of them) and every step of a chain.
   */
  @Test
  void answersEachSampleAndStepWithItsOwnTarget(@TempDir Path tmp) throws Exception {
    new DatasetBuilder(BuildSettings.builder(120, 2).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("d"), false, Progress.NONE);
    Dataset ds = Dataset.load(tmp.resolve("d"));
    List<Sample> test = new ArrayList<>(ds.samples().stream().filter(s -> s.split().startsWith("test-")).toList());
    assertTrue(test.stream().anyMatch(s -> s.steps().size() >= 2), "the build has chains");
    List<Sample> single = test.stream().filter(s -> s.steps().isEmpty() && !s.distractorTargets().isEmpty()).toList();
    Sample a = single.get(0);
    Sample b = single.stream().filter(s -> !s.source().equals(a.source()) && !s.target().equals(a.target())).findFirst().orElseThrow();
    // b asked with a's words: a different scene and outcome under the same instruction.
    test.add(new Sample(b.id() + "-same-words", b.split(), b.category(), b.family(), b.source(), b.target(), a.instruction(),
        b.initialInstruction(), b.objects(), b.masks(), b.editMask(), b.distractorTargets(), b.steps()));
    OracleEditor oracle = new OracleEditor(ds, test, (target, input) -> target);
    List<Evaluator.Row> rows = new Evaluator(ds).run(test, oracle, 5, Progress.NONE);
    Map<String, Double> total = Evaluator.summarize(rows, r -> r.sample().category()).get("total");
    assertEquals(1.0, total.get("accuracy_lenient"), 1e-9);
    assertEquals(1.0, total.get("accuracy_strict"), 1e-9);
    assertEquals(0.0, total.get("l1"), 1e-9);

    var fresh = new OracleEditor(ds, test, (target, input) -> target);
    var img = ds.image(a.source());
    var e = assertThrows(IllegalArgumentException.class, () -> fresh.apply(List.of(img), List.of("Show the scene.")));
    assertTrue(e.getMessage().contains("'Show the scene.'"), e.getMessage());
  }
}
