package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.SceneObject;
import org.reasonbrain.data.world.TankGeometry;

/** Shape-free subjects ({@code --random-shapes}): melt, drop, burn, wind, freeze and sink-or-float seen on objects no two alike, never in test-composition. */
class RandomShapesTest {
  @TempDir
  Path tmp;

  private static final List<String> SHAPE_FREE = List.of("melt", "drop", "burn", "wind", "freeze", "sink-or-float");
  private static final String SUBJECT = "subject";

  @Test
  void onlyTheListedFamiliesHaveOne_neverAHeldOutOrSeenSubject_andItsNamesAreItsOwn() {
    for (Family f : Families.all()) {
      Kind k = f.shapeFreeSubject();
      if (!SHAPE_FREE.contains(f.name())) {
        assertNull(k, f.name());
        continue;
      }
      for (Family g : Families.all()) {
        assertFalse(g.subjects().contains(k) || g.extraSubjects().contains(k), k + " is a subject of " + g.name());
      }
      for (String name : Lexicon.synonyms(k.noun())) {
        for (Kind other : Kind.values()) {
          assertFalse(other != k && other.noun().equals(name), name + " already names " + other);
        }
      }
    }
  }

  @Test
  void everySampleDrawsANewSilhouette_theSameOneThroughItsOwnSample_andTheRuleStillActsOnIt() {
    Renderer renderer = new Renderer(64);
    for (String name : SHAPE_FREE) {
      Family f = Families.byName(name);
      Kind k = f.shapeFreeSubject();
      List<boolean[]> silhouettes = new ArrayList<>();
      for (int seed = 0; seed < 12; seed++) {
        Episode ep = f.episode(new Random(seed), k, f.maxSteps());
        SceneObject before = ep.source().get(SUBJECT);
        boolean[] sil = renderer.silhouette(before);
        assertTrue(count(sil) >= 4, name + " seed " + seed + ": the object is drawn (" + count(sil) + " pixels)");
        assertArrayEquals(sil, renderer.silhouette(before), "the same object draws the same silhouette");
        // Moved (a drop) or not, the object keeps its shape: the silhouette of the same object elsewhere is a shift of it.
        boolean[] centred = renderer.silhouette(before.at(0.5, before.y()));
        assertTrue(sameUpToShift(centred, renderer.silhouette(before.at(0.5625, before.y())), 64),
            name + " seed " + seed + ": the shape does not depend on where the object stands");
        silhouettes.add(sil);
        // The rule acts: the first step changes the picture; melted or broken, the outcome is wider than tall (a
        // puddle, shards); burnt, it is the same silhouette, blackened, with embers and smoke above it.
        SceneObject after = ep.steps().get(0).target().get(SUBJECT);
        assertFalse(Arrays.equals(renderer.render(ep.source()).getRGB(0, 0, 64, 64, null, 0, 64),
            renderer.render(ep.steps().get(0).target()).getRGB(0, 0, 64, 64, null, 0, 64)), name + " seed " + seed);
        boolean[] outcome = renderer.silhouette(after);
        if (name.equals("wind")) {
          // bent away from the fan: the object's pixels move that way, most at its top
          double lean = Math.signum(after.param());
          assertTrue(lean != 0 && before.param() == 0, name + " seed " + seed + ": upright before, bent after");
          double shift = centreX(outcome, 64) - centreX(sil, 64);
          assertTrue(shift * lean > 1, name + " seed " + seed + ": leans " + lean + " (moved " + shift + " px)");
          // rooted: the trunk's foot stays, the top moves furthest
          int foot = lastRow(sil, 64);
          assertEquals(foot, lastRow(outcome, 64), name + " seed " + seed);
          double footShift = centreX(rows(outcome, 64, foot - 1, foot), 64) - centreX(rows(sil, 64, foot - 1, foot), 64);
          assertTrue(Math.abs(footShift) <= 1, name + " seed " + seed + ": the foot stays (moved " + footShift + " px)");
          int topS = firstRow(sil, 64);
          int topO = firstRow(outcome, 64);
          double topShift = centreX(rows(outcome, 64, topO, topO + 3), 64) - centreX(rows(sil, 64, topS, topS + 3), 64);
          assertTrue(topShift * lean > shift * lean, name + " seed " + seed + ": the top moves most (" + topShift + " px)");
        } else if (name.equals("freeze")) {
          // the same vessel, its water turned pale ice
          assertArrayEquals(sil, outcome, name + " seed " + seed + ": the vessel keeps its shape");
          assertTrue(brightness(ep.steps().get(0).target(), sil, renderer) > brightness(ep.source(), sil, renderer) + 20,
              name + " seed " + seed + ": the water turns to pale ice");
        } else if (name.equals("sink-or-float")) {
          // metal sinks to the tank's floor, plastic floats at the surface; either way it falls from where it was held
          int floor = (int) (TankGeometry.BOTTOM * 64);
          assertTrue(firstRow(outcome, 64) > firstRow(sil, 64), name + " seed " + seed + ": it falls");
          if (after.param() > 0.5) {
            assertTrue(lastRow(outcome, 64) >= floor - 2, name + " seed " + seed + ": metal sinks (" + lastRow(outcome, 64) + ")");
          } else {
            assertTrue(lastRow(outcome, 64) < floor - 6, name + " seed " + seed + ": plastic floats (" + lastRow(outcome, 64) + ")");
          }
        } else if (name.equals("burn")) {
          for (int i = 0; i < sil.length; i++) {
            assertTrue(!sil[i] || outcome[i], name + " seed " + seed + ": the burnt object covers its own shape");
          }
          int[] px = renderer.render(ep.steps().get(0).target()).getRGB(0, 0, 64, 64, null, 0, 64);
          int dark = 0;
          for (int i = 0; i < sil.length; i++) {
            int v = px[i];
            dark += sil[i] && ((v >> 16) & 255) + ((v >> 8) & 255) + (v & 255) < 3 * 90 ? 1 : 0;
          }
          assertTrue(dark > count(sil) / 2, name + " seed " + seed + ": blackened (" + dark + " of " + count(sil) + ")");
        } else {
          int[] box = box(outcome, 64);
          assertTrue(box[0] > box[1], name + " seed " + seed + ": the outcome lies flat (" + box[0] + " x " + box[1] + ")");
        }
      }
      int distinct = 0;
      for (int i = 0; i < silhouettes.size(); i++) {
        boolean seen = false;
        for (int j = 0; j < i; j++) {
          seen |= sameUpToShift(silhouettes.get(i), silhouettes.get(j), 64);
        }
        distinct += seen ? 0 : 1;
      }
      assertTrue(distinct >= 10, name + ": 12 samples draw at least 10 different shapes, got " + distinct);
    }
  }

