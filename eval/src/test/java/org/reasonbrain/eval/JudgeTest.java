package org.reasonbrain.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.build.BuildSettings;
import org.reasonbrain.data.build.DatasetBuilder;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

class JudgeTest {
  @Test
  void targetScoresOneAndSourceAndDistractorsZeroInEveryFamily(@TempDir Path tmp) throws Exception {
    new DatasetBuilder(new BuildSettings(1500, 4, 64, 2, 2), null).build(tmp.resolve("d"), false, Progress.NONE);
    Dataset ds = Dataset.load(tmp.resolve("d"));
    Set<String> families = new HashSet<>();
    for (Sample s : ds.samples()) {
      if (s.distractorTargets().isEmpty()) {
        continue;
      }
      families.add(s.family());
      BufferedImage src = ds.image(s.source());
      BufferedImage tgt = ds.image(s.target());
      List<BufferedImage> dis = new ArrayList<>();
      for (var d : s.distractorTargets()) {
        dis.add(ds.image(d.path()));
      }
      Judge.Verdict perfect = Judge.judge(tgt, src, tgt, dis);
      assertTrue(perfect.lenient() && perfect.strict(), s.id() + " " + s.family() + " target: " + perfect);
      if (s.steps().isEmpty()) {
        assertFalse(Judge.judge(src, src, tgt, dis).lenient(), s.id() + " " + s.family() + ": the source passed");
      }
      for (int i = 0; i < dis.size(); i++) {
        Judge.Verdict v = Judge.judge(dis.get(i), src, tgt, dis);
        assertFalse(v.lenient(), s.id() + " " + s.family() + ": distractor " + s.distractorTargets().get(i).reason() + " passed");
      }
    }
    assertTrue(families.size() >= 24, "families judged: " + families.size());
  }

  @Test
  void aNoisyEditOfTheTargetPassesLenientButNotStrict() {
    BufferedImage src = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    BufferedImage tgt = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    BufferedImage dis = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    var g = tgt.createGraphics();
    g.setColor(java.awt.Color.RED);
    g.fillRect(8, 8, 10, 10);
    g.dispose();
    g = dis.createGraphics();
    g.setColor(java.awt.Color.GREEN);
    g.fillRect(8, 8, 10, 10);
    g.dispose();
    float[] px = Images.toFloatHwc(tgt);
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < px.length; i++) {
      px[i] += (float) (r.nextGaussian() * 0.25);
    }
    Judge.Verdict v = Judge.judge(Images.fromFloatHwc(px, 32, 32), src, tgt, List.of(dis));
    assertTrue(v.lenient(), v.toString());
    assertFalse(v.strict(), v.toString());
    assertEquals(0.0, Judge.judge(tgt, src, tgt, List.of(dis)).outsideL1(), 1e-9);
  }
}
