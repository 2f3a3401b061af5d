package org.reasonbrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;

/** The feature cache on its own: round trip, keys, stale and corrupt files, dropout on read. */
class FeatureCacheTest {
  @TempDir
  static Path tmp;
  static Dataset ds;
  static final FeatureCache.Layout LAYOUT = new FeatureCache.Layout(2, 2, 3, 2, 4, 2, 3, 2, 1, 2);

  @BeforeAll
  static void data() throws Exception {
    new DatasetBuilder(BuildSettings.builder(13, 3).size(64).candidates(2).threads(1).build(), null)
        .build(tmp.resolve("ds"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("ds"));
  }

  /** A deterministic stand-in for the encoders: value i of sample s's record is hash(s) mod 7 + 1 + i / 8. */
  static FeatureCache.Encoder fake(int[] calls) {
    return part -> {
      calls[0] += part.size();
      List<float[]> out = new ArrayList<>();
      for (Sample s : part) {
        float[] r = new float[LAYOUT.record()];
        for (int i = 0; i < r.length; i++) {
          r[i] = Math.floorMod(s.id().hashCode(), 7) + 1 + i / 8f;
        }
        out.add(r);
      }
      return out;
    };
  }

  @Test
  void roundTripKeyedAndRebuiltWhenCorrupt() throws IOException {
    List<Sample> train = ds.split("train");
    Path dir = tmp.resolve("cache-a");
    String key = FeatureCache.key(ds.dir(), "train", LAYOUT, "s", Map.of());
    int[] calls = {0};
    List<String> warnings = new ArrayList<>();
    FeatureCache a = FeatureCache.open(dir, key, LAYOUT, train, fake(calls), 3, Progress.NONE, warnings::add);
    assertEquals(train.size(), calls[0]);
    // Reopened: read from disk, nothing recomputed, no warning.
    FeatureCache b = FeatureCache.open(dir, key, LAYOUT, train, fake(calls), 3, Progress.NONE, warnings::add);
    assertEquals(train.size(), calls[0]);
    assertEquals(List.of(), warnings);
    assertEquals(a.file(), b.file());
    // Another setting gives another key and another file; the first is never read for it.
    String other = FeatureCache.key(ds.dir(), "train", LAYOUT, "t", Map.of());
    assertNotEquals(key, other);
    // A file under the right name whose header holds another key is stale: rebuilt, with a warning.
    Path staleName = dir.resolve("features-" + other.substring(0, 16) + ".bin");
    Files.copy(a.file(), staleName);
    FeatureCache.open(dir, other, LAYOUT, train, fake(calls), 3, Progress.NONE, warnings::add);
    assertEquals(2 * train.size(), calls[0]);
    assertTrue(warnings.get(0).contains("stale"), warnings.toString());
    // One flipped byte in the records: the checksum catches it, the cache is rebuilt, with a warning.
    byte[] bytes = Files.readAllBytes(a.file());
    bytes[bytes.length - 20] ^= 0x40;
    Files.write(a.file(), bytes, StandardOpenOption.TRUNCATE_EXISTING);
    FeatureCache c = FeatureCache.open(dir, key, LAYOUT, train, fake(calls), 3, Progress.NONE, warnings::add);
    assertEquals(3 * train.size(), calls[0]);
    assertTrue(warnings.get(1).contains("corrupt"), warnings.toString());
    // A truncated file likewise.
    Files.write(c.file(), java.util.Arrays.copyOf(Files.readAllBytes(c.file()), 100), StandardOpenOption.TRUNCATE_EXISTING);
    FeatureCache.open(dir, key, LAYOUT, train, fake(calls), 3, Progress.NONE, warnings::add);
    assertEquals(4 * train.size(), calls[0]);
    assertEquals(3, warnings.size());
  }

  @Test
  void keyDependsOnTheFrozenWeights() throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      ReasonBrain model = new ReasonBrain(m, 1, ReasonBrainConfig.tiny());
      String k1 = FeatureCache.key(ds.dir(), "train", LAYOUT, "s", Trainer.cachedFrom(model));
      var p = model.vae().parameters().values().iterator().next();
      float[] v = p.value().toFloatArray();
      v[0] += 1e-3f;
      p.assign(v);
      String k2 = FeatureCache.key(ds.dir(), "train", LAYOUT, "s", Trainer.cachedFrom(model));
      assertNotEquals(k1, k2);
      // The decoder is never used by the cache: a sharper decoder keeps it.
      var dec = model.vae().decoderParameters().values().iterator().next();
      float[] w = dec.value().toFloatArray();
      w[0] += 1e-3f;
      dec.assign(w);
      assertEquals(k2, FeatureCache.key(ds.dir(), "train", LAYOUT, "s", Trainer.cachedFrom(model)));
      // Nor a weight of the UNet.
      var u = model.unet().parameters().values().iterator().next();
      float[] uw = u.value().toFloatArray();
      uw[0] += 1e-3f;
      u.assign(uw);
      assertEquals(k2, FeatureCache.key(ds.dir(), "train", LAYOUT, "s", Trainer.cachedFrom(model)));
    }
  }

  @Test
  void sourcePixelsEndTheRecordAndChangeOnlyTheirOwnKey() throws IOException {
    FeatureCache.Layout px = new FeatureCache.Layout(2, 2, 3, 2, 4, 2, 3, 2, 1, 2, 4);
    // A layout without pixels reads as before they existed, so the caches built then keep their keys.
    assertEquals("2x2,3x2,4x2,3x2,1,2", LAYOUT.toString());
    assertEquals(LAYOUT.record() + 3 * 4 * 4, px.record());
    assertNotEquals(FeatureCache.key(ds.dir(), "train", LAYOUT, "s", Map.of()), FeatureCache.key(ds.dir(), "train", px, "s", Map.of()));
    List<Sample> train = ds.split("train");
    FeatureCache.Encoder enc = part -> {
      List<float[]> out = new ArrayList<>();
      for (int j = 0; j < part.size(); j++) {
        float[] r = new float[px.record()];
        java.util.Arrays.fill(r, 0.5f);
        for (int i = LAYOUT.record(); i < r.length; i++) {
          r[i] = -(i - LAYOUT.record()) / 64f;          // the pixel block: 0, -1/64, -2/64, ...
        }
        out.add(r);
      }
      return out;
    };
    String key = FeatureCache.key(ds.dir(), "train", px, "p", Map.of());
    FeatureCache c = FeatureCache.open(tmp.resolve("cache-p"), key, px, train, enc, 4, Progress.NONE, w -> {});
    TrainingData.Draw d = new TrainingData.Draw(new int[] {0, 1}, new boolean[] {true, true}, new float[] {1f, 0f});
    try (NDManager m = NDManager.newBaseManager()) {
      FeatureCache.Batch b = c.batch(m, d, new float[px.map()], new float[px.grid()]);
      assertEquals(new ai.djl.ndarray.types.Shape(2, 3, 4, 4), b.encoded().sourcePixels().getShape());
      float[] v = b.encoded().sourcePixels().toFloatArray();
      for (int i = 0; i < 48; i++) {
        assertEquals(-i / 64f, v[i], 1e-3f);           // row 0: the record's last 48 values (binary16)
        assertEquals(0f, v[48 + i], 0f);                // row 1: image dropped
      }
      assertEquals(0.5f, b.change().toFloatArray()[0], 1e-3f);   // the field before the pixels is where it was
    }
    // Without pixels in the layout the batch carries none.
    FeatureCache plain = FeatureCache.open(tmp.resolve("cache-p0"), FeatureCache.key(ds.dir(), "train", LAYOUT, "p", Map.of()), LAYOUT,
        train, fake(new int[1]), 4, Progress.NONE, w -> {});
    try (NDManager m = NDManager.newBaseManager()) {
      assertEquals(null, plain.batch(m, d, new float[LAYOUT.map()], new float[LAYOUT.grid()]).encoded().sourcePixels());
    }
  }

  @Test
  void dropoutOnReadZeroesTextAndSubstitutesTheBlankImage() throws IOException {
    List<Sample> train = ds.split("train");
    String key = FeatureCache.key(ds.dir(), "train", LAYOUT, "d", Map.of());
    FeatureCache c = FeatureCache.open(tmp.resolve("cache-d"), key, LAYOUT, train, fake(new int[1]), 4, Progress.NONE, w -> {});
    float[] nullFinest = new float[LAYOUT.map()];
    float[] nullTokens = new float[LAYOUT.grid()];
    java.util.Arrays.fill(nullFinest, -5f);
    java.util.Arrays.fill(nullTokens, -7f);
    TrainingData.Draw d = new TrainingData.Draw(new int[] {0, 1}, new boolean[] {true, false}, new float[] {0f, 1f});
    try (NDManager m = NDManager.newBaseManager()) {
      FeatureCache.Batch b = c.batch(m, d, nullFinest, nullTokens);
      float[] src = b.encoded().sourceLatent().toFloatArray();
      int lat = 2 * 2 * 2;
      for (int i = 0; i < lat; i++) {
        assertEquals(0f, src[i]);                    // row 0: image dropped
      }
      assertTrue(src[lat] != 0f);                    // row 1: image kept
      assertEquals(-5f, b.encoded().eiFinest().toFloatArray()[0]);
      assertEquals(-7f, b.encoded().eiTokens().toFloatArray()[0]);
      float[] mask = b.textMask().toFloatArray();
      assertTrue(mask[0] != 0f);                     // row 0: text kept
      assertArrayEquals(new float[3], java.util.Arrays.copyOfRange(mask, 3, 6));   // row 1: text dropped
      // The target latent is never dropped.
      assertTrue(b.targetLatent().toFloatArray()[0] != 0f);
    }
    // Draws are a function of the seed.
    TrainingData.Draw x = TrainingData.draw(new Rng(3), 10, 6, 0.2, 0.2, 0.2);
    TrainingData.Draw y = TrainingData.draw(new Rng(3), 10, 6, 0.2, 0.2, 0.2);
    assertArrayEquals(x.index(), y.index());
    assertArrayEquals(x.keepImage(), y.keepImage());
  }
}
