package org.reasonbrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.core.nn.Ops;

class ReasonBrainTest {
  static NDManager m;

  @BeforeAll
  static void open() {
    m = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    m.close();
  }

  static NDArray randn(NDManager mm, long seed, long... shape) {
    Random r = new Random(seed);
    float[] v = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return mm.create(v, new Shape(shape));
  }

  static ReasonBrain.Inputs inputs(NDManager mm, int b) {
    NDArray masks = randn(mm, 3, b, 8, 64, 64).gt(1.0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    return new ReasonBrain.Inputs(randn(mm, 1, b, 3, 64, 64).tanh(), masks, randn(mm, 4, b, 10, 384),
        mm.ones(new Shape(b, 10)), randn(mm, 5, b, 3, 384), mm.ones(new Shape(b, 3)));
  }

  /** L_DM + L_MLLM on one batch. */
  static NDArray loss(ReasonBrain model, ReasonBrain.Inputs in) {
    ReasonBrain.Conditioning c = model.condition(in);
    NDArray eps = randn(in.source().getManager(), 9, c.sourceLatent().getShape().getShape());
    NDArray zt = c.sourceLatent().add(eps);
    NDArray l = Ops.mse(model.predictNoise(zt, new int[] {10, 500}, c), eps);
    return c.lossMllm() == null ? l : l.add(c.lossMllm());
  }

  @Test
  void everyTrainableParameterGetsAGradientAndShapesHold() {
    ReasonBrain model = new ReasonBrain(m, 1, ReasonBrainConfig.tiny());
    // Zero-initialised parts (LoRA's B, the UNet's injection of R-bar) block gradients at step 0 by
    // design; give them values, as after the first optimizer step, so every path is exercised.
    Random r = new Random(2);
    model.parameters().forEach((name, p) -> {
      if (name.contains("lora_b") || name.startsWith("unet.inject")) {
        float[] v = new float[Math.toIntExact(p.value().size())];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (r.nextGaussian() * 0.02);
        }
        p.assign(v);
      }
    });
    try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      ReasonBrain.Inputs in = inputs(step, 2);
      ReasonBrain.Conditioning c = model.condition(in);
      assertEquals(new Shape(2, 4, 16, 16), c.sourceLatent().getShape());
      assertEquals(new Shape(2, 64 + 8, 128), c.rv().getShape());          // R_V = [R_local (8x8 patches), R_global (8 regions)]
      assertEquals(new Shape(2, 3, 128), c.rt().getShape());               // one row per referenced object
      assertEquals(new Shape(2, 64, 128), c.rBarVisual().getShape());      // on the 8x8 grid
      assertEquals(new Shape(2, 32, 128), c.context().getShape());         // [e-bar_visual, e-bar_text]
      NDArray l = loss(model, in);
      gc.backward(l);
      List<String> none = new ArrayList<>();
      model.parameters().forEach((name, p) -> {
        // The VAE decoder is trained by the vae stage and the pooled image embedding by the clip stage.
        boolean otherStage = name.startsWith("vae.decoder") || name.startsWith("image_encoder.embed_proj");
        if (p.trainable() && !otherStage && p.value().getGradient().abs().sum().getFloat() == 0f) {
          none.add(name);
        }
      });
      assertEquals(List.of(), none, "parameters without gradient");
    }
  }

  @Test
  void sameSeedSameModelAndLoraFreezesTheBase() {
    ReasonBrain a = new ReasonBrain(m, 7, ReasonBrainConfig.tiny());
    ReasonBrain b = new ReasonBrain(m, 7, ReasonBrainConfig.tiny());
    try (NDManager step = m.newSubManager()) {
      ReasonBrain.Inputs in = inputs(step, 1);
      assertArrayEquals(a.condition(in).context().toFloatArray(), b.condition(in).context().toFloatArray());
    }
    var p = a.parameters();
    assertFalse(p.get("mllm.layers.0.attn.q.weight").trainable());
    assertFalse(p.get("mllm.embed").trainable());
    assertTrue(p.get("mllm.layers.0.attn.q.lora_a").trainable());
    assertTrue(p.get("mllm.img_embed").trainable());
  }

  @Test
  void ablationSwitchesRemoveTheirParameters() {
    var all = new ReasonBrain(m, 1, ReasonBrainConfig.tiny()).parameters().keySet();
    assertTrue(all.stream().anyMatch(k -> k.startsWith("frce.patch.")));
    var sw = new ReasonBrainConfig.Switches(false, true, true, true, true);
    assertTrue(new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withSwitches(sw)).parameters().keySet().stream().noneMatch(k -> k.startsWith("frce.patch.")));
    sw = new ReasonBrainConfig.Switches(true, false, true, true, true);
    assertTrue(new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withSwitches(sw)).parameters().keySet().stream().noneMatch(k -> k.startsWith("frce.region.")));
    sw = new ReasonBrainConfig.Switches(true, true, false, true, true);
    assertTrue(new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withSwitches(sw)).parameters().keySet().stream().noneMatch(k -> k.startsWith("frce.id_controller.")));
    sw = new ReasonBrainConfig.Switches(true, true, true, false, true);
    assertTrue(new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withSwitches(sw)).parameters().keySet().stream().noneMatch(k -> k.startsWith("cme.visual.")));
    sw = new ReasonBrainConfig.Switches(true, true, true, true, false);
    assertTrue(new ReasonBrain(m, 1, ReasonBrainConfig.tiny().withSwitches(sw)).parameters().keySet().stream().noneMatch(k -> k.startsWith("cme.textual.")));
    var ip2p = new ReasonBrain(m, 1, ReasonBrainConfig.preset("ip2p")).parameters().keySet();
    assertTrue(ip2p.stream().noneMatch(k -> k.startsWith("mllm.") || k.startsWith("frce.") || k.startsWith("cme.")));
    var mllmOnly = new ReasonBrain(m, 1, ReasonBrainConfig.preset("mllm-only")).parameters().keySet();
    assertTrue(mllmOnly.stream().anyMatch(k -> k.startsWith("mllm.")) && mllmOnly.stream().noneMatch(k -> k.startsWith("frce.") || k.startsWith("cme.")));
    // The baselines run end to end.
    for (String preset : List.of("ip2p", "mllm-only")) {
      ReasonBrain model = new ReasonBrain(m, 1, ReasonBrainConfig.preset(preset));
      try (NDManager step = m.newSubManager()) {
        assertTrue(Float.isFinite(loss(model, inputs(step, 2)).getFloat()), preset);
      }
    }
  }

  @Test
  void poolGridAveragesSquareCells() {
    try (NDManager mm = m.newSubManager()) {
      // 4x4 grid of scalar tokens holding their index: 2x2 pooling gives the means of each 2x2 cell.
      float[] v = new float[16];
      for (int i = 0; i < 16; i++) {
        v[i] = i;
      }
      NDArray pooled = ReasonBrain.poolGrid(mm.create(v, new Shape(1, 16, 1)), 2);
      assertEquals(new Shape(1, 4, 1), pooled.getShape());
      assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, pooled.toFloatArray(), 1e-6f);
      assertEquals(83, new ReasonBrain(mm, 1, ReasonBrainConfig.tiny()).mllmTokens(32));   // 16 + 16 + 8 + 3 + 32 + 8
    }
  }

  @Test
  void cmeTokenBudgetKeepsTheWeightsAndPoolsTheVisualEnhancer() {
    ReasonBrain full = new ReasonBrain(m, 4, ReasonBrainConfig.tiny());
    ReasonBrain pooled = new ReasonBrain(m, 4, ReasonBrainConfig.preset("tiny-cme-pool2"));
    // Same parameter names and shapes, so a tiny run's weights load into the pooled preset (--init).
    assertEquals(full.parameters().keySet(), pooled.parameters().keySet());
    full.parameters().forEach((k, p) -> assertEquals(p.value().getShape(), pooled.parameters().get(k).value().getShape(), k));
    assertEquals(64, full.cmeVisualTokens());
    assertEquals(16, pooled.cmeVisualTokens());
    assertEquals(0, new ReasonBrain(m, 4, ReasonBrainConfig.preset("tiny-no-cme")).cmeVisualTokens());
    pooled.parameters().forEach((k, p) -> p.assign(full.parameters().get(k).value().toFloatArray()));
    try (NDManager step = m.newSubManager()) {
      ReasonBrain.Inputs in = inputs(step, 2);
      ReasonBrain.Conditioning a = full.condition(in);
      ReasonBrain.Conditioning b = pooled.condition(in);
      assertEquals(new Shape(2, 16, 128), b.rBarVisual().getShape());       // on a 4x4 grid
      assertEquals(a.rv().getShape(), b.rv().getShape());                   // the FRCE and the MLLM are untouched
      assertArrayEquals(a.rv().toFloatArray(), b.rv().toFloatArray(), 1e-6f);
      assertEquals(a.context().getShape(), b.context().getShape());
      assertFalse(java.util.Arrays.equals(a.rBarVisual().get("0, 0").toFloatArray(), b.rBarVisual().get("0, 0").toFloatArray()));
      // The UNet takes the coarser grid and gives a latent-sized prediction; the loss has a gradient.
      assertTrue(Float.isFinite(loss(pooled, in).getFloat()));
    }
    assertThrows(IllegalArgumentException.class, () -> ReasonBrainConfig.tiny().withCmePool(3));
  }

  @Test
  void widerAndDeeperLatentPresetsBuildTheirAutoencoderAndUnet() {
    ReasonBrain wide = new ReasonBrain(m, 4, ReasonBrainConfig.preset("tiny-vae64"));
    ReasonBrain deep = new ReasonBrain(m, 4, ReasonBrainConfig.preset("tiny-latent8"));
    ReasonBrain tiny = new ReasonBrain(m, 4, ReasonBrainConfig.tiny());
    // tiny-vae64: the encoder's first conv has 64 outputs; the latent and so every UNet weight stay tiny's.
    assertEquals(new Shape(64, 3, 3, 3), wide.parameters().get("vae.encoder.conv_in.weight").value().getShape());
    tiny.parameters().forEach((k, p) -> {
      if (k.startsWith("unet.")) {
        assertEquals(p.value().getShape(), wide.parameters().get(k).value().getShape(), k);
      }
    });
    try (NDManager step = m.newSubManager()) {
      ReasonBrain.Inputs in = inputs(step, 2);
      assertEquals(new Shape(2, 4, 16, 16), wide.condition(in).sourceLatent().getShape());
      assertEquals(new Shape(2, 8, 16, 16), deep.condition(in).sourceLatent().getShape());
      assertTrue(Float.isFinite(loss(wide, in).getFloat()));
      assertTrue(Float.isFinite(loss(deep, in).getFloat()));
    }
    ReasonBrainConfig t = ReasonBrainConfig.tiny();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.withVae(new org.reasonbrain.model.diffusion.Autoencoder.Config(32, 8, 1f)));
    assertTrue(e.getMessage().contains("8-channel"), e.getMessage());
  }

  @Test
  void pixelStemStartsSilentThenReadsTheSourcePixels() {
    ReasonBrain plain = new ReasonBrain(m, 6, ReasonBrainConfig.tiny());
    ReasonBrain stem = new ReasonBrain(m, 6, ReasonBrainConfig.preset("tiny-pixel"));
    // tiny's weights, names and shapes unchanged (a tiny model loads into tiny-pixel), three stem tensors more.
    plain.parameters().forEach((k, p) -> assertEquals(p.value().getShape(), stem.parameters().get(k).value().getShape(), k));
    List<String> extra = new ArrayList<>(stem.parameters().keySet());
    extra.removeAll(plain.parameters().keySet());
    assertTrue(!extra.isEmpty() && extra.stream().allMatch(k -> k.startsWith("unet.pixel_stem.")), extra.toString());
    assertTrue(stem.unet().hasPixelStem());
    assertFalse(plain.unet().hasPixelStem());
    try (NDManager step = m.newSubManager()) {
      ReasonBrain.Inputs in = inputs(step, 2);
      NDArray zt = randn(step, 11, 2, 4, 16, 16);
      int[] t = {20, 700};
      ReasonBrain.Conditioning cp = plain.condition(in, 0);
      ReasonBrain.Conditioning cs = stem.condition(in, 0);
      assertEquals(null, cp.sourcePixels());
      assertArrayEquals(in.source().toFloatArray(), cs.sourcePixels().toFloatArray());
      // Zero-initialised: the same prediction as without the stem.
      assertArrayEquals(plain.predictNoise(zt, t, cp).toFloatArray(), stem.predictNoise(zt, t, cs).toFloatArray(), 1e-5f);
      // Once its output convolution has weights, the prediction depends on the pixels, and every stem weight gets a gradient.
      Random r = new Random(3);
      stem.parameters().forEach((k, p) -> {
        if (k.startsWith("unet.pixel_stem.out")) {
          float[] v = new float[Math.toIntExact(p.value().size())];
          for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 0.05);
          }
          p.assign(v);
        }
      });
      NDArray a = stem.predictNoise(zt, t, cs);
      ReasonBrain.Conditioning flipped = new ReasonBrain.Conditioning(cs.sourceLatent(), cs.rBarVisual(), cs.rBarText(), cs.context(),
          null, cs.rv(), cs.rt(), cs.sourcePixels().flip(3));
      assertTrue(a.sub(stem.predictNoise(zt, t, flipped)).abs().max().getFloat() > 1e-4f, "the pixels reach the prediction");
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(Ops.mse(stem.predictNoise(zt, t, cs), randn(step, 12, 2, 4, 16, 16)));
        stem.parameters().forEach((k, p) -> {
          if (k.startsWith("unet.pixel_stem.") && k.endsWith("weight")) {
            assertTrue(p.value().getGradient().abs().sum().getFloat() > 0f, k);
          }
        });
      }
      // A dropped image condition zeroes the pixels as it zeroes the latent.
      ReasonBrain.Inputs dropped = new ReasonBrain.Inputs(in.source(), in.masks(), in.text(), in.textMask(), in.objects(),
          in.objectMask(), step.create(new float[] {0f, 1f}));
      float[] px = stem.condition(dropped, 0).sourcePixels().toFloatArray();
      int one = 3 * 64 * 64;
      assertArrayEquals(new float[one], java.util.Arrays.copyOfRange(px, 0, one), 0f);   // -0.0 where a negative pixel was zeroed
      assertArrayEquals(java.util.Arrays.copyOfRange(in.source().toFloatArray(), one, 2 * one), java.util.Arrays.copyOfRange(px, one, 2 * one));
      // A UNet with a stem refuses to run without the pixels.
      ReasonBrain.Conditioning none = new ReasonBrain.Conditioning(cs.sourceLatent(), cs.rBarVisual(), cs.rBarText(), cs.context(),
          null, cs.rv(), cs.rt(), null);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stem.predictNoise(zt, t, none));
      assertTrue(e.getMessage().contains("pixel stem"), e.getMessage());
    }
    assertTrue(stem.unet().flops(16, 16, 32) > plain.unet().flops(16, 16, 32));
  }

  @Test
  void mllmLossOnTheFirstRowsEqualsTheLossOfThoseRows() {
    ReasonBrain model = new ReasonBrain(m, 3, ReasonBrainConfig.tiny());
    try (NDManager step = m.newSubManager()) {
      ReasonBrain.Inputs in = inputs(step, 2);
      ReasonBrain.Conditioning both = model.condition(in);
      ReasonBrain.Conditioning first = model.condition(in, 1);
      ReasonBrain.Conditioning none = model.condition(in, 0);
      // The guidance itself does not depend on how many rows the loss is taken over.
      assertArrayEquals(both.context().toFloatArray(), none.context().toFloatArray(), 1e-6f);
      assertEquals(null, none.lossMllm());
      ReasonBrain.Inputs row0 = new ReasonBrain.Inputs(in.source().get("0:1"), in.masks().get("0:1"), in.text().get("0:1"),
          in.textMask().get("0:1"), in.objects().get("0:1"), in.objectMask().get("0:1"));
      assertEquals(model.condition(row0).lossMllm().getFloat(), first.lossMllm().getFloat(), 1e-4);
      assertTrue(Math.abs(both.lossMllm().getFloat() - first.lossMllm().getFloat()) > 0, "two rows differ from one");
    }
  }

  @Test
  void conditioningFromPrecomputedEncodingsMatchesTheFullPath() {
    ReasonBrain model = new ReasonBrain(m, 4, ReasonBrainConfig.tiny());
    try (NDManager step = m.newSubManager()) {
      ReasonBrain.Inputs in = inputs(step, 2);
      ReasonBrain.Encoded e = model.encode(in.source(), in.masks(), null);
      assertEquals(new Shape(2, 8, 16, 16), e.masks().getShape());                 // masks pooled to E_I's finest map
      ReasonBrain.Conditioning a = model.condition(in);
      ReasonBrain.Conditioning b = model.condition(e, in.text(), in.textMask(), in.objects(), in.objectMask(), Integer.MAX_VALUE);
      assertArrayEquals(a.context().toFloatArray(), b.context().toFloatArray(), 1e-6f);
      assertArrayEquals(a.rBarVisual().toFloatArray(), b.rBarVisual().toFloatArray(), 1e-6f);
      assertEquals(a.lossMllm().getFloat(), b.lossMllm().getFloat(), 1e-6);
    }
  }
}
