package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.build.Split;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.ManifestCodec;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.preview.ContactSheet;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.text.Templates;
import org.reasonbrain.data.world.Category;

/** Builds one small dataset and checks the properties the benchmark relies on. */
class DatasetBuildTest {
  @TempDir
  static Path tmp;
  static Dataset ds;

  @BeforeAll
  static void build() throws Exception {
    new DatasetBuilder(BuildSettings.builder(1000, 11).size(64).candidates(4).threads(2).build(), null)
        .build(tmp.resolve("a"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("a"));
  }

  private static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(d));
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheThreads() throws Exception {
    Path a = tmp.resolve("d1");
    Path b = tmp.resolve("d2");
    new DatasetBuilder(BuildSettings.builder(120, 5).size(64).candidates(4).threads(1).build(), null)
        .build(a, false, Progress.NONE);
    new DatasetBuilder(BuildSettings.builder(120, 5).size(64).candidates(4).threads(2).build(), null)
        .build(b, false, Progress.NONE);
    assertEquals(hashes(a), hashes(b));
    Path c = tmp.resolve("d3");
    new DatasetBuilder(BuildSettings.builder(120, 6).size(64).candidates(4).threads(2).build(), null)
        .build(c, false, Progress.NONE);
    assertNotEquals(Files.readString(a.resolve("manifest.jsonl")), Files.readString(c.resolve("manifest.jsonl")));
  }

