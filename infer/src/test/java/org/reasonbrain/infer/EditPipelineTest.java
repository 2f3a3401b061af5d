package org.reasonbrain.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;

/** The pipeline on an untrained tiny model: shapes, seeds, chains, inferred objects, bad input. */
class EditPipelineTest {
  static EditPipeline pipe;

  @BeforeAll
  static void open() {
    NDManager m = NDManager.newBaseManager();
    pipe = new EditPipeline(m, new ReasonBrain(m, 1, ReasonBrainConfig.tiny()), new MiniLmTextEncoder());
  }

  @AfterAll
  static void close() {
    pipe.close();
  }

  static BufferedImage image(int w, int h, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    var g = img.createGraphics();
    g.setColor(java.awt.Color.BLUE);
    g.fillRect(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    return img;
  }

  /** The image with a red square drawn in its top right (a target that differs from its source there). */
  static BufferedImage withRedSquare(BufferedImage img) {
    var g = img.createGraphics();
    g.setColor(java.awt.Color.RED);
    g.fillRect(40, 4, 12, 12);
    g.dispose();
    return img;
  }

  /** The largest difference, in 8-bit levels, of any channel of any pixel between two RGB pixel arrays. */
  private static int worstLevelDifference(int[] x, int[] y) {
    int worst = 0;
    for (int p = 0; p < x.length; p++) {
      for (int sh = 0; sh < 24; sh += 8) {
        worst = Math.max(worst, Math.abs(((x[p] >> sh) & 255) - ((y[p] >> sh) & 255)));
      }
    }
    return worst;
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  @Test
  void aBatchEditsEachPairAsAloneAndRefusesMismatchedLists() {
    var o = new EditPipeline.Options(3, 7.5, 1.5, 5);
    BufferedImage a = image(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage b = image(80, 60, BufferedImage.TYPE_INT_ARGB);
    String ia = "What would happen if the ice cube was left in the sun?";
    String ib = "What if the princess kissed the frog?";
    int[] steps = new int[1];
    List<EditPipeline.Result> batch = pipe.editBatch(List.of(a, b), List.of(ia, ib), o, (d, t) -> steps[0] = d);
    assertEquals(2, batch.size());
    assertEquals(3, steps[0]);
    for (int i = 0; i < 2; i++) {
      var alone = pipe.edit(i == 0 ? a : b, i == 0 ? ia : ib, o);
      int worst = worstLevelDifference(pixels(alone.image()), pixels(batch.get(i).image()));
      assertTrue(worst <= 2, "pair " + i + " differs from its edit alone by " + worst + " levels");
      assertEquals(alone.category(), batch.get(i).category());
      assertEquals(alone.objects(), batch.get(i).objects());
    }
    assertFalse(java.util.Arrays.equals(pixels(batch.get(0).image()), pixels(batch.get(1).image())));
    assertThrows(IllegalArgumentException.class, () -> pipe.editBatch(List.of(a), List.of(ia, ib), o, (d, t) -> {}));
    assertThrows(IllegalArgumentException.class, () -> pipe.editBatch(List.of(), List.of(), o, (d, t) -> {}));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> pipe.editBatch(List.of(a, b), List.of(ia, " "), o, (d, t) -> {}))
        .getMessage().contains("empty"));
  }

  @Test
  void seededEditsAndWhatWasInferred() {
    var o = new EditPipeline.Options(4, 7.5, 1.5, 3);
    var a = pipe.edit(image(64, 64, BufferedImage.TYPE_INT_RGB), "What would happen if the ice cube was left in the sun?", o);
    var b = pipe.edit(image(64, 64, BufferedImage.TYPE_INT_RGB), "What would happen if the ice cube was left in the sun?", o);
    assertEquals(64, a.image().getWidth());
    assertArrayEquals(pixels(a.image()), pixels(b.image()), "same seed, same edit");
    var c = pipe.edit(image(64, 64, BufferedImage.TYPE_INT_RGB), "What would happen if the ice cube was left in the sun?",
        new EditPipeline.Options(4, 7.5, 1.5, 4));
    assertFalse(java.util.Arrays.equals(pixels(a.image()), pixels(c.image())), "another seed, another edit");
    assertTrue(a.objects().contains("ice cube"), a.objects().toString());
    assertEquals("physical", a.category());
  }

  @Test
  void categoriesAreGuessed() {
    var o = new EditPipeline.Options(1, 7.5, 1.5, 0);
    BufferedImage img = image(64, 64, BufferedImage.TYPE_INT_RGB);
    assertEquals("temporal", pipe.edit(img, "What if ten years passed for the little tree?", o).category());
    assertEquals("story", pipe.edit(img, "What would happen if the princess kissed the frog?", o).category());
  }

  @Test
  void anyImageIsConvertedAndChainsFeedForward() {
    var o = new EditPipeline.Options(2, 7.5, 1.5, 0);
    for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_USHORT_GRAY}) {
      assertEquals(64, pipe.edit(image(100, 80, type), "What if the ball was kicked?", o).image().getHeight());
    }
    var chain = pipe.chain(image(64, 64, BufferedImage.TYPE_INT_RGB), List.of("What if the ice melted?", "What if the puddle dried?"), o);
    assertEquals(2, chain.size());
  }

  @Test
  void etaAddsSeededNoiseAndStaysReproducible() {
    BufferedImage img = image(64, 64, BufferedImage.TYPE_INT_RGB);
    String instr = "What would happen if the ice cube was left in the sun?";
    var spacing = org.reasonbrain.sampling.DdimSampler.Spacing.LEADING;
    var det = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2, 0, spacing, 0));
    var anc = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2, 0, spacing, 1));
    var again = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2, 0, spacing, 1));
    var otherSeed = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 3, 0, spacing, 1));
    var byDefault = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2)).image();
    assertArrayEquals(pixels(Double.parseDouble(EditPipeline.Options.ETA) == 0 ? det.image() : anc.image()), pixels(byDefault),
        "the default eta is EditPipeline.Options.ETA");
    assertFalse(java.util.Arrays.equals(pixels(det.image()), pixels(anc.image())), "eta 1 adds noise");
    assertArrayEquals(pixels(anc.image()), pixels(again.image()), "the noise is seeded");
    assertFalse(java.util.Arrays.equals(pixels(anc.image()), pixels(otherSeed.image())));
    assertThrows(IllegalArgumentException.class, () -> new EditPipeline.Options(3, 7.5, 1.5, 2, 0, spacing, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new EditPipeline.Options(3, 7.5, 1.5, 2, 0, spacing, -0.1));
  }

  @Test
  void preserveKeepsTheSourceWhereTheLatentDidNotChange() {
    BufferedImage img = image(64, 64, BufferedImage.TYPE_INT_RGB);
    String instr = "What would happen if the ice cube was left in the sun?";
    var plain = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2));
    // No cell changes more than 1e6: every pixel is the source's own.
    var kept = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2, 1e6));
    assertArrayEquals(pixels(img), pixels(kept.image()), "nothing counted as changed, so the source comes back");
    // Every cell of an untrained model's sample changes by more than 1e-6: the decoded sample as it is.
    var all = pipe.edit(img, instr, new EditPipeline.Options(3, 7.5, 1.5, 2, 1e-6));
    assertArrayEquals(pixels(plain.image()), pixels(all.image()));
    assertFalse(java.util.Arrays.equals(pixels(img), pixels(plain.image())));
    assertThrows(IllegalArgumentException.class, () -> new EditPipeline.Options(3, 7.5, 1.5, 2, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new EditPipeline.Options(3, 7.5, 1.5, 2, Double.NaN));
  }

  @Test
  void theOracleThroughPreserveKeepsTheSourceWhereTheTargetsLatentIsTheSame() {
    BufferedImage src = image(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage tgt = withRedSquare(image(64, 64, BufferedImage.TYPE_INT_RGB));
    assertArrayEquals(pixels(pipe.reconstruct(tgt)), pixels(pipe.reconstruct(tgt, src, 0)), "preserve 0: the plain reconstruction");
    assertArrayEquals(pixels(src), pixels(pipe.reconstruct(tgt, src, 1e6)), "nothing changed enough: the source itself");
  }

  @Test
  void keepPixelsReturnsTheSourceWhereTheEditDecodesAsTheSourceDoes() {
    BufferedImage src = image(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage tgt = withRedSquare(image(64, 64, BufferedImage.TYPE_INT_RGB));
    try {
      int[] plain = pixels(pipe.reconstruct(tgt, src, 0));
      assertFalse(java.util.Arrays.equals(pixels(src), pixels(pipe.reconstruct(src))), "the decoder alone does not return the source");
      pipe.keepPixels(0.05);
      assertEquals(0.05, pipe.keepPixels());
      assertArrayEquals(pixels(src), pixels(pipe.reconstruct(src, src, 0)), "the source as its own target: the source itself");
      int[] kept = pixels(pipe.reconstruct(tgt, src, 0));
      assertFalse(java.util.Arrays.equals(pixels(src), kept), "a changed target is not the source");
      pipe.keepPixels(0);
      assertArrayEquals(plain, pixels(pipe.reconstruct(tgt, src, 0)), "0: off");
      String instr = "What would happen if the ice cube was left in the sun?";
      EditPipeline.Options o = new EditPipeline.Options(3, 7.5, 1.5, 2);
      int[] edited = pixels(pipe.edit(src, instr, o).image());
      int[] keptEdit = pixels(pipe.keepPixels(0.5).edit(src, instr, o).image());
      assertFalse(java.util.Arrays.equals(edited, keptEdit), "the edit's pixels within 0.5 of the source's decoding are the source's");
      assertThrows(IllegalArgumentException.class, () -> pipe.keepPixels(0.6));
      assertThrows(IllegalArgumentException.class, () -> pipe.keepPixels(-0.1));
      assertThrows(IllegalArgumentException.class, () -> pipe.keepPixels(Double.NaN));
    } finally {
      pipe.keepPixels(0);
    }
  }

  @Test
  void aModelFolderWithABadKeepPixelsIsRefusedNamingTheField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("checkpoint"));
    java.nio.file.Files.writeString(dir.resolve("checkpoint/model.safetensors"), "");
    java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"preset\": \"tiny\", \"keepPixels\": 0.9}");
    var e = assertThrows(java.io.IOException.class, () -> EditPipeline.load(dir));
    assertTrue(e.getMessage().contains("keepPixels") && e.getMessage().contains("0.9"), e.getMessage());
  }

  @Test
  void aDecoderWithASourceBranchReadsEachEditsSource() {
    NDManager m = NDManager.newBaseManager();
    ReasonBrain cond = new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withDecoderSource(true));
    long seed = 21;
    for (var e : cond.vae().sourceBranchParameters().entrySet()) {
      if (e.getKey().contains("conv2.weight") && e.getKey().contains("fuse_")) {
        float[] v = new float[Math.toIntExact(e.getValue().value().size())];
        java.util.Random r = new java.util.Random(seed++);
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (0.05 * r.nextGaussian());
        }
        e.getValue().assign(v);
      }
    }
    try (EditPipeline withSource = new EditPipeline(m, cond, new MiniLmTextEncoder())) {
      BufferedImage src = image(64, 64, BufferedImage.TYPE_INT_RGB);
      BufferedImage tgt = withRedSquare(image(64, 64, BufferedImage.TYPE_INT_RGB));
      // The oracle decodes the target beside its source; the plain reconstruction reads no source.
      assertFalse(java.util.Arrays.equals(pixels(withSource.reconstruct(tgt)), pixels(withSource.reconstruct(tgt, src, 0))));
      assertArrayEquals(pixels(pipe.reconstruct(tgt)), pixels(withSource.reconstruct(tgt)), "no source: the same weights' plain decoder");
      // An edit decodes beside its own source: the same weights without the branch edit differently.
      String instr = "What would happen if the ice cube was left in the sun?";
      var o = new EditPipeline.Options(2, 7.5, 1.5, 3);
      var a = withSource.edit(src, instr, o);
      assertEquals(64, a.image().getWidth());
      assertFalse(java.util.Arrays.equals(pixels(pipe.edit(src, instr, o).image()), pixels(a.image())));
      int worst = worstLevelDifference(pixels(a.image()),
          pixels(withSource.editBatch(List.of(tgt, src), List.of(instr, instr), o, (d, t) -> { }).get(1).image()));
      assertTrue(worst <= 2, "in a batch the pair reads its own source: " + worst + " levels off its edit alone");
      // The instruction's edit mask: every cell the instruction moves at all is the edit's -> the plain decoder's
      // edit exactly; only the cells it moves most -> the branch still acts elsewhere.
      assertArrayEquals(pixels(pipe.edit(src, instr, o).image()), pixels(withSource.sourceEditMask(1e-9).edit(src, instr, o).image()));
      int[] top = pixels(withSource.sourceEditMask(0.99).edit(src, instr, o).image());
      assertFalse(java.util.Arrays.equals(pixels(a.image()), top), "the cells it moves most are closed");
      assertFalse(java.util.Arrays.equals(pixels(pipe.edit(src, instr, o).image()), top), "and the rest open");
      assertArrayEquals(pixels(a.image()), pixels(withSource.sourceEditMask(0).edit(src, instr, o).image()), "0: off");
      assertThrows(IllegalArgumentException.class, () -> withSource.sourceEditMask(1));
      assertThrows(IllegalArgumentException.class, () -> withSource.sourceEditMask(-0.1));
      // The oracle under the edit mask closes the branch where the target differs from its source (the perfect mask):
      // a target that differs everywhere -> the plain decoder's reconstruction; the source as its own target -> the
      // open branch's; the red square -> neither (only the square's cells, grown by one, are closed).
      BufferedImage green = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
      var g = green.createGraphics();
      g.setColor(java.awt.Color.GREEN);
      g.fillRect(0, 0, 64, 64);
      g.dispose();
      int[] openOnSource = pixels(withSource.sourceEditMask(0).reconstruct(src, src, 0));
      int[] openOnSquare = pixels(withSource.reconstruct(tgt, src, 0));
      withSource.sourceEditMask(0.7);
      // (To a level: the branch decodes target and source as one batch of two, and a CPU's convolution kernels may round
      // a batch of two differently from a batch of one, as oneDNN's AVX kernels on an AMD EPYC do.)
      int allChanged = worstLevelDifference(pixels(pipe.reconstruct(green)), pixels(withSource.reconstruct(green, src, 0)));
      assertTrue(allChanged <= 1, "all changed: the plain decoder, " + allChanged + " levels off");
      assertArrayEquals(openOnSource, pixels(withSource.reconstruct(src, src, 0)), "nothing changed: the open branch");
      int[] masked = pixels(withSource.reconstruct(tgt, src, 0));
      assertFalse(java.util.Arrays.equals(openOnSquare, masked), "the square's cells are closed");
      assertFalse(java.util.Arrays.equals(pixels(pipe.reconstruct(tgt)), masked), "the rest open");
      // Keeping the source's pixels under the edit mask: the cells the target changes (the square's, not grown) keep the
      // decoded edit whatever its difference; outside them a pixel drawn within 0.5 of the source's decoding is the source's.
      withSource.keepPixels(0.5);
      int[] kept = pixels(withSource.reconstruct(tgt, src, 0));
      for (int y = 4; y < 16; y++) {
        for (int x = 40; x < 52; x++) {
          assertEquals(masked[y * 64 + x], kept[y * 64 + x], "the square's own cells: the edit's pixel (" + x + ", " + y + ")");
        }
      }
      assertFalse(java.util.Arrays.equals(masked, kept), "elsewhere the source's pixels");
      assertArrayEquals(pixels(src), pixels(withSource.reconstruct(src, src, 0)), "nothing changed: the source itself");
      withSource.keepPixels(0);
    }
  }

  @Test
  void editLatentsAreWhatAnEditDecodes() {
    String instr = "What would happen if the ice cube was left in the sun?";
    var o = new EditPipeline.Options(2, 7.5, 1.5, 3);
    BufferedImage src = image(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage other = withRedSquare(image(64, 64, BufferedImage.TYPE_INT_RGB));
    // Without an edit mask: no cells, and the plain decoder of the latents is the edit.
    var plain = pipe.editLatents(List.of(src, other), List.of(instr, instr), o);
    assertArrayEquals(new long[] {2, 4, 16, 16}, plain.shape());
    assertEquals(null, plain.editCells());
    try (NDManager m = NDManager.newBaseManager()) {
      pipe.model().tempAttach(m);
      float[] z1 = java.util.Arrays.copyOfRange(plain.latents(), 4 * 16 * 16, 2 * 4 * 16 * 16);
      float[] img = pipe.model().vae().decode(m.create(z1, new ai.djl.ndarray.types.Shape(1, 4, 16, 16))).clip(-1f, 1f).toFloatArray();
      assertArrayEquals(pixels(pipe.edit(other, instr, o).image()), pixels(org.reasonbrain.core.image.Images.fromChwSigned(img, 64)),
          "the second pair's latents decode to its edit");
    }
    // With a source branch under the edit mask: the cells, and the latents decoded beside the source with the branch
    // closed on the cells grown by one are the edit.
    NDManager m = NDManager.newBaseManager();
    ReasonBrain cond = new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withDecoderSource(true));
    try (EditPipeline withSource = new EditPipeline(m, cond, new MiniLmTextEncoder()).sourceEditMask(0.7)) {
      var e = withSource.editLatents(List.of(src), List.of(instr), o);
      assertEquals(16 * 16, e.editCells().length);
      double share = 0;
      for (float c : e.editCells()) {
        assertTrue(c == 0 || c == 1, "cells are 0 or 1: " + c);
        share += c / 256.0;
      }
      assertTrue(share > 0 && share < 1, "some cells are the edit's: " + share);
      try (NDManager k = m.newSubManager()) {
        cond.tempAttach(k);
        float[] px = new float[3 * 64 * 64];
        org.reasonbrain.core.image.Images.toChwSigned(src, px, 0);
        var keep = org.reasonbrain.model.diffusion.Autoencoder.keepOutside(
            k.create(e.editCells(), new ai.djl.ndarray.types.Shape(1, 1, 16, 16)).gt(0.5f));
        float[] img = cond.vae().decode(k.create(e.latents(), new ai.djl.ndarray.types.Shape(1, 4, 16, 16)),
            k.create(px, new ai.djl.ndarray.types.Shape(1, 3, 64, 64)), keep).clip(-1f, 1f).toFloatArray();
        assertArrayEquals(pixels(withSource.edit(src, instr, o).image()), pixels(org.reasonbrain.core.image.Images.fromChwSigned(img, 64)));
      }
    }
  }

  @Test
  void badInstructionsAreRefused() {
    var o = EditPipeline.Options.defaults();
    BufferedImage img = image(64, 64, BufferedImage.TYPE_INT_RGB);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> pipe.edit(img, "   ", o)).getMessage().contains("empty"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> pipe.edit(img, "x".repeat(301), o)).getMessage().contains("301"));
    assertThrows(IllegalArgumentException.class, () -> new EditPipeline.Options(0, 7.5, 1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> pipe.chain(img, List.of(), o));
  }
}
