package org.reasonbrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    new DatasetBuilder(BuildSettings.builder(13, 3).size(64).candidates(2).threads(1).build(), null)
        .build(tmp.resolve("ds"), false, Progress.NONE);
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

  /** The number of tensors that changed between two checkpoints, asserting that every one outside {@code prefix} did not. */
  private static int changedOnlyUnder(Map<String, Safetensors.Tensor> first, Map<String, Safetensors.Tensor> last, String prefix) {
    int changed = 0;
    for (String k : first.keySet()) {
      boolean same = java.util.Arrays.equals(first.get(k).toFloats(), last.get(k).toFloats());
      if (!k.startsWith(prefix)) {
        assertTrue(same, k + " must stay frozen");
      } else if (!same) {
        changed++;
      }
    }
    return changed;
  }

  @Test
  void decoderStageTrainsTheDecoderAlone() throws Exception {
    Path run = tmp.resolve("decoder");
    TrainConfig c = cfg(Stage.DECODER, 3, 2, 1e-3);
    try (Trainer t = new Trainer(c, eight, run, text)) {
      t.trainUntil(1, Progress.NONE);
    }
    var first = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    try (Trainer t = new Trainer(c, eight, run, text)) {
      t.train(true, Progress.NONE);
    }
    var last = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    int changed = changedOnlyUnder(first, last, "vae.decoder.");
    assertTrue(changed > 10, changed + " decoder tensors changed");
    assertTrue(csv(run).stream().allMatch(r -> Double.isFinite(r[1]) && r[1] > 0));
    // Its draws follow --oversample as the reasonbrain stage's do: one family drawn 1000x gives another first batch.
    String family = eight.split("train").get(0).family();
    Path uniform = tmp.resolve("decoder-uniform");
    Path heavy = tmp.resolve("decoder-oversampled");
    try (Trainer t = new Trainer(cfg(Stage.DECODER, 1, 4, 1e-3), eight, uniform, text)) {
      t.train(false, Progress.NONE);
    }
    try (Trainer t = new Trainer(cfg(Stage.DECODER, 1, 4, 1e-3).withOversample(Map.of(family, 1000.0)), eight, heavy, text)) {
      t.train(false, Progress.NONE);
    }
    assertTrue(csv(uniform).get(0)[1] != csv(heavy).get(0)[1], "the decoder stage's draws changed");
  }

  /** An own-edits file for {@code ids} of the test build: seeded random latents, the first cell of each an edit cell. */
  private static Path ownEditsFile(String name, List<String> ids, int side) throws IOException {
    int n = ids.size();
    float[] lat = new float[n * 4 * side * side];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < lat.length; i++) {
      lat[i] = (float) r.nextGaussian();
    }
    float[] cells = new float[n * side * side];
    for (int i = 0; i < n; i++) {
      cells[i * side * side] = 1;
    }
    Path f = tmp.resolve(name);
    Safetensors.write(f, new java.util.LinkedHashMap<>(Map.of("latents", Safetensors.Tensor.ofFloats(lat, n, 4, side, side),
        "edit_cells", Safetensors.Tensor.ofFloats(cells, n, 1, side, side))),
        Map.of("ids", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ids)));
    return f;
  }

  @Test
  void decoderStageOnTheModelsOwnEditsTrainsTheWholeDecoderAndResumesOnlyWithThem() throws Exception {
    List<String> ids = eight.split("train").stream().map(org.reasonbrain.data.format.Sample::id).limit(3).toList();
    TrainConfig c = cfg(Stage.DECODER, 3, 2, 1e-3).withDecoderSource(true);
    int side = 64 / 4;
    Path own = ownEditsFile("own.safetensors", ids, side);
    Path plainRun = tmp.resolve("own-plain");
    try (Trainer t = new Trainer(c, eight, plainRun, text)) {
      t.trainUntil(1, Progress.NONE);
    }
    Path run = tmp.resolve("own");
    try (Trainer t = new Trainer(c, eight, run, text)) {
      t.ownEdits(own).trainUntil(1, Progress.NONE);
    }
    var cfgJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile());
    assertEquals(own.toAbsolutePath().toString(), cfgJson.path("ownEdits").asText(), "the run records its own edits");
    assertEquals(3, cfgJson.path("ownEditsSamples").asInt());
    // The same first step's pairs plus the own edits' rows: another loss; and the plain decoder trains too.
    double plainLoss = csv(plainRun).get(0)[1];
    double ownLoss = csv(run).get(0)[1];
    assertTrue(Double.isFinite(ownLoss) && ownLoss > plainLoss, plainLoss + " vs " + ownLoss);
    var first = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    try (Trainer t = new Trainer(c, eight, run, text)) {
      var e = assertThrows(IOException.class, () -> t.train(true, Progress.NONE));
      assertTrue(e.getMessage().contains("--own-edits"), e.getMessage());
    }
    try (Trainer t = new Trainer(c, eight, run, text)) {
      t.ownEdits(own).train(true, Progress.NONE);
    }
    var last = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    int changed = changedOnlyUnder(first, last, "vae.decoder.");
    long branch = first.keySet().stream().filter(k -> k.startsWith("vae.decoder.source.")
        && !java.util.Arrays.equals(first.get(k).toFloats(), last.get(k).toFloats())).count();
    assertTrue(changed > branch && branch > 0, changed + " decoder tensors changed, " + branch + " of them the branch's");
  }

  @Test
  void ownEditsThatDoNotFitTheRunAreRefusedNamingTheProblem() throws Exception {
    List<String> ids = eight.split("train").stream().map(org.reasonbrain.data.format.Sample::id).limit(2).toList();
    TrainConfig c = cfg(Stage.DECODER, 3, 2, 1e-3).withDecoderSource(true);
    try (Trainer t = new Trainer(c, eight, tmp.resolve("own-bad"), text)) {
      var e = assertThrows(IOException.class, () -> t.ownEdits(ownEditsFile("own-other.safetensors", List.of(ids.get(0), "nope"), 16)));
      assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
      e = assertThrows(IOException.class, () -> t.ownEdits(ownEditsFile("own-size.safetensors", ids, 8)));
      assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
      e = assertThrows(IOException.class, () -> t.ownEdits(tmp.resolve("missing.safetensors")));
    }
    try (Trainer t = new Trainer(cfg(Stage.DECODER, 3, 2, 1e-3), eight, tmp.resolve("own-nobranch"), text)) {
      var e = assertThrows(IllegalArgumentException.class, () -> t.ownEdits(ownEditsFile("own-ok.safetensors", ids, 16)));
      assertTrue(e.getMessage().contains("--decoder-source"), e.getMessage());
    }
  }

  @Test
  void decoderStageWithASourceBranchTrainsTheBranchAloneAndResumesOnlyWithIt() throws Exception {
    Path run = tmp.resolve("decoder-source");
    TrainConfig plain = cfg(Stage.DECODER, 3, 2, 1e-3).withDecoderSource(true);
    // With --region-weight: the changed pixels weigh more (the weighted form of the pair loss).
    TrainConfig c = plain.withOptions(plain.cache(), 9, plain.emaDecay(), plain.evalEvery());
    try (Trainer t = new Trainer(c, eight, run, text)) {
      assertTrue(t.model().vae().hasSourceBranch());
      t.trainUntil(1, Progress.NONE);
    }
    assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile())
        .path("decoderSource").asBoolean(), "the run records its branch");
    var first = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    try (Trainer t = new Trainer(c.withDecoderSource(false), eight, run, text)) {
      var e = assertThrows(IOException.class, () -> t.train(true, Progress.NONE));
      assertTrue(e.getMessage().contains("--decoder-source"), e.getMessage());
    }
    try (Trainer t = new Trainer(c, eight, run, text)) {
      t.train(true, Progress.NONE);
    }
    var last = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    int changed = changedOnlyUnder(first, last, "vae.decoder.source.");
    assertTrue(changed >= 8, changed + " branch tensors changed");
    assertTrue(csv(run).stream().allMatch(r -> Double.isFinite(r[1]) && r[1] > 0));
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.AUTOENCODER, 3, 2, 1e-3).withDecoderSource(true));

    // --latent-mix: the same first step decodes other latents (so another loss), still trains the branch alone, is
    // recorded, and a run resumes only with its own mix.
    Path mixed = tmp.resolve("decoder-source-mix");
    try (Trainer t = new Trainer(c.withLatentMix(1), eight, mixed, text)) {
      t.trainUntil(1, Progress.NONE);
    }
    assertEquals(1.0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(mixed.resolve("config.json").toFile())
        .path("latentMix").asDouble(), "the run records its mix");
    double plainLoss = csv(run).get(0)[1];
    double mixedLoss = csv(mixed).get(0)[1];
    assertTrue(Double.isFinite(mixedLoss) && mixedLoss != plainLoss, plainLoss + " vs " + mixedLoss);
    changedOnlyUnder(first, Safetensors.read(mixed.resolve("checkpoint/model.safetensors")).tensors(), "vae.decoder.source.");
    try (Trainer t = new Trainer(c.withLatentMix(0.5), eight, mixed, text)) {
      var e = assertThrows(IOException.class, () -> t.train(true, Progress.NONE));
      assertTrue(e.getMessage().contains("--latent-mix 1.0"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> c.withLatentMix(1.5));
    assertThrows(IllegalArgumentException.class, () -> c.withLatentMix(-0.1));
    assertThrows(IllegalArgumentException.class, () -> c.withDecoderSource(false).withLatentMix(0.5), "no branch to mix for");
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.REASONBRAIN, 3, 2, 1e-3).withLatentMix(0.5));

    // --balance-kept: another weighting of the same first step (so another loss), the branch alone trained, recorded,
    // resumed only with it, refused where there is no pair to balance.
    Path balanced = tmp.resolve("decoder-source-balanced");
    try (Trainer t = new Trainer(c.withBalanceKept(true), eight, balanced, text)) {
      t.trainUntil(1, Progress.NONE);
    }
    assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(balanced.resolve("config.json").toFile())
        .path("balanceKept").asBoolean(), "the run records its balance");
    double balancedLoss = csv(balanced).get(0)[1];
    assertTrue(Double.isFinite(balancedLoss) && balancedLoss != plainLoss, plainLoss + " vs " + balancedLoss);
    changedOnlyUnder(first, Safetensors.read(balanced.resolve("checkpoint/model.safetensors")).tensors(), "vae.decoder.source.");
    try (Trainer t = new Trainer(c, eight, balanced, text)) {
      var e = assertThrows(IOException.class, () -> t.train(true, Progress.NONE));
      assertTrue(e.getMessage().contains("--balance-kept"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> c.withDecoderSource(false).withBalanceKept(true), "no pair to balance");
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.REASONBRAIN, 3, 2, 1e-3).withBalanceKept(true));
  }

  @Test
  void balancedKeptLossWeighsChangedAndKeptPixelsHalfEach() {
    try (NDManager m = NDManager.newBaseManager()) {
      // One pair of 2 x 2 images (rows: source, target); the edit changes the top left pixel only.
      var shape = new ai.djl.ndarray.types.Shape(1, 3, 2, 2);
      NDArray source = m.zeros(shape);
      NDArray target = m.create(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, shape);
      NDArray x = source.concat(target, 0);
      NDArray edit = org.reasonbrain.model.diffusion.Autoencoder.changedPixels(target, source);
      assertEquals(0f, Trainer.balancedKeptLoss(x, x, edit).getFloat(), 1e-6, "a perfect reconstruction costs nothing");
      // An error of 0.5 on the one changed pixel of the target costs as much as the same error on all three kept
      // pixels (each side's mean), whatever their shares; the gradient term sees an edge in the first case only.
      NDArray onChanged = x.add(m.create(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5f, 0, 0, 0, 0.5f, 0, 0, 0, 0.5f, 0, 0, 0},
          new ai.djl.ndarray.types.Shape(2, 3, 2, 2)));
      NDArray onKept = x.add(m.create(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0, 0.5f, 0.5f, 0.5f, 0, 0.5f, 0.5f, 0.5f},
          new ai.djl.ndarray.types.Shape(2, 3, 2, 2)));
      double perPixel = 0.5 + 0.25;                                           // L1 + MSE of an error of 0.5
      double expected = 0.5 * perPixel / 2;                                   // half, on one of the two rows
      assertEquals(expected, Trainer.balancedKeptLoss(onChanged, x, edit).sub(Trainer.gradientL1(onChanged, x)).getFloat(), 1e-5);
      assertEquals(expected, Trainer.balancedKeptLoss(onKept, x, edit).sub(Trainer.gradientL1(onKept, x)).getFloat(), 1e-5);
      // With no pixel changed, an image's loss is half its kept mean.
      NDArray none = org.reasonbrain.model.diffusion.Autoencoder.changedPixels(source, source);
      NDArray same = source.concat(source, 0);
      NDArray off = same.add(0.5f);
      assertEquals(0.5 * perPixel, Trainer.balancedKeptLoss(off, same, none).getFloat(), 1e-5);
    }
  }

  @Test
  void autoencoderStageFineTunesTheAutoencoderAnchoredToItsStart() throws Exception {
    Path start = tmp.resolve("ae-start");
    try (Trainer t = new Trainer(cfg(Stage.VAE, 1, 2, 1e-3), eight, start, text)) {
      t.train(false, Progress.NONE);
    }
    var init = Safetensors.read(start.resolve("checkpoint/model.safetensors")).tensors();
    Path bare = tmp.resolve("ae-bare");
    try (Trainer t = new Trainer(cfg(Stage.AUTOENCODER, 3, 2, 1e-3).withAnchor(1), eight, bare, text)) {
      assertThrows(IllegalArgumentException.class, () -> t.train(false, Progress.NONE), "no --init");
    }
    assertTrue(!Files.exists(bare), "a refused run leaves no folder");

    double[] gap = new double[2];
    for (int i = 0; i < 2; i++) {
      double w = i == 0 ? 0 : 100;
      Path run = tmp.resolve("ae-" + i);
      TrainConfig c = cfg(Stage.AUTOENCODER, 3, 2, 1e-3).withAnchor(w);
      try (Trainer t = new Trainer(c, eight, run, text)) {
        t.initFrom(start);
        t.trainUntil(1, Progress.NONE);
      }
      try (Trainer t = new Trainer(c, eight, run, text)) {
        t.train(true, Progress.NONE);
      }
      // The anchor is the starting encoder, kept through --resume.
      var anchor = Safetensors.read(run.resolve("anchor.safetensors")).tensors();
      for (var e : anchor.entrySet()) {
        assertArrayEquals(init.get("vae." + e.getKey()).toFloats(), e.getValue().toFloats(), 0f, e.getKey());
      }
      var last = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
      int encoderChanged = 0;
      for (String k : init.keySet()) {
        boolean same = java.util.Arrays.equals(init.get(k).toFloats(), last.get(k).toFloats());
        if (!k.startsWith("vae.")) {
          assertTrue(same, k + " must stay frozen");
        } else if (!same && k.startsWith("vae.encoder.")) {
          encoderChanged++;
        }
      }
      assertTrue(encoderChanged > 10, encoderChanged + " encoder tensors changed");
      List<double[]> rows = csv(run);
      assertEquals(3, rows.size());
      // loss - reconstruction = KL x 1e-6 + anchor x MSE(latents, starting latents): the latter is 0 at the first
      // step (the encoder has not moved yet), and grows with the weight after it.
      assertTrue(rows.get(0)[1] - rows.get(0)[2] < 1e-4, "step 1: " + java.util.Arrays.toString(rows.get(0)));
      gap[i] = rows.get(2)[1] - rows.get(2)[2];
    }
    assertTrue(gap[0] < 1e-4 && gap[1] > 1e-3, "anchor term without / with weight: " + java.util.Arrays.toString(gap));

    // A region weight makes the pixels the edit changes weigh more: the same first batch, another reconstruction loss.
    Path weighted = tmp.resolve("ae-weighted");
    TrainConfig plain = cfg(Stage.AUTOENCODER, 1, 2, 1e-3).withAnchor(0);
    try (Trainer t = new Trainer(plain.withOptions(plain.cache(), 9, plain.emaDecay(), plain.evalEvery()), eight, weighted, text)) {
      t.initFrom(start);
      t.train(false, Progress.NONE);
    }
    Path unweighted = tmp.resolve("ae-unweighted");
    try (Trainer t = new Trainer(plain, eight, unweighted, text)) {
      t.initFrom(start);
      t.train(false, Progress.NONE);
    }
    double rw = csv(weighted).get(0)[2];
    double ru = csv(unweighted).get(0)[2];
    assertTrue(Double.isFinite(rw) && Math.abs(rw - ru) > 1e-6, "weighted " + rw + " vs plain " + ru);

    Path lost = tmp.resolve("ae-1");
    Files.delete(lost.resolve("anchor.safetensors"));
    try (Trainer t = new Trainer(cfg(Stage.AUTOENCODER, 4, 2, 1e-3).withAnchor(100), eight, lost, text)) {
      assertThrows(IOException.class, () -> t.train(true, Progress.NONE), "resume without its anchor");
    }
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.DECODER, 3, 2, 1e-3).withAnchor(1), "anchor outside its stage");
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.AUTOENCODER, 3, 2, 1e-3).withAnchor(-1));
    // Its draws may oversample families (as the reasonbrain and decoder stages'); the vae stage's may not.
    assertEquals(Map.of("melt", 2.0), cfg(Stage.AUTOENCODER, 3, 2, 1e-3).withOversample(Map.of("melt", 2.0)).oversample());
    assertEquals(Map.of("melt", 2.0), cfg(Stage.DECODER, 3, 2, 1e-3).withOversample(Map.of("melt", 2.0)).oversample());
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.VAE, 3, 2, 1e-3).withOversample(Map.of("melt", 2.0)));
  }

  @Test
  void vaeStageHonoursTheRegionWeight() throws Exception {
    // The same seed, so the same first batch and initial weights: only the weighting of the changed pixels differs.
    TrainConfig plain = cfg(Stage.VAE, 1, 2, 1e-3);
    double[] first = new double[2];
    for (int i = 0; i < 2; i++) {
      Path run = tmp.resolve("vae-rw-" + i);
      TrainConfig c = i == 0 ? plain : plain.withOptions(plain.cache(), 9, plain.emaDecay(), plain.evalEvery());
      try (Trainer t = new Trainer(c, eight, run, text)) {
        t.train(false, Progress.NONE);
      }
      first[i] = csv(run).get(0)[1];
    }
    assertTrue(Double.isFinite(first[1]) && Math.abs(first[1] - first[0]) > 1e-6,
        "weighted " + first[1] + " vs plain " + first[0]);
  }

  @Test
  void gradientL1SeesEdgesNotOffsets() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, new ai.djl.ndarray.types.Shape(1, 1, 2, 4));
      // A constant offset has no gradient difference; a blurred edge has (rows equal: no vertical part).
      assertEquals(0f, Trainer.gradientL1(a, a.add(0.5f)).getFloat(), 1e-6);
      NDArray blurred = m.create(new float[] {0, 0.25f, 0.75f, 1, 0, 0.25f, 0.75f, 1}, new ai.djl.ndarray.types.Shape(1, 1, 2, 4));
      assertEquals((0.25f + 0.5f + 0.25f) / 3, Trainer.gradientL1(a, blurred).getFloat(), 1e-6);
    }
  }

  /** A deterministic stand-in for the accuracy probe: a function of the weights it is given. */
  private static Trainer.Probe fakeProbe() {
    return model -> {
      double sum = model.unet().parameters().get("conv_out.weight").value().sum().getFloat();
      double f = sum - Math.floor(sum);
      return new Trainer.Probe.Score(f, f / 2, 7);
    };
  }

  private static TrainConfig recipe(int steps, int batch) {
    // The default recipe's reasonbrain options (cache, region weight, EMA), with dropout on.
    return new TrainConfig(Stage.REASONBRAIN, "tiny", 5, steps, batch, 1, 1e-3, 0, 0.0, 1.0, 0.2, 0.2, 0.2, Math.max(1, steps / 2),
        true, 9, 0.9, 2);
  }

  @Test
  void cachedLossEqualsTheUncachedLoss() throws Exception {
    Path cached = tmp.resolve("cached");
    Path plain = tmp.resolve("plain");
    try (Trainer t = new Trainer(recipe(1, 8), eight, cached, text).cacheDir(tmp.resolve("cache"))) {
      t.train(false, Progress.NONE);
    }
    TrainConfig off = recipe(1, 8).withOptions(false, 9, 0.9, 2);
    try (Trainer t = new Trainer(off, eight, plain, text)) {
      t.train(false, Progress.NONE);
    }
    double[] a = csv(cached).get(0);
    double[] b = csv(plain).get(0);
    // Same draws, same noise; the cache holds binary16 values, so equal to about three digits.
    assertEquals(b[2], a[2], 0.01 * b[2], "L_DM cached vs uncached");
    assertEquals(b[3], a[3], 0.01 * b[3], "L_MLLM cached vs uncached");
    assertTrue(Files.list(tmp.resolve("cache")).anyMatch(f -> f.getFileName().toString().startsWith("features-")));
  }

  @Test
  void pixelStemTrainsCachedAsUncachedAndFromATinyRun() throws Exception {
    // tiny-pixel from a tiny run's weights (--init): every tiny weight loads, the stem starts at zero; two steps
    // so that the second step's loss reads the stem the first step trained, cached and uncached alike.
    Path from = tmp.resolve("px-from");
    try (Trainer t = new Trainer(recipe(1, 8), eight, from, text).cacheDir(tmp.resolve("cache"))) {
      t.train(false, Progress.NONE);
    }
    TrainConfig px = new TrainConfig(Stage.REASONBRAIN, "tiny-pixel", 5, 2, 8, 1, 1e-3, 0, 0.0, 1.0, 0.2, 0.2, 0.2, 1, true, 9, 0.9, 2);
    Path cached = tmp.resolve("px-cached");
    Path plain = tmp.resolve("px-plain");
    int loaded;
    try (Trainer t = new Trainer(px, eight, cached, text).cacheDir(tmp.resolve("cache-px"))) {
      loaded = t.initFrom(from);
      t.train(false, Progress.NONE);
    }
    try (Trainer t = new Trainer(px.withOptions(false, 9, 0.9, 2), eight, plain, text)) {
      assertEquals(loaded, t.initFrom(from));
      t.train(false, Progress.NONE);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      var tiny = new org.reasonbrain.model.ReasonBrain(m, 0, org.reasonbrain.model.ReasonBrainConfig.tiny()).parameters().keySet();
      assertEquals(tiny.size(), loaded, "every tiny weight loads into tiny-pixel");
    }
    for (int row = 0; row < 2; row++) {
      double[] a = csv(cached).get(row);
      double[] b = csv(plain).get(row);
      assertEquals(b[2], a[2], 0.01 * b[2], "L_DM cached vs uncached, step " + (row + 1));
    }
    // The cache of a model with a stem holds the pixels: its own file beside tiny's.
    assertEquals(1, Files.list(tmp.resolve("cache-px")).filter(f -> f.getFileName().toString().startsWith("features-")).count());
    var w = org.reasonbrain.core.io.Safetensors.read(cached.resolve("checkpoint").resolve("model.safetensors")).tensors();
    assertTrue(w.keySet().stream().anyMatch(k -> k.startsWith("unet.pixel_stem.out")), "the stem is saved with the run");
  }

  @Test
  void minSnrWeightsLowerOnlyTheLeastNoisyTimesteps() throws Exception {
    org.reasonbrain.sampling.NoiseSchedule ns = org.reasonbrain.sampling.NoiseSchedule.stableDiffusion();
    float[] w = Trainer.minSnrWeights(ns, new int[] {0, 100, 500, 999}, 5);
    double snr0 = ns.alphaBar(0) / (1 - ns.alphaBar(0));
    assertEquals(5 / snr0, w[0], 1e-6);        // t = 0: SNR about 1,000, weight 5 / SNR
    assertTrue(w[1] < 1 && w[1] > w[0]);
    assertEquals(1, w[2], 0);                   // SNR < 5 from the middle on: weight 1
    assertEquals(1, w[3], 0);
    // In the trainer: the same draws give a lower L_DM with gamma = 5 (weights <= 1), the plain one with a huge gamma.
    Path plain = tmp.resolve("snr-plain");
    Path five = tmp.resolve("snr-five");
    Path huge = tmp.resolve("snr-huge");
    for (var run : List.of(Map.entry(plain, 0.0), Map.entry(five, 5.0), Map.entry(huge, 1e12))) {
      try (Trainer t = new Trainer(recipe(1, 8).withMinSnr(run.getValue()), eight, run.getKey(), text).cacheDir(tmp.resolve("cache"))) {
        t.train(false, Progress.NONE);
      }
    }
    double p = csv(plain).get(0)[2];
    assertTrue(csv(five).get(0)[2] < p, "gamma 5 lowers L_DM");
    assertEquals(p, csv(huge).get(0)[2], 1e-6 * p);
    assertThrows(IllegalArgumentException.class, () -> recipe(1, 8).withMinSnr(-1));
  }

  @Test
  void trainOnlyUpdatesTheNamedBlocksAloneAndAResumeMustKeepIt() throws Exception {
    TrainConfig only = recipe(3, 2).withTrainOnly(TrainConfig.parseTrainOnly("unet.,qformer."));
    assertEquals(List.of("unet.", "qformer."), only.trainOnly());
    Path run = tmp.resolve("train-only");
    try (Trainer t = new Trainer(only, eight, run, text).cacheDir(tmp.resolve("cache"))) {
      t.trainUntil(1, Progress.NONE);
    }
    var first = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    try (Trainer t = new Trainer(recipe(3, 2), eight, run, text).cacheDir(tmp.resolve("cache"))) {
      IOException e = assertThrows(IOException.class, () -> t.train(true, Progress.NONE));
      assertTrue(e.getMessage().contains("--train-only unet.,qformer."), e.getMessage());
    }
    try (Trainer t = new Trainer(only, eight, run, text).cacheDir(tmp.resolve("cache"))) {
      t.train(true, Progress.NONE);
    }
    var last = Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    int unet = 0;
    int qformer = 0;
    for (String k : first.keySet()) {
      boolean same = java.util.Arrays.equals(first.get(k).toFloats(), last.get(k).toFloats());
      if (!k.startsWith("unet.") && !k.startsWith("qformer.")) {
        assertTrue(same, k + " must stay as it was");
      } else if (!same) {
        unet += k.startsWith("unet.") ? 1 : 0;
        qformer += k.startsWith("qformer.") ? 1 : 0;
      }
    }
    assertTrue(unet > 10 && qformer > 0, unet + " unet and " + qformer + " qformer tensors changed");
    List<String> saved = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile()).path("trainOnly")
        .forEach(n -> saved.add(n.asText()));
    assertEquals(List.of("unet.", "qformer."), saved);
  }

  @Test
  void trainOnlyRefusesAPrefixThatNamesNoTrainedWeight() {
    // The image encoder is frozen in this stage, and "mlp." is no block's name: both are errors that list the blocks.
    for (String bad : List.of("image_encoder.", "mlp.")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(recipe(1, 2).withTrainOnly(List.of(bad)), eight, tmp.resolve("bad-only"), text).close());
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("unet."), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> TrainConfig.parseTrainOnly("unet.,,cme."));
    assertThrows(IllegalArgumentException.class, () -> cfg(Stage.DECODER, 1, 2, 1e-3).withTrainOnly(List.of("unet.")));
    assertEquals(List.of(), TrainConfig.parseTrainOnly(" "));
  }

  @Test
  void oversamplingIsRecordedAndAResumeMustKeepIt() throws Exception {
    String family = eight.split("train").get(0).family();
    TrainConfig ov = recipe(2, 2).withOversample(Map.of(family, 3.0));
    Path run = tmp.resolve("oversampled");
    try (Trainer t = new Trainer(ov, eight, run, text).cacheDir(tmp.resolve("cache"))) {
      t.trainUntil(1, Progress.NONE);
    }
    assertEquals(3.0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile())
        .path("oversample").path(family).asDouble(), 0);
    try (Trainer t = new Trainer(recipe(2, 2), eight, run, text).cacheDir(tmp.resolve("cache"))) {
      IOException e = assertThrows(IOException.class, () -> t.train(true, Progress.NONE));
      assertTrue(e.getMessage().contains("--oversample " + family + "=3.0"), e.getMessage());
    }
    try (Trainer t = new Trainer(ov, eight, run, text).cacheDir(tmp.resolve("cache"))) {
      t.train(true, Progress.NONE);
    }
    assertEquals(2, csv(run).size());
    // Weighted draws differ from the uniform ones of the same seed: the first step's loss is another.
    Path uniform = tmp.resolve("not-oversampled");
    Path heavy = tmp.resolve("oversampled-heavily");
    try (Trainer t = new Trainer(recipe(1, 8), eight, uniform, text).cacheDir(tmp.resolve("cache"))) {
      t.train(false, Progress.NONE);
    }
    try (Trainer t = new Trainer(recipe(1, 8).withOversample(Map.of(family, 1000.0)), eight, heavy, text)
        .cacheDir(tmp.resolve("cache"))) {
      t.train(false, Progress.NONE);
    }
    assertTrue(csv(uniform).get(0)[2] != csv(heavy).get(0)[2], "the draws changed");
  }

  @Test
  void resumeWithCacheAndEmaEqualsAnUninterruptedRun() throws Exception {
    Path whole = tmp.resolve("whole-cached");
    try (Trainer t = new Trainer(recipe(4, 2), eight, whole, text).cacheDir(tmp.resolve("cache")).probe(fakeProbe())) {
      t.train(false, Progress.NONE);
    }
    Path split = tmp.resolve("split-cached");
    try (Trainer t = new Trainer(recipe(4, 2), eight, split, text).cacheDir(tmp.resolve("cache")).probe(fakeProbe())) {
      t.trainUntil(2, Progress.NONE);
    }
    try (Trainer t = new Trainer(recipe(4, 2), eight, split, text).cacheDir(tmp.resolve("cache")).probe(fakeProbe())) {
      t.train(true, Progress.NONE);
    }
    for (String f : List.of("model.safetensors", "optimizer.safetensors")) {
      var a = Safetensors.read(whole.resolve("checkpoint/" + f)).tensors();
      var b = Safetensors.read(split.resolve("checkpoint/" + f)).tensors();
      assertEquals(a.keySet(), b.keySet(), f);
      for (String k : a.keySet()) {
        assertArrayEquals(a.get(k).toFloats(), b.get(k).toFloats(), f + " " + k);
      }
    }
    var opt = Safetensors.read(whole.resolve("checkpoint/optimizer.safetensors")).tensors();
    assertTrue(opt.keySet().stream().anyMatch(k -> k.startsWith("ema.unet.")), "the EMA is saved");
    assertTrue(opt.keySet().stream().noneMatch(k -> k.contains("image_encoder")), "E_I is frozen in the reasonbrain stage");
    // The log's rows (but the seconds column) and the accuracy curve's rows agree.
    List<double[]> la = csv(whole);
    List<double[]> lb = csv(split);
    assertEquals(la.size(), lb.size());
    for (int i = 0; i < la.size(); i++) {
      assertArrayEquals(java.util.Arrays.copyOf(la.get(i), 5), java.util.Arrays.copyOf(lb.get(i), 5), "log row " + i);
    }
    List<String> acc = Files.readAllLines(whole.resolve("accuracy.csv"));
    assertEquals("step,samples_seen,lenient,strict,n,seconds", acc.get(0));
    assertEquals(3, acc.size());                              // steps 2 and 4
    assertTrue(acc.get(2).startsWith("4,8,"), acc.get(2));
    List<String> accSplit = Files.readAllLines(split.resolve("accuracy.csv"));
    for (int i = 1; i < acc.size(); i++) {
      assertEquals(acc.get(i).substring(0, acc.get(i).lastIndexOf(',')), accSplit.get(i).substring(0, accSplit.get(i).lastIndexOf(',')));
    }
    assertTrue(Files.size(whole.resolve("accuracy.png")) > 1000);
  }

  @Test
  void changeCellsMarkWhereTheTargetDiffers() {
    java.awt.image.BufferedImage a = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
    b.setRGB(5, 1, 0x00FF00);                                  // one green pixel in the top-right cell
    float[] c = TrainingData.changeCells(a, b, 4);
    assertArrayEquals(new float[] {0f, 1f, 0f, 0f}, c);
    assertThrows(IllegalArgumentException.class, () -> TrainingData.changeCells(a, new java.awt.image.BufferedImage(4, 4, 1), 4));
  }

  @Test
  void resumeWithTheRealRecipeInEveryStage() throws Exception {
    for (Stage st : Stage.values()) {
      boolean rb = st == Stage.REASONBRAIN;
      // Warm-up, weight decay, gradient accumulation, conditioning dropout, and the stage's own options.
      TrainConfig c = new TrainConfig(st, "tiny", 9, 4, 2, 2, 1e-3, 2, 0.01, 1.0, 0.05, 0.05, 0.05, 2, rb, rb ? 9 : 0, rb ? 0.99 : 0, 0)
          .withAnchor(st == Stage.AUTOENCODER ? 1 : 0);
      // The autoencoder stage fine-tunes a trained autoencoder: the VAE stage's run (Stage.VAE comes first).
      Path from = st == Stage.AUTOENCODER ? tmp.resolve("recipe-whole-vae") : null;
      Path whole = tmp.resolve("recipe-whole-" + st.label());
      try (Trainer t = new Trainer(c, eight, whole, text).cacheDir(tmp.resolve("cache"))) {
        if (from != null) {
          t.initFrom(from);
        }
        t.train(false, Progress.NONE);
      }
      Path split = tmp.resolve("recipe-split-" + st.label());
      try (Trainer t = new Trainer(c, eight, split, text).cacheDir(tmp.resolve("cache"))) {
        if (from != null) {
          t.initFrom(from);
        }
        t.trainUntil(2, Progress.NONE);
      }
      try (Trainer t = new Trainer(c, eight, split, text).cacheDir(tmp.resolve("cache"))) {
        t.train(true, Progress.NONE);
      }
      List<String> files = new java.util.ArrayList<>(List.of("model.safetensors", "optimizer.safetensors"));
      if (st == Stage.CLIP) {
        files.add("clip_head.safetensors");
      }
      for (String f : files) {
        var a = Safetensors.read(whole.resolve("checkpoint/" + f));
        var b = Safetensors.read(split.resolve("checkpoint/" + f));
        assertEquals(a.tensors().keySet(), b.tensors().keySet(), st.label() + " " + f);
        assertTrue(!a.tensors().isEmpty(), st.label() + " " + f);
        for (String k : a.tensors().keySet()) {
          assertArrayEquals(a.tensors().get(k).toFloats(), b.tensors().get(k).toFloats(), st.label() + " " + f + " " + k);
        }
        assertEquals(a.metadata().get("step"), b.metadata().get("step"), st.label() + " " + f);
      }
      List<double[]> la = csv(whole);
      List<double[]> lb = csv(split);
      assertEquals(4, la.size());
      for (int i = 0; i < la.size(); i++) {
        assertArrayEquals(java.util.Arrays.copyOf(la.get(i), 5), java.util.Arrays.copyOf(lb.get(i), 5), st.label() + " log row " + i);
      }
    }
  }
}