  private static int count(boolean[] m) {
    int n = 0;
    for (boolean b : m) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Mean of R+G+B over the masked pixels of the scene's picture. */
  private static double brightness(org.reasonbrain.data.world.Scene scene, boolean[] mask, Renderer renderer) {
    int[] px = renderer.render(scene).getRGB(0, 0, 64, 64, null, 0, 64);
    double sum = 0;
    for (int i = 0; i < px.length; i++) {
      sum += mask[i] ? ((px[i] >> 16) & 255) + ((px[i] >> 8) & 255) + (px[i] & 255) : 0;
    }
    return sum / count(mask);
  }

  /** Mean column of the set pixels. */
  private static double centreX(boolean[] m, int side) {
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      sum += m[i] ? i % side : 0;
    }
    return sum / count(m);
  }

  private static int firstRow(boolean[] m, int side) {
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        return i / side;
      }
    }
    return -1;
  }

  private static int lastRow(boolean[] m, int side) {
    for (int i = m.length - 1; i >= 0; i--) {
      if (m[i]) {
        return i / side;
      }
    }
    return -1;
  }

  /** The set pixels of rows y0..y1 (inclusive). */
  private static boolean[] rows(boolean[] m, int side, int y0, int y1) {
    boolean[] out = new boolean[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i] && i / side >= y0 && i / side <= y1;
    }
    return out;
  }

  /** Width and height of the set pixels' bounding box. */
  private static int[] box(boolean[] m, int side) {
    int x0 = side;
    int x1 = -1;
    int y0 = side;
    int y1 = -1;
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        x0 = Math.min(x0, i % side);
        x1 = Math.max(x1, i % side);
        y0 = Math.min(y0, i / side);
        y1 = Math.max(y1, i / side);
      }
    }
    return new int[] {x1 - x0 + 1, y1 - y0 + 1};
  }

  /** True when two masks hold the same pattern, wherever each lies. */
  private static boolean sameUpToShift(boolean[] a, boolean[] b, int side) {
    if (count(a) != count(b)) {
      return false;
    }
    int[] ba = box(a, side);
    int[] bb = box(b, side);
    if (ba[0] != bb[0] || ba[1] != bb[1]) {
      return false;
    }
    return Arrays.equals(crop(a, side), crop(b, side));
  }

  private static boolean[] crop(boolean[] m, int side) {
    int x0 = side;
    int y0 = side;
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        x0 = Math.min(x0, i % side);
        y0 = Math.min(y0, i / side);
      }
    }
    int[] b = box(m, side);
    boolean[] out = new boolean[b[0] * b[1]];
    for (int y = 0; y < b[1]; y++) {
      for (int x = 0; x < b[0]; x++) {
        out[y * b[0] + x] = m[(y0 + y) * side + x0 + x];
      }
    }
    return out;
  }

  @Test
  void aBuildDrawsThemOnlyWhenAsked_neverInTestComposition_andRecordsThem() throws Exception {
    SampleFactory all = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1)
        .extraSubjects(0.5).randomShapes(1.0).build(), null);
    SampleFactory none = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1)
        .extraSubjects(0.5).randomShapes(0.0).build(), null);
    SampleFactory extras = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1)
        .extraSubjects(0.5).build(), null);
    int drawn = 0;
    for (int i = 0; i < 800; i++) {
      if (all.inSet(i)) {
        continue;  // a counterfactual set draws its own scene (seen subjects in test-counterfactual; CounterfactualSetsTest)
      }
      SampleFactory.Spec a = all.spec(i);
      SampleFactory.Spec n = none.spec(i);
      assertEquals(extras.spec(i), n, "sample " + i + ": share 0 is the build without them");
      assertEquals(n.split(), a.split());
      assertEquals(n.family(), a.family(), "sample " + i + ": the family does not depend on the shapes");
      Kind shapeFree = a.family().shapeFreeSubject();
      if (shapeFree == null) {
        assertEquals(n, a, "sample " + i + ": a family without one is untouched");
      } else if (a.split() == Split.TEST_COMPOSITION) {
        assertEquals(a.family().heldOutSubject(), a.subject(), "sample " + i);
      } else {
        assertEquals(shapeFree, a.subject(), "sample " + i + ": share 1 draws the shape-free subject");
        assertNotEquals(shapeFree, n.subject());
        drawn++;
      }
    }
    assertTrue(drawn > 20, "samples of families with one outside test-composition, got " + drawn);

    new DatasetBuilder(BuildSettings.builder(60, 9).size(64).candidates(2).threads(2).randomShapes(0.5).build(), null)
        .build(tmp.resolve("rs"), false, Progress.NONE);
    var info = new ObjectMapper().readTree(tmp.resolve("rs/dataset.json").toFile());
    assertEquals(0.5, info.path("random_shapes").asDouble(), 1e-12);
    int listed = 0;
    for (var fam : info.path("families")) {
      Kind k = Families.byName(fam.path("name").asText()).shapeFreeSubject();
      assertEquals(k == null ? "" : k.noun(), fam.path("shape_free_subject").asText(""), fam.path("name").asText());
      listed += k == null ? 0 : 1;
    }
    assertEquals(SHAPE_FREE.size(), listed);
    assertTrue(Files.readString(tmp.resolve("rs/corpus.txt")).contains("wax figure"), "facts of the shape-free subjects");
    new DatasetBuilder(BuildSettings.builder(60, 9).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("std"), false, Progress.NONE);
    assertFalse(Files.readString(tmp.resolve("std/corpus.txt")).contains("wax figure"));
    assertFalse(Files.readString(tmp.resolve("std/dataset.json")).contains("random_shapes"));
    for (double bad : List.of(-0.1, 1.5, Double.NaN)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BuildSettings.builder(10, 1).size(64).candidates(4).threads(1).randomShapes(bad).build());
      assertTrue(e.getMessage().contains("--random-shapes"), e.getMessage());
    }
  }
}
