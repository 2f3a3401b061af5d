package org.reasonbrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.build.SampleFactory;
import org.reasonbrain.data.build.Split;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.ManifestCodec;
import org.reasonbrain.data.format.Sample;
import org.reasonbrain.data.text.NullRequests;

/** Counterfactual sets: one picture, four requests, four exact truths. */
class CounterfactualSetsTest {
  @TempDir
  static Path tmp;
  static Dataset ds;

  @BeforeAll
  static void build() throws Exception {
    new DatasetBuilder(BuildSettings.builder(300, 77).size(64).candidates(2).threads(2).rivals(1.0)
        .build().withCounterfactual(0.5), null)
        .build(tmp.resolve("cf"), false, Progress.NONE);
    ds = Dataset.load(tmp.resolve("cf"));
  }

  private static Map<String, List<Sample>> sets(String split) {
    return ds.split(split).stream().filter(Sample::inSet)
        .collect(Collectors.groupingBy(Sample::set, LinkedHashMap::new, Collectors.toList()));
  }

  private static float[] px(String rel) throws Exception {
    return Images.toFloatHwc(ds.image(rel));
  }

  @Test
  void theDefaultBuildHasAWholeSetSplit_andTrainGetsTheShareAskedFor() {
    Map<String, List<Sample>> test = sets(Split.TEST_COUNTERFACTUAL.label());
    assertFalse(test.isEmpty(), "test-counterfactual holds sets");
    assertEquals(ds.split(Split.TEST_COUNTERFACTUAL.label()).size(), 4 * test.size(), "whole sets only");
    for (List<Sample> set : test.values()) {
      assertEquals(Sample.MEMBERS, set.stream().map(Sample::member).toList(), "host, rival, null, absent in order");
    }
    long train = ds.split("train").size();
    long inSets = ds.split("train").stream().filter(Sample::inSet).count();
    assertTrue(inSets > 0.3 * train && inSets < 0.7 * train, inSets + " of " + train + " train rows in sets at share 0.5");
  }

  @Test
  void membersShareTheSourceBytes_andNullAndAbsentTargetsAreTheSource() throws Exception {
    for (var e : sets(Split.TEST_COUNTERFACTUAL.label()).entrySet()) {
      List<Sample> set = e.getValue();
      byte[] first = Files.readAllBytes(ds.dir().resolve(set.get(0).source()));
      for (Sample s : set) {
        assertArrayEquals(first, Files.readAllBytes(ds.dir().resolve(s.source())), e.getKey() + ": " + s.id() + "'s source");
        if (s.member().equals(Sample.NULL) || s.member().equals(Sample.ABSENT)) {
          assertArrayEquals(px(s.source()), px(s.target()), s.id() + ": a " + s.member() + " member's truth is the source");
        } else {
          assertFalse(java.util.Arrays.equals(px(s.source()), px(s.target())), s.id() + ": a " + s.member() + " member changes the scene");
        }
      }
      Sample host = set.get(0);
      Sample rival = set.get(1);
      assertFalse(java.util.Arrays.equals(px(host.target()), px(rival.target())), e.getKey() + ": host and rival truths differ");
      // Every member's wrong outcomes hold the other members' truths.
      for (Sample s : set) {
        List<float[]> wrong = new ArrayList<>();
        for (var d : s.distractorTargets()) {
          wrong.add(px(d.path()));
        }
        for (Sample o : set) {
          if (!java.util.Arrays.equals(px(o.target()), px(s.target()))) {
            float[] t = px(o.target());
            assertTrue(wrong.stream().anyMatch(w -> java.util.Arrays.equals(w, t)),
                s.id() + " (" + s.member() + ") lacks " + o.member() + "'s truth among its distractors");
          }
        }
      }
    }
  }

  @Test
  void theRivalMemberKeepsTheHostPixelForPixelOutsideTheRivalsRegion() throws Exception {
    int checked = 0;
    for (List<Sample> set : sets(Split.TEST_COUNTERFACTUAL.label()).values()) {
      Sample rival = set.get(1);
      float[] src = px(rival.source());
      float[] tgt = px(rival.target());
      boolean[] region = ds.mask(rival.editMask(), 64, 64);
      int changedInside = 0;
      for (int p = 0; p < region.length; p++) {
        boolean same = src[3 * p] == tgt[3 * p] && src[3 * p + 1] == tgt[3 * p + 1] && src[3 * p + 2] == tgt[3 * p + 2];
        if (!region[p]) {
          assertTrue(same, rival.id() + ": pixel " + p + " outside the rival's region changed");
        } else if (!same) {
          changedInside++;
        }
      }
      assertTrue(changedInside > 0, rival.id() + ": the rival changes");
      checked++;
    }
    assertTrue(checked > 0);
  }

