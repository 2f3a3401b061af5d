package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.reasonbrain.data.families.Distractor;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.data.pipeline.EditRegion;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

class FamiliesTest {
  private final Renderer renderer = new Renderer(64);

  @Test
  void thereAreAtLeast24FamiliesInEveryCategory() {
    assertTrue(Families.all().size() >= 24, "families: " + Families.all().size());
    Map<Category, Integer> per = new EnumMap<>(Category.class);
    Families.all().forEach(f -> per.merge(f.category(), 1, Integer::sum));
    for (Category c : Category.values()) {
      assertTrue(per.getOrDefault(c, 0) >= 3, c + " has " + per.get(c));
      assertTrue(Families.of(c).stream().anyMatch(Family::hasHeldOutSubject), c + " needs a composition family");
    }
    assertTrue(Families.chainable().size() >= 4);
  }

  /** Every family and subject renders; targets differ from sources only inside the edit region. */
  @Test
  void everyFamilyRendersAndEditsStayInsideTheEditRegion() {
    for (Family f : Families.all()) {
      for (Kind subject : f.subjects()) {
        for (int steps = 1; steps <= f.maxSteps(); steps++) {
          for (long seed = 0; seed < 3; seed++) {
            Episode ep = f.episode(new Random(seed * 31 + steps), subject, steps);
            for (int k = 0; k < ep.steps().size(); k++) {
              Step st = ep.steps().get(k);
              Scene before = ep.before(k);
              BufferedImage a = renderer.render(before);
              BufferedImage b = renderer.render(st.target());
              boolean[] diff = Renderer.difference(a, b);
              boolean[] region = EditRegion.of(renderer, before, st.target(), st.changed(), st.backgroundChanged());
              int changed = 0;
              for (int i = 0; i < diff.length; i++) {
                if (diff[i]) {
                  changed++;
                  assertTrue(region[i], f.name() + "/" + subject + " step " + k + ": pixel " + i + " changed outside the edit region");
                }
              }
              assertTrue(changed > 0, f.name() + "/" + subject + ": the target equals the source");
              if (k == ep.steps().size() - 1) {
                for (Distractor d : st.distractors()) {
                  boolean differs = false;
                  for (boolean x : Renderer.difference(b, renderer.render(d.scene()))) {
                    differs |= x;
                  }
                  assertTrue(differs, f.name() + "/" + subject + ": distractor " + d.reason() + " equals the target");
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * A slot is filled with "the " + a noun, so a clause or instruction template must not put its own
   * determiner before it ("the melted {a}" read "the melted the ice cube").
   */
  @Test
  void noTemplatePutsADeterminerBeforeASlot() {
    Pattern doubled = Pattern.compile("\\b(the|a|an|this|that)\\s+(\\w+\\s+)?\\{\\w+\\}", Pattern.CASE_INSENSITIVE);
    for (Family f : Families.all()) {
      List<Kind> all = new ArrayList<>(f.subjects());
      all.addAll(f.extraSubjects());
      for (Kind subject : all) {
        for (int steps = 1; steps <= f.maxSteps(); steps++) {
          for (long seed = 0; seed < 3; seed++) {
            for (Step st : f.episode(new Random(seed * 17 + steps), subject, steps).steps()) {
              List<String> templates = new ArrayList<>(st.clauses());
              templates.add(st.initialTemplate());
              for (String t : templates) {
                assertFalse(doubled.matcher(t).find(), f.name() + "/" + subject + ": \"" + t + "\" doubles the slot's article");
              }
            }
          }
        }
      }
    }
  }

  @Test
  void sameSeedSameEpisode() {
    for (Family f : Families.all()) {
      Kind s = f.subjects().get(0);
      Episode a = f.episode(new Random(42), s, 1);
      Episode b = f.episode(new Random(42), s, 1);
      assertEquals(a.source(), b.source(), f.name());
      assertEquals(a.steps().get(0).target(), b.steps().get(0).target(), f.name());
    }
  }

  /** The seesaw's outcome is in the image: it tilts toward wherever the heavy object sits. */
  @Test
  void seesawOutcomeDependsOnTheImage() {
    Family seesaw = Families.byName("seesaw");
    int left = 0;
    int right = 0;
    for (long seed = 0; seed < 40; seed++) {
      Episode ep = seesaw.episode(new Random(seed), Kind.ELEPHANT, 1);
      SceneObject heavy = ep.source().objects().stream().filter(o -> o.kind() == Kind.ELEPHANT).findFirst().orElseThrow();
      double tilt = ep.steps().get(0).target().get("seesaw").param();
      boolean heavyLeft = heavy.x() < ep.source().get("seesaw").x();
      assertEquals(heavyLeft ? -1.0 : 1.0, tilt, "seed " + seed);
      if (heavyLeft) {
        left++;
      } else {
        right++;
      }
    }
    assertTrue(left > 5 && right > 5, "both sides occur: " + left + "/" + right);
  }

  /** A state-chain family's outcome depends on the state the image shows. */
  @Test
  void ripeningOutcomeDependsOnTheStateShown() {
    Family ripen = Families.byName("ripen");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long seed = 0; seed < 30; seed++) {
      Episode ep = ripen.episode(new Random(seed), Kind.BANANA, 1);
      String from = ep.source().get("subject").state();
      String to = ep.steps().get(0).target().get("subject").state();
      assertFalse(from.equals(to));
      seen.add(from + "->" + to);
    }
    assertEquals(java.util.Set.of("green->yellow", "yellow->spotted", "spotted->brown"), seen);
  }

  @Test
  void rendererRejectsSizesOutOfRange() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Renderer(16));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Renderer(1024));
    Scene s = Families.byName("melt").episode(new Random(1), Kind.ICE_CUBE, 1).source();
    for (int size : new int[] {32, 128, 512}) {
      assertEquals(size, new Renderer(size).render(s).getWidth());
    }
  }
}
