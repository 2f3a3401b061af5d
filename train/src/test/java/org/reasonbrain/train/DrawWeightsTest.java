package org.reasonbrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.Rng;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/** Family oversampling ({@code train --oversample}): weighted draws, their spec and their errors. */
class DrawWeightsTest {
  @TempDir
  static Path tmp;
  static TrainingData data;

  @BeforeAll
  static void build() throws Exception {
    new DatasetBuilder(BuildSettings.builder(40, 3).size(64).candidates(2).threads(1).build(), null)
        .build(tmp.resolve("ds"), false, Progress.NONE);
    data = new TrainingData(Dataset.load(tmp.resolve("ds")), "train", null, 64, 8, 4);
  }

  @Test
  void withoutWeightsTheDrawsAreTheUniformOnes() {
    var a = TrainingData.draw(new Rng(3), 50, 16, 0.1, 0.1, 0.1);
    var b = TrainingData.draw(new Rng(3), 50, null, 16, 0.1, 0.1, 0.1);
    assertArrayEquals(a.index(), b.index());
    assertArrayEquals(a.keepText(), b.keepText());
    assertArrayEquals(a.keepImage(), b.keepImage());
  }

  @Test
  void eachIndexIsDrawnInProportionToItsWeight() {
    double[] cumulative = {1, 4, 5, 6};                  // weights 1, 3, 1, 1
    int[] count = new int[4];
    Rng rng = new Rng(11);
    int n = 60_000;
    for (int i = 0; i < n / 100; i++) {
      for (int k : TrainingData.draw(rng, 4, cumulative, 100, 0, 0, 0).index()) {
        count[k]++;
      }
    }
    assertEquals(0.5, count[1] / (double) n, 0.012, "weight 3 of 6");
    for (int k : new int[] {0, 2, 3}) {
      assertEquals(1 / 6.0, count[k] / (double) n, 0.012, "weight 1 of 6, index " + k);
    }
    assertThrows(IllegalArgumentException.class, () -> TrainingData.draw(new Rng(1), 5, cumulative, 4, 0, 0, 0));
  }

  @Test
  void aFamilysSamplesWeighItsFactor() {
    List<Sample> s = data.samples();
    String family = s.get(0).family();
    long inFamily = s.stream().filter(x -> family.equals(x.family())).count();
    double[] c = data.cumulativeWeights(Map.of(family, 4.0));
    assertEquals(s.size(), c.length);
    assertEquals(s.size() + 3 * inFamily, c[c.length - 1], 1e-9);
    assertEquals(4.0, c[0], 0);
    assertNull(data.cumulativeWeights(Map.of()), "no factors: uniform draws");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> data.cumulativeWeights(Map.of("no-such-family", 2.0)));
    assertTrue(e.getMessage().contains("no-such-family") && e.getMessage().contains(family), e.getMessage());
  }

  @Test
  void theSpecParsesAndBadSpecsNameTheirProblem() {
    assertEquals(Map.of("tap", 3.0, "ripen", 2.5), TrainConfig.parseOversample(" tap=3, ripen = 2.5"));
    assertTrue(TrainConfig.parseOversample("").isEmpty());
    assertTrue(TrainConfig.parseOversample(null).isEmpty());
    for (String bad : List.of("tap", "tap=", "=3", "tap=x", "tap=-1", "tap=0", "tap=Infinity", "tap=3,tap=2")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.parseOversample(bad), bad);
      assertTrue(e.getMessage().startsWith("--oversample"), e.getMessage());
    }
    TrainConfig rb = TrainConfig.defaults(Stage.REASONBRAIN, "tiny", 10);
    assertEquals(Map.of("tap", 3.0), rb.withOversample(Map.of("tap", 3.0)).oversample());
    assertEquals(Map.of("tap", 3.0), rb.withOversample(Map.of("tap", 3.0)).withSteps(20).oversample(), "kept by with*");
    assertThrows(IllegalArgumentException.class, () -> rb.withOversample(Map.of("tap", -1.0)));
    assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.defaults(Stage.VAE, "tiny", 10).withOversample(Map.of("tap", 3.0)));
  }
}
