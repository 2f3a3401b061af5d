package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.build.SampleFactory;
import org.reasonbrain.data.build.Split;
import org.reasonbrain.data.families.Distractor;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Families;
import org.reasonbrain.data.families.Family;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.data.families.TakeAway;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.text.Lexicon;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.SceneObject;

/** Take-away samples ({@code --take-away}): any named object taken out of a scene, held-out subjects included. */
class TakeAwayTest {
  @TempDir
  Path tmp;

  @Test
  void everyReservedSubjectIsTakenAwayInItsOwnFamilysScene_butNoneOfTheRivalRulesIsAHost() {
    Set<Kind> reserved = new HashSet<>();
    for (TakeAway t : TakeAway.all()) {
      Family host = t.host();
      assertTrue(Families.all().contains(host), host.name());
      assertFalse(t.hasHeldOutSubject(), "the rule holds nothing out");
      assertEquals(TakeAway.NAME, t.name());
      assertEquals(host.category(), t.category(), "a take-away sample keeps its host's category");
      if (host.hasHeldOutSubject() && t.subjects().contains(host.heldOutSubject())) {
        reserved.add(host.heldOutSubject());
      }
    }
    for (String name : List.of("melt", "drop", "burn", "freeze", "sink-or-float", "tap", "wind", "bloom")) {
      Kind k = Families.byName(name).heldOutSubject();
      assertTrue(reserved.contains(k), name + "'s reserved " + k + " is taken away in a " + name + " scene");
    }
    for (String name : List.of("seesaw", "magnet", "dominoes")) {
      assertTrue(TakeAway.all().stream().noneMatch(t -> t.host().name().equals(name)), name);
    }
  }

  @Test
  void theNamedObjectAndOnlyItLeavesThePicture_andTheWrongOutcomesAreNotTheTarget() {
    Renderer renderer = new Renderer(64);
    for (TakeAway t : TakeAway.all()) {
      for (Kind k : t.subjects()) {
        for (int seed = 0; seed < 4; seed++) {
          String what = t.host().name() + " / " + k + " seed " + seed;
          Episode ep = t.episode(new Random(seed), k, 1);
          Step st = ep.steps().get(0);
          List<SceneObject> named = ep.source().objects().stream().filter(o -> o.kind() == k).toList();
          assertEquals(1, named.size(), what);
          assertEquals(List.of(named.get(0).id()), st.changed(), what);
          assertFalse(st.target().has(named.get(0).id()), what + ": the object is gone");
          assertEquals(ep.source().objects().size() - 1, st.target().objects().size(), what + ": nothing else is");
          assertEquals(ep.source().background(), st.target().background(), what);
          assertEquals(List.of(k.noun()), ep.referencedObjects(), what + ": the instruction names it");
          int[] source = renderer.render(ep.source()).getRGB(0, 0, 64, 64, null, 0, 64);
          int[] target = renderer.render(st.target()).getRGB(0, 0, 64, 64, null, 0, 64);
          assertFalse(java.util.Arrays.equals(source, target), what + ": the picture changes");
          assertEquals(Distractor.NO_CHANGE, st.distractors().get(0).reason());
          for (Distractor d : st.distractors()) {
            assertNotEquals(st.target(), d.scene(), what + ": " + d.reason());
          }
        }
      }
    }
    Family melt = TakeAway.all().stream().filter(t -> t.host().name().equals("melt")).findFirst().orElseThrow();
    for (int seed = 0; seed < 8; seed++) {
      assertEquals("solid", melt.episode(new Random(seed), Kind.SNOWMAN, 1).source().objects().stream()
          .filter(o -> o.kind() == Kind.SNOWMAN).findFirst().orElseThrow().state(), "the snowman stands, not yet a puddle");
    }
    assertThrows(IllegalArgumentException.class, () -> melt.episode(new Random(1), Kind.EGG, 1));
    assertThrows(IllegalArgumentException.class, () -> melt.episode(new Random(1), Kind.SNOWMAN, 2));
  }

