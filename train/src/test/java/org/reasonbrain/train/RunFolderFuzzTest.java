package org.reasonbrain.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

/**
 * Fuzzes resuming a run folder: one of its files (config.json, checkpoint/state.json, checkpoint/log.csv,
 * accuracy.csv, checkpoint/optimizer.safetensors) replaced by fuzzed bytes. Contract: the run resumes and
 * finishes, or {@code --resume} fails with an IOException whose message names the file; never another
 * exception, a hang, or an allocation sized by the file.
 */
class RunFolderFuzzTest {
  static final String[] FILES = {"config.json", "checkpoint/state.json", "checkpoint/log.csv", "accuracy.csv",
      "checkpoint/optimizer.safetensors"};
  static Path tmp;
  static Dataset data;
  static MiniLmTextEncoder text;
  static TrainConfig cfg;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("run-fuzz");
    new DatasetBuilder(BuildSettings.builder(13, 3).size(64).candidates(2).threads(1).build(), null)
        .build(tmp.resolve("ds"), false, Progress.NONE);
    data = Dataset.load(tmp.resolve("ds"));
    text = new MiniLmTextEncoder();
    cfg = new TrainConfig(Stage.VAE, "tiny", 1, 3, 2, 1, 1e-3, 0, 0.0, 1.0, 0, 0, 0, 1);
    try (Trainer t = new Trainer(cfg, data, tmp.resolve("good"), text)) {
      t.trainUntil(1, Progress.NONE);
    }
  }

  @AfterAll
  static void tearDown() throws IOException {
    text.close();
    AtomicFiles.deleteTree(tmp);
  }

  @FuzzTest(maxDuration = "60s")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void resume(FuzzedDataProvider in) throws Exception {
    String file = FILES[in.consumeInt(0, FILES.length - 1)];
    byte[] bytes = in.consumeRemainingAsBytes();
    Path run = tmp.resolve("case");
    AtomicFiles.deleteTree(run);
    copy(tmp.resolve("good"), run);
    Files.write(run.resolve(file), bytes);
    try (Trainer t = new Trainer(cfg, data, run, text)) {
      t.train(true, Progress.NONE);
      assertTrue(Files.isRegularFile(run.resolve("checkpoint/model.safetensors")));
    } catch (IOException expected) {
      String name = Path.of(file).getFileName().toString();
      assertTrue(expected.getMessage() != null && (expected.getMessage().contains(name) || expected.getMessage().contains(run.toString())),
          "the error names the file: " + expected.getMessage());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }
}
