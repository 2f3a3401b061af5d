package org.reasonbrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.nn.Checkpoints;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.model.cme.CrossModalEnhancer;
import org.reasonbrain.model.cme.Enhancer;
import org.reasonbrain.model.diffusion.Autoencoder;
import org.reasonbrain.model.diffusion.UNet;
import org.reasonbrain.model.encoders.ImageEncoder;
import org.reasonbrain.model.frce.ColorSegmenter;
import org.reasonbrain.model.frce.IdController;
import org.reasonbrain.model.frce.PatchBranch;
import org.reasonbrain.model.frce.RegionBranch;
import org.reasonbrain.model.mllm.ImageAdapter;
import org.reasonbrain.model.mllm.MllmDecoder;
import org.reasonbrain.model.qformer.QFormer;

/** Every box of Fig. 4 alone: output shape, gradients to every trainable parameter, seeds, save/load. */
class BlocksTest {
  static NDManager m;
  @TempDir
  static Path tmp;

  @BeforeAll
  static void open() {
    m = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    m.close();
  }

  static NDArray randn(NDManager mm, long seed, long... shape) {
    return ReasonBrainTest.randn(mm, seed, shape);
  }

  /**
   * Builds the block twice from the same seed, checks the output shape and equality, that sum(out^2)
   * sends a non-zero gradient to every trainable parameter, and that a save/load round trip into a
   * third, differently seeded block reproduces the output exactly.
   */
  static void check(String name, Function<Random, Module> build, BiFunction<Module, NDManager, NDArray> fwd, Shape expected) throws Exception {
    Module a = build.apply(new Random(1));
    Module b = build.apply(new Random(1));
    try (NDManager s = m.newSubManager()) {
      NDArray out = fwd.apply(a, s);
      assertEquals(expected, out.getShape(), name);
      assertTrue(Float.isFinite(out.sum().getFloat()), name + ": output is not finite");
      assertArrayEquals(out.toFloatArray(), fwd.apply(b, s).toFloatArray(), 1e-6f, name + ": same seed, same output");
    }
    try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      a.tempAttach(s);
      gc.backward(fwd.apply(a, s).square().sum());
      a.parameters().forEach((k, p) -> {
        if (p.trainable()) {
          float g = p.value().getGradient().abs().sum().getFloat();
          assertTrue(g > 0, name + ": no gradient for " + k + " (sum of |grad| = " + g + ")");
        }
      });
    }
    Path f = tmp.resolve(name + ".safetensors");
    Checkpoints.save(a, f, Map.of());
    Module c = build.apply(new Random(99));
    Checkpoints.load(c, f);
    try (NDManager s = m.newSubManager()) {
      assertArrayEquals(fwd.apply(a, s).toFloatArray(), fwd.apply(c, s).toFloatArray(), name + ": save/load round trip");
    }
  }

  @Test
  void encodersAndFrce() throws Exception {
    check("image_encoder", r -> new ImageEncoder(m, r, ImageEncoder.Config.tiny()),
        (b, s) -> {
          ImageEncoder e = (ImageEncoder) b;
          ImageEncoder.Features f = e.forward(randn(s, 1, 2, 3, 64, 64));
          return f.tokens().add(e.embed(f).expandDims(1));   // both outputs: grid tokens and pooled embedding
        }, new Shape(2, 64, 128));
    check("patch_branch", r -> new PatchBranch(m, r, PatchBranch.Config.tiny(), 64, 128),
        (b, s) -> ((PatchBranch) b).forward(randn(s, 2, 2, 64, 16, 16)), new Shape(2, 64, 128));
    check("region_branch", r -> new RegionBranch(m, r, 64, 128),
        (b, s) -> ((RegionBranch) b).forward(randn(s, 3, 2, 64, 16, 16), randn(s, 4, 2, 5, 16, 16).gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)),
        new Shape(2, 5, 128));
    check("id_controller", r -> new IdController(m, r, 128, 2, 4),
        (b, s) -> ((IdController) b).forward(randn(s, 5, 2, 3, 128), randn(s, 6, 2, 72, 128)), new Shape(2, 3, 128));
    check("image_adapter", r -> new ImageAdapter(m, r, 128, 96),
        (b, s) -> ((ImageAdapter) b).forward(randn(s, 7, 2, 64, 128)), new Shape(2, 64, 96));
  }

  @Test
  void mllmQformerAndCme() throws Exception {
    MllmDecoder.Config small = new MllmDecoder.Config(64, 2, 4, 128, 500, 4, 8, 16);
    // LoRA's B starts at zero (so A gets no gradient at step 0, by design); give it values.
    check("mllm", r -> {
      MllmDecoder d = new MllmDecoder(m, r, small);
      long[] seed = {30};
      d.parameters().forEach((k, p) -> {
        if (k.contains("lora_b")) {
          p.assign(randn(m, seed[0]++, p.value().getShape().getShape()).mul(0.02f).toFloatArray());
        }
      });
      return d;
    },
        (b, s) -> {
          MllmDecoder.Guidance g = ((MllmDecoder) b).imgGuidance(randn(s, 8, 2, 10, 64));
          return g.v().add(g.loss());   // both outputs: V and L_MLLM
        }, new Shape(2, 4, 64));
    check("qformer", r -> new QFormer(m, r, QFormer.Config.tiny(), 64, 128, 128),
        (b, s) -> ((QFormer) b).forward(randn(s, 9, 2, 4, 64)), new Shape(2, 16, 128));
    check("enhancer", r -> new Enhancer(m, r, 128, 16, 4),
        (b, s) -> ((Enhancer) b).forward(randn(s, 10, 2, 16, 128), randn(s, 11, 2, 64, 128), randn(s, 12, 2, 72, 128)).rBar(),
        new Shape(2, 64, 128));
    check("cme", r -> new CrossModalEnhancer(m, r, 128, 16, 4, true, true),
        (b, s) -> {
          var o = ((CrossModalEnhancer) b).forward(randn(s, 13, 2, 16, 128), randn(s, 14, 2, 64, 128), randn(s, 15, 2, 72, 128),
              randn(s, 16, 2, 10, 128), randn(s, 17, 2, 3, 128));
          return o.rBarVisual().sum(new int[] {1}).concat(o.rBarText().sum(new int[] {1}), 1)
              .concat(o.eBarVisual().sum(new int[] {1}), 1).concat(o.eBarText().sum(new int[] {1}), 1);
        }, new Shape(2, 512));
  }

  @Test
  void mllmTokenLookupAndLmLossMatchTheOneHotReference() {
    MllmDecoder.Config small = new MllmDecoder.Config(64, 2, 4, 128, 500, 4, 8, 16);
    try (NDManager s = m.newSubManager()) {
      MllmDecoder d = new MllmDecoder(s, new Random(41), small);
      NDArray table = d.parameters().get("embed").value();
      NDArray ids = s.create(new float[] {1, 3, 3, 7, 499, 0, 12, 250, 41, 9, 0, 0}, new Shape(2, 6));
      NDArray mask = s.create(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, new Shape(2, 6));
      NDArray oneHot = ids.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot(500);
      assertEquals(0f, d.embedTokens(ids).sub(oneHot.matMul(table)).abs().max().getFloat(), 0f);
      // L_LM and its gradient into the (here trainable) table, against the one-hot formula.
      d.parameters().get("embed").setTrainable(true);
      table.setRequiresGradient(true);
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = d.lmLoss(ids, mask);
        loss = l.getFloat();
        gc.backward(l);
      }
      float[] grad = table.getGradient().toFloatArray();
      table.setRequiresGradient(false);
      NDArray copy = table.duplicate();     // the head is not tied to the table: its gradient comes from the lookup alone
      copy.setRequiresGradient(true);
      float ref;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray h = d.hidden(oneHot.matMul(copy));
        NDArray logp = d.logits(h.get(":, :5, :")).get(":, :, :500").logSoftmax(2);
        NDArray target = oneHot.get(":, 1:, :");
        NDArray mk = mask.get(":, 1:");
        NDArray l = logp.mul(target).sum(new int[] {2}).neg().mul(mk).sum().div(mk.sum());
        ref = l.getFloat();
        gc.backward(l);
      }
      assertEquals(ref, loss, 1e-5f);
      float[] refGrad = copy.getGradient().toFloatArray();
      double worst = 0;
      for (int i = 0; i < grad.length; i++) {
        worst = Math.max(worst, Math.abs(grad[i] - refGrad[i]));
      }
      assertTrue(worst < 1e-5, "embedding gradient differs from the one-hot reference by " + worst);
      assertTrue(java.util.Arrays.stream(toDoubles(grad)).anyMatch(v -> v != 0), "no gradient reached the table");
    }
  }

  private static double[] toDoubles(float[] f) {
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  @Test
  void diffusionSide() throws Exception {
    check("vae", r -> new Autoencoder(m, r, Autoencoder.Config.tiny()),
        (b, s) -> ((Autoencoder) b).decode(((Autoencoder) b).latent(randn(s, 18, 2, 3, 64, 64))), new Shape(2, 3, 64, 64));
    // Give the zero-initialised injections values so that R-bar reaches the output.
    check("unet", r -> {
      UNet u = new UNet(m, r, UNet.Config.tiny(), 128);
      u.parameters().forEach((k, p) -> {
        if (k.startsWith("inject")) {
          p.assign(randn(m, 19, p.value().getShape().getShape()).mul(0.01f).toFloatArray());
        }
      });
      return u;
    }, (b, s) -> ((UNet) b).forward(randn(s, 20, 2, 4, 16, 16), randn(s, 21, 2, 4, 16, 16), new int[] {5, 900},
        randn(s, 22, 2, 64, 128), randn(s, 23, 2, 10, 128), randn(s, 24, 2, 32, 128), null), new Shape(2, 4, 16, 16));
  }

  @Test
  void colorSegmenterFindsTheObjects() {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new java.awt.Color(0x5AA0E6));
    g.fillRect(0, 0, 64, 64);
    g.setColor(java.awt.Color.RED);
    g.fillRect(10, 10, 12, 12);
    g.setColor(java.awt.Color.YELLOW);
    g.fillOval(36, 30, 16, 16);
    g.dispose();
    List<boolean[]> masks = new ColorSegmenter().segment(img, 8);
    assertEquals(2, masks.size());
    assertTrue(masks.get(0)[38 * 64 + 44], "the larger object (the circle) comes first");
    assertTrue(masks.get(1)[15 * 64 + 15]);
  }

  @Test
  void grownDecoderStartsAsTheOldOneAndLoadsOnlyWhenAllowed(@TempDir Path tmp) throws Exception {
    Autoencoder plain = new Autoencoder(m, new Random(3), Autoencoder.Config.tiny());
    Autoencoder grown = new Autoencoder(m, new Random(3), Autoencoder.Config.tiny().withDecoderBlocks(2));
    assertEquals(plain.parameters().size() + 2 * 2 * 8, grown.parameters().size(), "two blocks per level, 8 tensors each");
    Path f = tmp.resolve("plain.safetensors");
    Checkpoints.save(plain, f, Map.of());
    // Strict loading refuses the missing blocks, naming them; the lenient form keeps their identity start.
    var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Checkpoints.load(grown, f));
    assertTrue(e.getMessage().contains("decoder.res3_extra.1.conv2.weight"), e.getMessage());
    Checkpoints.load(grown, f, name -> name.contains("_extra."));
    NDArray z = randn(m, 5, 2, 4, 16, 16);
    assertArrayEquals(plain.decode(z).toFloatArray(), grown.decode(z).toFloatArray(), 1e-6f);
    // Once a block's last conv is not zero, the grown decoder differs, and only in the decoder.
    var w = grown.parameters().get("decoder.res3_extra.0.conv2.weight");
    w.assign(randn(m, 6, w.value().getShape().getShape()).mul(0.1f).toFloatArray());
    assertTrue(plain.decode(z).sub(grown.decode(z)).abs().max().getFloat() > 1e-3f);
    NDArray x = randn(m, 7, 1, 3, 64, 64);
    assertArrayEquals(plain.latent(x).toFloatArray(), grown.latent(x).toFloatArray(), 1e-6f);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Autoencoder.Config.tiny().withDecoderBlocks(-1));
  }

  @Test
  void sourceBranchStartsAsThePlainDecoderAndOnlyEverReadsTheSourceWhenGivenOne() {
    Autoencoder plain = new Autoencoder(m, new Random(3), Autoencoder.Config.tiny().withDecoderBlocks(1));
    Autoencoder cond = new Autoencoder(m, new Random(3), Autoencoder.Config.tiny().withDecoderBlocks(1).withSourceBranch(true));
    assertTrue(cond.hasSourceBranch() && !plain.hasSourceBranch());
    assertEquals(plain.parameters().size() + cond.sourceBranchParameters().size(), cond.parameters().size());
    assertTrue(cond.sourceBranchParameters().keySet().stream().allMatch(k -> k.startsWith("decoder.source.")));
    assertTrue(cond.decoderParameters().keySet().containsAll(cond.sourceBranchParameters().keySet()), "the branch is part of the decoder");
    cond.parameters().forEach((k, p) -> {
      if (!k.startsWith("decoder.source.")) {
        p.assign(plain.parameters().get(k).value().toFloatArray());
      }
    });
    NDArray z = randn(m, 5, 2, 4, 16, 16);
    NDArray src = randn(m, 8, 2, 3, 64, 64);
    // Zero-started fusion: with a source the decoder starts as the plain one.
    assertArrayEquals(plain.decode(z).toFloatArray(), cond.decode(z, src).toFloatArray(), 1e-6f);
    for (String k : List.of("decoder.source.fuse_half.conv2.weight", "decoder.source.fuse_full.conv2.weight")) {
      var w = cond.sourceBranchParameters().get(k);
      w.assign(randn(m, 6, w.value().getShape().getShape()).mul(0.1f).toFloatArray());
    }
    NDArray withSrc = cond.decode(z, src);
    assertTrue(withSrc.sub(plain.decode(z)).abs().max().getFloat() > 1e-3f, "a trained branch reads the source");
    assertTrue(withSrc.sub(cond.decode(z, randn(m, 9, 2, 3, 64, 64))).abs().max().getFloat() > 1e-3f, "another source, another image");
    assertArrayEquals(plain.decode(z).toFloatArray(), cond.decode(z).toFloatArray(), 1e-6f, "no source: the plain decoder");
    // Each pair reads its own source: the first pair's image does not depend on the second pair's source.
    NDArray other = src.get("0:1").concat(randn(m, 10, 1, 3, 64, 64), 0);
    assertArrayEquals(withSrc.get("0:1").toFloatArray(), cond.decode(z, other).get("0:1").toFloatArray(), 1e-5f);
    var bad = assertThrows(IllegalArgumentException.class, () -> cond.decode(z, randn(m, 11, 2, 3, 32, 32)));
    assertTrue(bad.getMessage().contains("do not fit latents"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cond.decode(z, randn(m, 12, 1, 3, 64, 64)));
    assertArrayEquals(plain.latent(src).toFloatArray(), cond.latent(src).toFloatArray(), 1e-6f, "the encoder is untouched");
  }

  @Test
  void aGatedSourceBranchAddsNothingWhereTheLatentLeftTheSource() {
    Autoencoder.Config c = Autoencoder.Config.tiny().withDecoderBlocks(1).withSourceBranch(true);
    Autoencoder open = new Autoencoder(m, new Random(3), c);
    for (String k : List.of("decoder.source.fuse_half.conv2.weight", "decoder.source.fuse_full.conv2.weight")) {
      var w = open.sourceBranchParameters().get(k);
      w.assign(randn(m, 6, w.value().getShape().getShape()).mul(0.1f).toFloatArray());
    }
    NDArray src = randn(m, 8, 2, 3, 64, 64);
    NDArray zs = open.latent(src);
    // The mask: one cell of the second image moved far from its source's latent -> that cell and its 8 neighbours closed.
    float[] bump = new float[2 * 4 * 16 * 16];
    for (int ch = 0; ch < 4; ch++) {
      bump[((4 + ch) * 16 + 5) * 16 + 9] = 5f;
    }
    NDArray z = zs.add(m.create(bump, zs.getShape()));
    Autoencoder gated = withWeightsOf(open, c.withSourceGate(1.0));
    float[] keep = gated.keepMask(z, src).toFloatArray();
    assertEquals(2 * 16 * 16, keep.length);
    for (int i = 0; i < 2; i++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16; x++) {
          boolean near = i == 1 && Math.abs(y - 5) <= 1 && Math.abs(x - 9) <= 1;
          assertEquals(near ? 0f : 1f, keep[(i * 16 + y) * 16 + x], "image " + i + " cell " + y + "," + x);
        }
      }
    }
    // A gate no cell reaches: the open branch exactly; a gate every cell passes: the plain decoder exactly.
    NDArray far = randn(m, 5, 2, 4, 16, 16);
    assertArrayEquals(open.decode(far, src).toFloatArray(), withWeightsOf(open, c.withSourceGate(1e6)).decode(far, src).toFloatArray(), 1e-6f);
    float[] shut = withWeightsOf(open, c.withSourceGate(1e-6)).decode(far, src).toFloatArray();
    assertArrayEquals(open.decode(far).toFloatArray(), shut, 1e-6f);
    assertTrue(open.decode(far, src).sub(open.decode(far)).abs().max().getFloat() > 1e-3f, "the open branch does act");
    assertThrows(IllegalArgumentException.class, () -> c.withSourceGate(-1));
    assertThrows(IllegalArgumentException.class, () -> c.withSourceGate(Double.NaN));
  }

  private Autoencoder withWeightsOf(Autoencoder from, Autoencoder.Config c) {
    Autoencoder a = new Autoencoder(m, new Random(99), c);
    a.parameters().forEach((k, p) -> p.assign(from.parameters().get(k).value().toFloatArray()));
    return a;
  }
}
