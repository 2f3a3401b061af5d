package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.build.SampleFactory;
import org.reasonbrain.data.families.Distractor;
import org.reasonbrain.data.families.Episode;
import org.reasonbrain.data.families.Rivals;
import org.reasonbrain.data.families.Step;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.world.Renderer;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/** Rival subjects: a second interventable object the instruction leaves alone. */
class RivalsTest {
  @TempDir
  Path tmp;

  @Test
  void aRivalIsInEveryScene_unchangedByEveryStep_andItsChangeIsADistractor() {
    SampleFactory f = new SampleFactory(new BuildSettings(600, 4, 64, 2, 1, 1.0), null);
    Renderer renderer = new Renderer(64);
    int withRival = 0;
    for (int i = 0; i < 600; i++) {
      Episode ep = f.episode(i);
      if (!ep.source().has(Rivals.ID)) {
        continue;
      }
      withRival++;
      SceneObject rival = ep.source().get(Rivals.ID);
      assertNotEquals(ep.subject(), rival.kind(), "sample " + i + ": the rival is another kind than the subject");
      for (SceneObject o : ep.source().objects()) {
        if (!o.id().equals(Rivals.ID)) {
          assertNotEquals(o.kind(), rival.kind(), "sample " + i + ": no other object of the rival's kind");
        }
      }
      for (int k = 0; k < ep.steps().size(); k++) {
        Step s = ep.steps().get(k);
        assertEquals(rival, s.target().get(Rivals.ID), "sample " + i + " step " + k + ": the rival is left alone");
        assertFalse(s.changed().contains(Rivals.ID));
        Distractor last = s.distractors().get(s.distractors().size() - 1);
        assertEquals(Rivals.RIVAL_CHANGED, last.reason());
        SceneObject changed = last.scene().get(Rivals.ID);
        assertNotEquals(rival, changed, "sample " + i + ": the rival-changed distractor changes the rival");
        // Everything but the rival is as before the step.
        assertEquals(ep.before(k).remove(Rivals.ID).objects(), last.scene().remove(Rivals.ID).objects());
        // The changed rival and the initial one stay clear of the host's objects.
        boolean[] r = Renderer.union(renderer.silhouette(rival), renderer.silhouette(changed));
        for (SceneObject o : s.target().objects()) {
          if (!o.id().equals(Rivals.ID)) {
            boolean[] m = renderer.silhouette(o);
            for (int p = 0; p < m.length; p++) {
              assertFalse(m[p] && r[p], "sample " + i + ": rival overlaps " + o.id());
            }
          }
        }
      }
    }
    assertTrue(withRival > 200, "most samples find a place for a rival, got " + withRival + " of 600");
  }

  @Test
  void rivalsZeroIsTheStandardBuild_andTheShareIsRecorded() throws Exception {
    new DatasetBuilder(new BuildSettings(60, 9, 64, 4, 2), null).build(tmp.resolve("std"), false, Progress.NONE);
    new DatasetBuilder(new BuildSettings(60, 9, 64, 4, 2, 0.0), null).build(tmp.resolve("zero"), false, Progress.NONE);
    new DatasetBuilder(new BuildSettings(60, 9, 64, 4, 2, 0.5), null).build(tmp.resolve("half"), false, Progress.NONE);
    assertEquals(Files.readString(tmp.resolve("std/manifest.jsonl")), Files.readString(tmp.resolve("zero/manifest.jsonl")));
    assertEquals(Files.readString(tmp.resolve("std/dataset.json")), Files.readString(tmp.resolve("zero/dataset.json")));
    assertFalse(Files.readString(tmp.resolve("std/dataset.json")).contains("rivals"));
    assertTrue(Files.readString(tmp.resolve("half/dataset.json")).contains("\"rivals\""));
    Dataset half = Dataset.load(tmp.resolve("half"));
    long rivalDistractors = half.samples().stream().flatMap(s -> s.distractorTargets().stream())
        .filter(d -> d.reason().equals(Rivals.RIVAL_CHANGED)).count();
    assertTrue(rivalDistractors > 0, "evaluated samples carry rival-changed distractors");
    // Sources with a rival have one more instance mask than the same sample without it.
    List<Sample> std = Dataset.load(tmp.resolve("std")).samples();
    int more = 0;
    for (int i = 0; i < std.size(); i++) {
      int a = std.get(i).masks().size();
      int b = half.samples().get(i).masks().size();
      assertTrue(b == a || b == a + 1, "sample " + i);
      more += b - a;
    }
    assertTrue(more > 0);
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BuildSettings(10, 1, 64, 4, 1, 1.5));
    assertTrue(e.getMessage().contains("--rivals"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BuildSettings(10, 1, 64, 4, 1, Double.NaN));
    assertTrue(Arrays.asList(0.0, 1.0).stream().allMatch(v -> new BuildSettings(10, 1, 64, 4, 1, v).rivals() == v));
  }
}
