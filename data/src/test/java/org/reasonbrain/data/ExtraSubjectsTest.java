package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.build.SampleFactory;
import org.reasonbrain.data.build.Split;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Renderer;

/** Extra seen subjects ({@code --extra-subjects}): more objects under a rule, never the held-out one. */
class ExtraSubjectsTest {
  @TempDir
  Path tmp;

  private static Set<Kind> heldOut() {
    Set<Kind> out = new HashSet<>();
    for (Family f : Families.all()) {
      if (f.hasHeldOutSubject()) {
        out.add(f.heldOutSubject());
      }
    }
    return out;
  }

  @Test
  void extrasAreNeverAHeldOutSubject_andEachHasItsOwnNames() {
    Set<Kind> reserved = heldOut();
    Map<String, String> nameOwner = new HashMap<>();
    for (Family f : Families.all()) {
      for (Kind k : f.subjects()) {
        for (String s : names(k)) {
          nameOwner.putIfAbsent(s, k.noun());
        }
      }
    }
    int families = 0;
    for (Family f : Families.all()) {
      if (f.extraSubjects().isEmpty()) {
        continue;
      }
      families++;
      for (Kind k : f.extraSubjects()) {
        assertFalse(reserved.contains(k), f.name() + ": " + k + " is held out somewhere");
        assertFalse(f.subjects().contains(k), f.name() + ": " + k + " is already a subject");
        assertTrue(f.trainableSubjects().contains(k));
        // A name of the extra must not already name another object (an instruction would be ambiguous).
        for (String s : Lexicon.synonyms(k.noun())) {
          String owner = nameOwner.get(s);
          assertTrue(owner == null || owner.equals(k.noun()), "'" + s + "' of " + k.noun() + " already names " + owner);
        }
      }
    }
    assertTrue(families >= 5, "several families have extras, got " + families);
  }

  /** The names an instruction may use for {@code k}: its synonyms, or its noun when it has none (a tap's glass). */
  private static List<String> names(Kind k) {
    try {
      return Lexicon.synonyms(k.noun());
    } catch (IllegalArgumentException e) {
      return List.of(k.noun());
    }
  }

  @Test
  void everyExtraDrawsEveryStateItCanReach_andTheEditChangesThePicture() {
    Renderer renderer = new Renderer(64);
    for (Family f : Families.all()) {
      for (Kind k : f.extraSubjects()) {
        for (int seed = 0; seed < 3; seed++) {
          Episode ep = f.episode(new Random(seed), k, f.maxSteps());
          BufferedImage before = renderer.render(ep.source());
          for (Step s : ep.steps()) {
            BufferedImage after = renderer.render(s.target());
            assertFalse(same(before, after), f.name() + " / " + k + " seed " + seed + ": the step left the picture as it was");
            before = after;
          }
        }
      }
    }
  }