  @Test
  void nullRequestsComeFromTheGrammar_andAbsentOnesNameNoObjectOfTheScene() {
    for (List<Sample> set : sets(Split.TEST_COUNTERFACTUAL.label()).values()) {
      Sample nul = set.get(2);
      assertTrue(NullRequests.seen().contains(nul.instruction()), nul.instruction());
      Sample absent = set.get(3);
      List<String> present = absent.masks().stream().map(Sample.MaskRef::label).toList();
      assertFalse(absent.objects().isEmpty(), absent.id() + " names an object");
      for (String o : absent.objects()) {
        assertFalse(present.contains(o), absent.id() + ": '" + o + "' is in the scene " + present);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameSets_andNoShareLeavesTrainStandard() throws Exception {
    SampleFactory a = new SampleFactory(BuildSettings.builder(300, 77).size(64).candidates(2).threads(1).rivals(1.0)
        .build().withCounterfactual(0.5), null);
    SampleFactory none = new SampleFactory(BuildSettings.builder(300, 77).size(64).candidates(2).threads(1).rivals(1.0)
        .build(), null);
    SampleFactory zero = new SampleFactory(BuildSettings.builder(300, 77).size(64).candidates(2).threads(1).rivals(1.0)
        .build().withCounterfactual(0), null);
    for (int i = 0; i < 300; i++) {
      assertEquals(none.spec(i), zero.spec(i), "share 0 is the build without sets");
      if (a.inSet(i) && a.plan().splitOf(i) == Split.TRAIN) {
        assertFalse(none.inSet(i), "sample " + i + ": no train sets without the share");
      }
    }
    Path again = tmp.resolve("again");
    new DatasetBuilder(BuildSettings.builder(300, 77).size(64).candidates(2).threads(1).rivals(1.0)
        .build().withCounterfactual(0.5), null).build(again, false, Progress.NONE);
    assertArrayEquals(Files.readAllBytes(ds.dir().resolve("manifest.jsonl")), Files.readAllBytes(again.resolve("manifest.jsonl")),
        "the same seed on another thread count gives the same manifest");
  }

  @Test
  void theManifestCarriesSetAndMember_andRejectsHalfOrUnknownOnes() throws Exception {
    Sample s = ds.split(Split.TEST_COUNTERFACTUAL.label()).get(1);
    assertEquals(s, ManifestCodec.decode(ManifestCodec.encode(s)));
    String line = ManifestCodec.encode(s);
    var bad = assertThrows(ManifestCodec.BadLineException.class, () -> ManifestCodec.decode(line.replace("\"member\":\"rival\"", "\"member\":\"other\"")));
    assertEquals("member", bad.field());
    var half = assertThrows(ManifestCodec.BadLineException.class, () -> ManifestCodec.decode(line.replaceAll("\"member\":\"rival\",?", "")));
    assertEquals("member", half.field());
    Sample old = ManifestCodec.decode(line.replaceAll("\"set\":\"[^\"]*\",\"member\":\"rival\",", ""));
    assertFalse(old.inSet(), "a line without set loads as before");
    assertNotNull(old.source());
  }

  @Test
  void dataCheckNamesASetSplitAcrossSplitsOrShowingTwoPictures() throws Exception {
    Path copy = tmp.resolve("broken");
    new DatasetBuilder(BuildSettings.builder(300, 78).size(64).candidates(2).threads(2).rivals(1.0).build(), null)
        .build(copy, false, Progress.NONE);
    List<String> lines = new ArrayList<>(Files.readAllLines(copy.resolve("manifest.jsonl")));
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"member\":\"rival\"")) {
        at = i;
        break;
      }
    }
    assertTrue(at > 0);
    Sample rival = ManifestCodec.decode(lines.get(at));
    Sample other = ManifestCodec.decode(lines.get(0));
    lines.set(at, lines.get(at).replace("\"source\":\"" + rival.source() + "\"", "\"source\":\"" + other.source() + "\""));
    int absentAt = at + 2;
    lines.set(absentAt, lines.get(absentAt).replace("\"split\":\"test-counterfactual\"", "\"split\":\"test-id\""));
    Files.write(copy.resolve("manifest.jsonl"), lines);
    var problems = Dataset.check(copy, true);
    assertTrue(problems.stream().anyMatch(p -> p.line() == absentAt + 1 && "split".equals(p.field())), problems.toString());
    int rivalLine = at + 1;
    assertTrue(problems.stream().anyMatch(p -> p.line() == rivalLine && "source".equals(p.field())), problems.toString());
  }
}
