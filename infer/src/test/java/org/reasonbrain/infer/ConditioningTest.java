package org.reasonbrain.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.model.ReasonBrain;
import org.reasonbrain.model.ReasonBrainConfig;
import org.reasonbrain.model.encoders.MiniLmTextEncoder;
import org.reasonbrain.model.encoders.TextEncoder;

/**
 * With fixed weights, the UNet's conditioning depends on the instruction and on the source image, and
 * the null conditions of three-way guidance are what the trainer's dropout makes: the null text is
 * zero text features and object tokens whatever the instruction, the null image a zero source latent.
 */
class ConditioningTest {
  static NDManager base;
  static ReasonBrain model;
  static MiniLmTextEncoder text;

  @BeforeAll
  static void open() {
    base = NDManager.newBaseManager();
    model = new ReasonBrain(base, 11, ReasonBrainConfig.tiny());
    // Give the zero-initialised paths (LoRA B, the UNet's R-bar injection) values, as after training.
    Random r = new Random(5);
    model.parameters().forEach((name, p) -> {
      if (name.contains("lora_b") || name.startsWith("unet.inject")) {
        float[] v = new float[Math.toIntExact(p.value().size())];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (r.nextGaussian() * 0.05);
        }
        p.assign(v);
      }
    });
    text = new MiniLmTextEncoder();
  }

  @AfterAll
  static void close() {
    text.close();
    base.close();
  }

  static BufferedImage scene(int x) {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new Color(120, 180, 240));
    g.fillRect(0, 0, 64, 64);
    g.setColor(Color.RED);
    g.fillOval(x, 30, 14, 14);
    g.dispose();
    return img;
  }

  /** The model's inputs for one (image, instruction), with or without the text and the image. */
  static ReasonBrain.Inputs inputs(NDManager m, BufferedImage img, String instruction, boolean keepText, boolean keepImage) {
    float[] px = new float[3 * 64 * 64];
    if (keepImage) {
      Images.toChwSigned(img, px, 0);
    }
    TextEncoder.Features f = text.encodeFixed(m, List.of(instruction), 32);
    NDArray mask = keepText ? f.mask() : f.mask().zerosLike();
    NDArray objs = text.pooled(m, List.of("the ball", "the scene", "")).reshape(1, 3, 384);
    NDArray objMask = keepText ? m.create(new float[] {1, 1, 0}, new Shape(1, 3)) : m.zeros(new Shape(1, 3));
    return new ReasonBrain.Inputs(m.create(px, new Shape(1, 3, 64, 64)), m.zeros(new Shape(1, 8, 64, 64)),
        f.tokens().mul(mask.expandDims(2)), mask, objs.mul(objMask.expandDims(2)), objMask,
        m.create(new float[] {keepImage ? 1 : 0}, new Shape(1)));
  }

  static float[] prediction(NDManager m, ReasonBrain.Inputs in) {
    ReasonBrain.Conditioning c = model.condition(in, 0);
    NDArray zt = m.ones(new Shape(1, 4, 16, 16)).mul(0.3f);
    return model.predictNoise(zt, new int[] {500}, c).toFloatArray();
  }

  static double diff(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  @Test
  void thePredictionDependsOnTheInstructionAndTheImage() {
    try (NDManager m = base.newSubManager()) {
      model.tempAttach(m);
      float[] a = prediction(m, inputs(m, scene(10), "What would happen if the ball rolled down the slope?", true, true));
      float[] b = prediction(m, inputs(m, scene(10), "What would happen if the ice cube was left in the sun?", true, true));
      float[] c = prediction(m, inputs(m, scene(40), "What would happen if the ball rolled down the slope?", true, true));
      assertTrue(diff(a, b) > 1e-4, "instruction changes the prediction: " + diff(a, b));
      assertTrue(diff(a, c) > 1e-4, "image changes the prediction: " + diff(a, c));
    }
  }

  @Test
  void theNullConditionsAreWhatGuidanceAssumes() {
    try (NDManager m = base.newSubManager()) {
      model.tempAttach(m);
      // Null text: the same whatever the instruction was.
      float[] t1 = prediction(m, inputs(m, scene(10), "What would happen if the ball rolled down the slope?", false, true));
      float[] t2 = prediction(m, inputs(m, scene(10), "Imagine the candle burned for hours.", false, true));
      assertArrayEquals(t1, t2, 1e-6f);
      // Null image: a zero source latent, and the same whatever the image was.
      ReasonBrain.Conditioning ni = model.condition(inputs(m, scene(10), "x", false, false), 0);
      float[] lat = ni.sourceLatent().toFloatArray();
      for (float v : lat) {
        assertEquals(0f, v);
      }
      float[] u1 = prediction(m, inputs(m, scene(10), "x", false, false));
      float[] u2 = prediction(m, inputs(m, scene(45), "y", false, false));
      assertArrayEquals(u1, u2, 1e-6f);
      // And the conditioned rows differ from both null rows.
      float[] full = prediction(m, inputs(m, scene(10), "What would happen if the ball rolled down the slope?", true, true));
      assertTrue(diff(full, t1) > 1e-4 && diff(t1, u1) > 1e-4);
    }
  }

  @Test
  void aChainsSecondStepStartsFromTheFirstStepsOutput() {
    try (NDManager m = NDManager.newBaseManager()) {
      EditPipeline p = new EditPipeline(m, model, text);
      var o = new EditPipeline.Options(2, 7.5, 1.5, 3);
      List<EditPipeline.Result> chain = p.chain(scene(10), List.of("What if the ball rolled?", "What if it rained?"), o);
      BufferedImage again = p.edit(chain.get(0).image(), "What if it rained?", o).image();
      assertArrayEquals(pixels(again), pixels(chain.get(1).image()));
      BufferedImage fromSource = p.edit(scene(10), "What if it rained?", o).image();
      assertTrue(!java.util.Arrays.equals(pixels(fromSource), pixels(chain.get(1).image())), "not from the source");
    }
  }

  static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