  private static boolean same(BufferedImage a, BufferedImage b) {
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void aBuildDrawsExtrasOnlyWhenAsked_andNeverInTestComposition() throws Exception {
    Set<Kind> extras = new HashSet<>();
    for (Family f : Families.all()) {
      extras.addAll(f.extraSubjects());
    }
    SampleFactory all = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1)
        .extraSubjects(1.0).build(), null);
    SampleFactory none = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1)
        .extraSubjects(0.0).build(), null);
    SampleFactory std = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1)
        .build(), null);
    int drawn = 0;
    for (int i = 0; i < 800; i++) {
      if (all.inSet(i)) {
        continue;  // a counterfactual set draws its own scene (seen subjects in test-counterfactual; CounterfactualSetsTest)
      }
      SampleFactory.Spec a = all.spec(i);
      SampleFactory.Spec n = none.spec(i);
      assertEquals(std.spec(i), n, "sample " + i + ": share 0 is the standard build");
      assertFalse(extras.contains(n.subject()), "sample " + i + ": an extra without asking");
      assertEquals(n.split(), a.split());
      assertEquals(n.family(), a.family(), "sample " + i + ": the family does not depend on the extras");
      if (a.split() == Split.TEST_COMPOSITION) {
        assertEquals(a.family().heldOutSubject(), a.subject(), "sample " + i);
      } else {
        assertFalse(a.subject() == a.family().heldOutSubject(), "sample " + i + ": a held-out pair became an edit");
        if (!a.family().extraSubjects().isEmpty()) {
          assertTrue(a.family().extraSubjects().contains(a.subject()), "sample " + i + ": share 1 draws an extra");
          drawn++;
        }
      }
    }
    assertTrue(drawn > 100, "many samples of families with extras, got " + drawn);
    new DatasetBuilder(BuildSettings.builder(40, 9).size(64).candidates(2).threads(2).extraSubjects(0.5).build(), null)
        .build(tmp.resolve("xs"), false, Progress.NONE);
    assertTrue(Files.readString(tmp.resolve("xs/dataset.json")).contains("\"extra_subjects\" : 0.5"));
    assertTrue(Files.readString(tmp.resolve("xs/corpus.txt")).contains("cardboard box"), "facts of the extras in the corpus");
    var xsFamilies = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("xs/dataset.json").toFile()).path("families");
    int listed = 0;
    for (var fam : xsFamilies) {
      Family f = Families.byName(fam.path("name").asText());
      assertEquals(f.extraSubjects().size(), fam.path("extra_subjects").size(), f.name() + ": the build names its extras");
      listed += fam.path("extra_subjects").size();
    }
    assertTrue(listed >= 20, "the extras listed, got " + listed);
    new DatasetBuilder(BuildSettings.builder(40, 9).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("std"), false, Progress.NONE);
    assertFalse(Files.readString(tmp.resolve("std/corpus.txt")).contains("cardboard box"));
    assertFalse(Files.readString(tmp.resolve("std/dataset.json")).contains("extra_subjects"));
    for (double bad : List.of(-0.1, 1.5, Double.NaN)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildSettings.builder(10, 1)
          .size(64).candidates(4).threads(1).extraSubjects(bad).build());
      assertTrue(e.getMessage().contains("--extra-subjects"), e.getMessage());
    }
  }
  /** The extras of wind, sink-or-float and seesaw obey the rule the held-out subject does, seen in the picture. */
  @Test
  void theExtrasOfWindSinkOrFloatAndSeesawFollowTheRule() {
    Renderer renderer = new Renderer(64);
    for (Kind k : Families.byName("wind").extraSubjects()) {
      for (int seed = 0; seed < 6; seed++) {
        Episode ep = Families.byName("wind").episode(new Random(seed), k, 1);
        double fanX = ep.source().get("fan").x();
        double before = meanX(renderer.render(ep.source()), ep.source().get("subject").rgb());
        double after = meanX(renderer.render(ep.steps().get(0).target()), ep.source().get("subject").rgb());
        assertTrue(Math.abs(after - fanX * 64) > Math.abs(before - fanX * 64) + 1,
            k + " seed " + seed + ": the flower's head leans away from the fan (" + before + " -> " + after + ", fan at " + fanX * 64 + ")");
      }
    }
    double lowestFloat = -1;
    double highestSink = 2;
    for (Kind k : Families.byName("sink-or-float").extraSubjects()) {
      for (int seed = 0; seed < 8; seed++) {
        Episode ep = Families.byName("sink-or-float").episode(new Random(seed), k, 1);
        int c = ep.source().get("subject").rgb();
        boolean metal = Math.abs(((c >> 16) & 255) - 0xB8) <= 10 && Math.abs((c & 255) - 0xC6) <= 10;
        double y = ep.steps().get(0).target().get("subject").y();   // larger is lower in the picture
        if (metal) {
          highestSink = Math.min(highestSink, y);
        } else {
          lowestFloat = Math.max(lowestFloat, y);
        }
      }
    }
    assertTrue(lowestFloat >= 0 && highestSink <= 1, "both outcomes drawn");
    assertTrue(highestSink > lowestFloat + 0.1, "metal sinks below where plastic floats: " + highestSink + " vs " + lowestFloat);
    for (Kind k : Families.byName("seesaw").extraSubjects()) {
      for (int seed = 0; seed < 4; seed++) {
        Episode ep = Families.byName("seesaw").episode(new Random(seed), k, 1);
        boolean heavyLeft = ep.source().get("left").kind() == k;
        double tilt = ep.steps().get(0).target().get("seesaw").param();
        assertEquals(heavyLeft ? -1.0 : 1.0, tilt, 1e-9, k + " seed " + seed + ": down on the heavy rider's side");
      }
    }
  }

  /** Mean column of the pixels of colour {@code rgb} (within a few levels). */
  private static double meanX(BufferedImage img, int rgb) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int c = img.getRGB(x, y);
        int d = Math.abs(((c >> 16) & 255) - ((rgb >> 16) & 255)) + Math.abs(((c >> 8) & 255) - ((rgb >> 8) & 255)) + Math.abs((c & 255) - (rgb & 255));
        if (d < 30) {
          sum += x;
          n++;
        }
      }
    }
    assertTrue(n > 0, "pixels of the subject's colour");
    return sum / n;
  }
}