  @Test
  void everySplitIsPresentAndSplitsAreDisjoint() throws Exception {
    Set<String> splits = new HashSet<>();
    Map<String, String> sourceSplit = new HashMap<>();
    for (Sample s : ds.samples()) {
      splits.add(s.split());
      String h = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(ds.dir().resolve(s.source()))));
      String prev = sourceSplit.put(h + s.instruction(), s.split());
      assertTrue(prev == null, "duplicate source+instruction in " + prev + " and " + s.split());
    }
    for (Split s : Split.values()) {
      assertTrue(splits.contains(s.label()), "missing split " + s.label());
    }
  }

  @Test
  void categoryMixIsWithinTwoPointsOfThePaper() {
    List<Sample> single = ds.samples().stream().filter(s -> !s.split().equals("test-multistep")).toList();
    for (Category c : Category.values()) {
      double share = single.stream().filter(s -> s.category().equals(c.label())).count() / (double) single.size();
      assertEquals(c.share(), share, 0.02, c.label());
    }
  }

  private static boolean usesHeldOut(String instruction) {
    String low = instruction.toLowerCase();
    boolean frame = Templates.heldOut().stream().anyMatch(t -> instruction.startsWith(t.substring(0, t.indexOf("{E}"))));
    boolean synonym = Lexicon.keys().stream().map(Lexicon::heldOut)
        .anyMatch(h -> h != null && low.matches(".*\\bthe " + java.util.regex.Pattern.quote(h.toLowerCase()) + "\\b.*"));
    return frame || synonym;
  }

  @Test
  void heldOutPhrasingsNeverAppearInTrainAndAlwaysInTestPhrasing() {
    int train = 0;
    for (Sample s : ds.samples()) {
      if (s.split().equals("test-phrasing")) {
        assertTrue(usesHeldOut(s.instruction()), s.instruction());
      } else {
        assertFalse(usesHeldOut(s.instruction()), s.split() + ": " + s.instruction());
        train += s.split().equals("train") ? 1 : 0;
      }
    }
    assertTrue(train > 500);
  }

  @Test
  void heldOutCompositionsNeverAppearInTrain() {
    for (Sample s : ds.samples()) {
      Family f = Families.byName(s.family());
      if (!f.hasHeldOutSubject()) {
        continue;
      }
      boolean heldOut = s.objects().stream().anyMatch(o -> o.startsWith(f.heldOutSubject().noun()))
          || s.initialInstruction().contains("the " + f.heldOutSubject().noun());
      if (s.split().equals("test-composition")) {
        assertTrue(heldOut, s.id() + " " + s.initialInstruction());
      } else {
        assertFalse(heldOut && !s.split().equals("test-multistep"), s.split() + " " + s.id() + " uses held-out " + f.heldOutSubject());
      }
    }
  }

  @Test
  void testSamplesCarryDistractorsAndMultistepSamplesCarrySteps() {
    for (Sample s : ds.samples()) {
      if (s.split().startsWith("test-") || s.split().equals("val")) {
        assertFalse(s.distractorTargets().isEmpty(), s.id());
      }
      if (s.split().equals("test-multistep")) {
        assertTrue(s.steps().size() >= 2 && s.steps().size() <= 3, s.id());
        assertEquals(s.target(), s.steps().get(s.steps().size() - 1).target());
      }
      assertFalse(s.masks().isEmpty());
      assertTrue(s.editMask() != null);
    }
  }

  @Test
  void sourcesDifferFromTargetsOnlyInsideTheirEditMasks() throws Exception {
    for (Sample s : ds.samples().subList(0, 200)) {
      var src = ds.image(s.source());
      var first = s.steps().isEmpty() ? s.target() : s.steps().get(0).target();
      var mask = ds.mask(s.steps().isEmpty() ? s.editMask() : s.steps().get(0).editMask(), 64, 64);
      boolean[] diff = org.reasonbrain.data.world.Renderer.difference(src, ds.image(first));
      for (int i = 0; i < diff.length; i++) {
        assertTrue(!diff[i] || mask[i], s.id() + " pixel " + i);
      }
    }
  }

  @Test
  void manifestRoundTripsAndTheCheckPasses() throws Exception {
    for (Sample s : ds.samples()) {
      assertEquals(s, ManifestCodec.decode(ManifestCodec.encode(s)));
    }
    assertEquals(List.of(), Dataset.check(ds.dir(), true));
    assertTrue(Files.readString(ds.dir().resolve("corpus.txt")).contains("heavier than"));
  }

  @Test
  void contactSheetIsWritten() throws Exception {
    int rows = ContactSheet.write(ds, tmp.resolve("sheet"));
    assertTrue(rows >= 24);
    assertTrue(Files.size(tmp.resolve("sheet.png")) > 10_000);
    assertTrue(Files.readString(tmp.resolve("sheet.html")).contains("<img"));
  }

  @Test
  void aHandMadeFolderLoads() throws Exception {
    Path dir = tmp.resolve("hand");
    Files.createDirectories(dir.resolve("img"));
    Files.copy(ds.dir().resolve(ds.samples().get(0).source()), dir.resolve("img/a.png"));
    Files.copy(ds.dir().resolve(ds.samples().get(0).target()), dir.resolve("img/b.png"));
    Files.copy(ds.dir().resolve(ds.samples().get(0).masks().get(0).path()), dir.resolve("img/m.png"));
    Files.writeString(dir.resolve("manifest.jsonl"), "{\"id\":\"x1\",\"split\":\"test\",\"category\":\"physical\","
        + "\"source\":\"img/a.png\",\"target\":\"img/b.png\",\"instruction\":\"What if?\",\"initial_instruction\":\"\","
        + "\"objects\":[\"cup\"],\"masks\":[\"img/m.png\"]}\n");
    Dataset hand = Dataset.load(dir);
    assertEquals(1, hand.samples().size());
    assertEquals("img/m.png", hand.samples().get(0).masks().get(0).path());
    assertEquals(List.of(), Dataset.check(dir, true));
  }

  @Test
  void settingsAreValidated() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BuildSettings.builder(10, 1)
        .size(20).candidates(4).threads(1).build());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BuildSettings.builder(0, 1)
        .size(64).candidates(4).threads(1).build());
    BuildSettings defaults = BuildSettings.builder(1, 1).build();
    assertEquals(64, defaults.size());
    assertEquals(4, defaults.candidates());
    assertEquals(Runtime.getRuntime().availableProcessors(), defaults.threads());
    assertEquals(0, defaults.rivals() + defaults.takeAway() + defaults.counterfactual());
  }
}
