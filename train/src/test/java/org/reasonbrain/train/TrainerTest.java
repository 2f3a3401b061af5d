package org.reasonbrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

class TrainerTest {
  @TempDir
  static Path tmp;
  static Dataset eight;
  static MiniLmTextEncoder text;

  @BeforeAll
  static void data() throws Exception {
    // 13 samples make 8 train samples (the rest go to the other splits).
    new DatasetBuilder(new BuildSettings(13, 3, 64, 2, 1), null).build(tmp.resolve("ds"), false, Progress.NONE);
    eight = Dataset.load(tmp.resolve("ds"));
    text = new MiniLmTextEncoder();
  }

  @AfterAll
  static void close() {
    text.close();
  }

  private static TrainConfig cfg(Stage stage, int steps, int batch, double lr) {
    return new TrainConfig(stage, "tiny", 5, steps, batch, 1, lr, 0, 0.0, 1.0, 0.0, 0.0, 0.0, Math.max(1, steps / 2));
  }

  private static double mean(List<double[]> rows, int from, int to, int col) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += rows.get(i)[col];
    }
    return s / (to - from);
  }

  private static List<double[]> csv(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("log.csv"));
    return lines.subList(1, lines.size()).stream().map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
  }

  @Test
  void tinyOverfitLowersBothLosses() throws Exception {
    assertEquals(8, eight.split("train").size());
    Path run = tmp.resolve("overfit");
    try (Trainer t = new Trainer(cfg(Stage.REASONBRAIN, 60, 8, 1e-3), eight, run, text)) {
      t.train(false, Progress.NONE);
    }
    List<double[]> rows = csv(run);
    double dmStart = mean(rows, 0, 10, 2);
    double dmEnd = mean(rows, 50, 60, 2);
    double mllmStart = mean(rows, 0, 10, 3);
    double mllmEnd = mean(rows, 50, 60, 3);
    assertTrue(dmEnd < 0.7 * dmStart, "L_DM " + dmStart + " -> " + dmEnd);
    assertTrue(mllmEnd < 0.5 * mllmStart, "L_MLLM " + mllmStart + " -> " + mllmEnd);
    assertTrue(Files.size(run.resolve("loss.png")) > 1000);
  }

  @Test
  void resumeEqualsAnUninterruptedRun() throws Exception {
    Path whole = tmp.resolve("whole");
    try (Trainer t = new Trainer(cfg(Stage.REASONBRAIN, 4, 2, 1e-3), eight, whole, text)) {
      t.train(false, Progress.NONE);
    }
    Path split = tmp.resolve("split");
    try (Trainer t = new Trainer(cfg(Stage.REASONBRAIN, 2, 2, 1e-3).withSteps(4), eight, split, text)) {
      t.trainUntil(2, Progress.NONE);
    }
    try (Trainer t = new Trainer(cfg(Stage.REASONBRAIN, 4, 2, 1e-3), eight, split, text)) {
      t.train(true, Progress.NONE);
    }
    var a = Safetensors.read(whole.resolve("checkpoint/model.safetensors")).tensors();
    var b = Safetensors.read(split.resolve("checkpoint/model.safetensors")).tensors();
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k).toFloats(), b.get(k).toFloats(), k);
    }
    assertEquals(csv(whole).size(), csv(split).size());
    // A second fresh run into a folder with a checkpoint is refused.
    try (Trainer t = new Trainer(cfg(Stage.REASONBRAIN, 4, 2, 1e-3), eight, split, text)) {
      assertThrows(IOException.class, () -> t.train(false, Progress.NONE));
    }
  }

  @Test
  void pretrainingStagesRun() throws Exception {
    for (Stage s : List.of(Stage.VAE, Stage.CLIP, Stage.LM)) {
      Path run = tmp.resolve(s.label());
      try (Trainer t = new Trainer(cfg(s, 6, 4, 1e-3), eight, run, text)) {
        t.train(false, Progress.NONE);
      }
      List<double[]> rows = csv(run);
      assertEquals(6, rows.size(), s.label());
      assertTrue(rows.stream().allMatch(r -> Double.isFinite(r[1])), s.label());
    }
    Path next = tmp.resolve("after-lm");
    try (Trainer t = new Trainer(cfg(Stage.REASONBRAIN, 1, 2, 1e-3), eight, next, text)) {
      assertTrue(t.initFrom(tmp.resolve("lm")) > 100);
    }
  }
}