  @Test
  void aBuildDrawsThemOnlyInTrainAndVal_leavesEveryOtherSampleAsItWas_andRecordsThem() throws Exception {
    BuildSettings plain = BuildSettings.builder(800, 4).size(64).candidates(2).threads(1).rivals(0.5)
        .heldOutBystanders(0.5).extraSubjects(0.5).randomShapes(0.5).build();
    SampleFactory with = new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1).rivals(0.5)
        .heldOutBystanders(0.5).extraSubjects(0.5).randomShapes(0.5).takeAway(0.3).build(), null);
    SampleFactory without = new SampleFactory(plain, null);
    assertEquals(new SampleFactory(BuildSettings.builder(800, 4).size(64).candidates(2).threads(1).rivals(0.5)
        .heldOutBystanders(0.5).extraSubjects(0.5).randomShapes(0.5).takeAway(0).build(), null)
        .spec(7), without.spec(7));
    int drawn = 0;
    int trainVal = 0;
    for (int i = 0; i < 800; i++) {
      SampleFactory.Spec a = with.spec(i);
      SampleFactory.Spec n = without.spec(i);
      assertEquals(n.split(), a.split());
      boolean inTraining = a.split() == Split.TRAIN || a.split() == Split.VAL;
      trainVal += inTraining ? 1 : 0;
      if (a.family().name().equals(TakeAway.NAME)) {
        assertTrue(inTraining, "sample " + i + " in " + a.split());
        assertEquals(1, a.steps());
        assertTrue(a.family().subjects().contains(a.subject()));
        drawn++;
      } else {
        assertEquals(n, a, "sample " + i + ": a sample not drawn for the rule is the one the build makes without it");
      }
    }
    assertTrue(drawn > 0.2 * trainVal && drawn < 0.4 * trainVal, drawn + " of " + trainVal);

    new DatasetBuilder(BuildSettings.builder(80, 9).size(64).candidates(2).threads(2).heldOutBystanders(0.5)
        .takeAway(1.0).build(), null)
        .build(tmp.resolve("ta"), false, Progress.NONE);
    var info = new ObjectMapper().readTree(tmp.resolve("ta/dataset.json").toFile());
    assertEquals(1.0, info.path("take_away").asDouble(), 1e-12);
    assertEquals(TakeAway.all().size(), info.path("take_away_subjects").size());
    List<Sample> samples = Dataset.load(tmp.resolve("ta")).samples();
    int taken = 0;
    for (Sample s : samples) {
      if (s.split().equals("train") || s.split().equals("val")) {
        assertEquals(TakeAway.NAME, s.family(), s.id());
        String key = s.objects().get(0);
        assertTrue(Lexicon.seen(key).stream().anyMatch(w -> s.instruction().toLowerCase().contains(w.toLowerCase())),
            s.id() + ": '" + s.instruction() + "' names the " + key);
        assertTrue(s.initialInstruction().startsWith("remove the " + key), s.initialInstruction());
        taken++;
      } else {
        assertNotEquals(TakeAway.NAME, s.family(), s.id());
      }
    }
    assertTrue(taken > 40, "train and val samples of an 80-sample build: " + taken);
    assertTrue(Files.readString(tmp.resolve("ta/corpus.txt")).contains("is carried away"), "the rule's facts");
    new DatasetBuilder(BuildSettings.builder(60, 9).size(64).candidates(2).threads(2).build(), null)
        .build(tmp.resolve("std"), false, Progress.NONE);
    assertFalse(Files.readString(tmp.resolve("std/corpus.txt")).contains("carried away"));
    assertFalse(Files.readString(tmp.resolve("std/dataset.json")).contains("take_away"));
    for (double bad : List.of(-0.1, 1.5, Double.NaN)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BuildSettings.builder(10, 1).size(64).candidates(4).threads(1).takeAway(bad).build());
      assertTrue(e.getMessage().contains("--take-away"), e.getMessage());
    }
  }
}
