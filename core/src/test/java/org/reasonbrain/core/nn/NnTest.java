package org.reasonbrain.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reasonbrain.core.io.Safetensors;

class NnTest {
  static NDManager m;

  @BeforeAll
  static void open() {
    m = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    m.close();
  }

  private static NDArray input(long seed, long... shape) {
    Random r = new Random(seed);
    long n = new Shape(shape).size();
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return m.create(v, new Shape(shape));
  }

  /** Runs forward + backward on sum(out^2) and checks every trainable parameter got a non-zero gradient. */
  private static void gradientsReachEveryParameter(Module mod, Function<NDArray, NDArray> fwd, NDArray x) {
    try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray xs = x.duplicate();
      xs.attach(step);
      NDArray loss = fwd.apply(xs).square().sum();
      gc.backward(loss);
      for (var e : mod.parameters().entrySet()) {
        if (e.getValue().trainable()) {
          float g = e.getValue().value().getGradient().abs().sum().getFloat();
          assertTrue(g > 0, e.getKey() + " got no gradient");
        }
      }
    }
  }

  /** Regression: scalar factors must survive a garbage collection between forward and backward. */
  @Test
  void scalarFactorsSurviveGarbageCollectionBeforeBackward() {
    try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray x = step.create(new float[] {1, 2, 3});
      x.setRequiresGradient(true);
      NDArray y = Ops.atLeast(Ops.div(Ops.mul(x, 0.5), 2), -100).sum();
      for (int i = 0; i < 5; i++) {
        byte[][] junk = new byte[100][];
        for (int j = 0; j < junk.length; j++) {
          junk[j] = new byte[200_000];
        }
        System.gc();
      }
      gc.backward(y);
      assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, x.getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void linearAndNormsShapesAndGradients() {
    Linear lin = new Linear(m, new Random(1), 6, 4, true);
    NDArray x = input(2, 2, 3, 6);
    assertEquals(new Shape(2, 3, 4), lin.forward(x).getShape());
    gradientsReachEveryParameter(lin, lin::forward, x);
    RmsNorm rms = new RmsNorm(m, 6, 1e-6);
    NDArray y = rms.forward(x);
    // Unit gain: every row has RMS 1.
    float[] rowRms = y.square().mean(new int[] {2}).sqrt().toFloatArray();
    for (float v : rowRms) {
      assertEquals(1.0, v, 1e-3);
    }
    LayerNorm ln = new LayerNorm(m, 6);
    gradientsReachEveryParameter(ln, t -> ln.forward(t).mul(input(9, 6)), x);
    assertThrows(IllegalArgumentException.class, () -> lin.forward(input(3, 2, 5)));
  }

  /** (x - mean) / sqrt(var + eps) over {@code axis}, composed from elementary ops: the definition. */
  private static NDArray normalised(NDArray x, int axis, float eps) {
    NDArray c = x.sub(x.mean(new int[] {axis}, true));
    return c.div(c.square().mean(new int[] {axis}, true).add(eps).sqrt());
  }

  @Test
  void fusedOpsMatchTheirDefinitions() {
    NDArray x = input(11, 3, 4, 6).mul(3f).add(1f);
    Linear lin = new Linear(m, new Random(3), 6, 5, true);
    lin.parameters().get("bias").assign(new float[] {1, 2, 3, 4, 5});
    NDArray byDefinition = x.matMul(lin.parameters().get("weight").value().transpose()).add(lin.parameters().get("bias").value());
    assertArrayEquals(byDefinition.toFloatArray(), lin.forward(x).toFloatArray(), 1e-4f);
    LayerNorm ln = new LayerNorm(m, 6);
    ln.parameters().get("weight").assign(new float[] {0.5f, 1, 1.5f, 2, -1, 3});
    ln.parameters().get("bias").assign(new float[] {0, 1, 2, 3, 4, 5});
    NDArray expected = normalised(x, 2, 1e-5f).mul(m.create(new float[] {0.5f, 1, 1.5f, 2, -1, 3}))
        .add(m.create(new float[] {0, 1, 2, 3, 4, 5}));
    assertArrayEquals(expected.toFloatArray(), ln.forward(x).toFloatArray(), 1e-4f);

    NDArray img = input(12, 2, 8, 3, 5).mul(2f).sub(0.5f);
    GroupNorm gn = new GroupNorm(m, 4, 8);
    float[] gain = {1, 2, 3, 4, 5, 6, 7, 8};
    gn.parameters().get("weight").assign(gain);
    NDArray want = normalised(img.reshape(2, 4, 30), 2, 1e-5f).reshape(2, 8, 3, 5).mul(m.create(gain, new Shape(1, 8, 1, 1)));
    assertArrayEquals(want.toFloatArray(), gn.forward(img).toFloatArray(), 1e-4f);
    gradientsReachEveryParameter(gn, t -> gn.forward(t).mul(input(13, 2, 8, 3, 5)), img);
    // The fused op's input gradient is the definition's.
    NDArray w = input(14, 3, 4, 6);
    float[][] grads = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray xs = x.duplicate();
        xs.attach(step);
        xs.setRequiresGradient(true);
        NDArray y = k == 0 ? ln.forward(xs) : normalised(xs, 2, 1e-5f).mul(ln.parameters().get("weight").value())
            .add(ln.parameters().get("bias").value());
        gc.backward(y.mul(w).sum());
        grads[k] = xs.getGradient().toFloatArray();
      }
    }
    assertArrayEquals(grads[1], grads[0], 1e-4f);
    assertThrows(IllegalArgumentException.class, () -> gn.forward(input(3, 2, 6, 3, 5)));
  }

  @Test
  void attentionIsCausalAndSeeded() {
    Attention a1 = new Attention(m, new Random(7), 8, 8, 2, true, 0, 0);
    Attention a2 = new Attention(m, new Random(7), 8, 8, 2, true, 0, 0);
    NDArray x = input(4, 1, 5, 8);
    NDArray y1 = a1.forward(x, true);
    assertEquals(new Shape(1, 5, 8), y1.getShape());
    assertArrayEquals(y1.toFloatArray(), a2.forward(x, true).toFloatArray(), "same seed, same output");
    // Changing the last token must not change earlier outputs.
    NDArray x2 = x.duplicate();
    x2.set(new NDIndex("0, 4, :"), 5f);
    NDArray y2 = a1.forward(x2, true);
    assertArrayEquals(y1.get(new NDIndex("0, :4, :")).toFloatArray(), y2.get(new NDIndex("0, :4, :")).toFloatArray(), 1e-5f);
    assertTrue(y1.get(new NDIndex("0, 4, :")).sub(y2.get(new NDIndex("0, 4, :"))).abs().sum().getFloat() > 1e-3);
    gradientsReachEveryParameter(a1, t -> a1.forward(t, true), x);
    Attention cross = new Attention(m, new Random(8), 8, 6, 2, false, 0, 0);
    assertEquals(new Shape(1, 5, 8), cross.forward(x, input(5, 1, 3, 6), false).getShape());
  }

  @Test
  void ropePreservesNormsAndEncodesRelativePosition() {
    Rope rope = new Rope(4, 10000);
    NDArray x = input(6, 1, 1, 3, 4);
    NDArray y = rope.apply(x);
    assertArrayEquals(x.square().sum(new int[] {3}).toFloatArray(), y.square().sum(new int[] {3}).toFloatArray(), 1e-4f);
    // Position 0 is unrotated.
    assertArrayEquals(x.get(new NDIndex("0, 0, 0, :")).toFloatArray(), y.get(new NDIndex("0, 0, 0, :")).toFloatArray(), 1e-6f);
  }

  @Test
  void loraStartsAsTheBaseAndTrainsOnlyTheAdapter() {
    LoraLinear base = new LoraLinear(m, new Random(11), 6, 4, true, 0, 0);
    LoraLinear lora = new LoraLinear(m, new Random(11), 6, 4, true, 2, 4);
    NDArray x = input(12, 3, 6);
    assertArrayEquals(base.forward(x).toFloatArray(), lora.forward(x).toFloatArray(), 1e-6f);
    Map<String, Parameter> p = lora.parameters();
    assertTrue(!p.get("weight").trainable() && !p.get("bias").trainable());
    assertTrue(p.get("lora_a").trainable() && p.get("lora_b").trainable());
    float[] w0 = p.get("weight").value().toFloatArray();
    try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(lora.forward(x).square().sum());
      assertTrue(p.get("lora_b").value().getGradient().abs().sum().getFloat() > 0);
    }
    assertArrayEquals(w0, p.get("weight").value().toFloatArray());
    assertEquals(2 * 6 + 4 * 2, lora.count(true));
  }

  @Test
  void checkpointRoundTripIsExactAndStrict(@TempDir Path tmp) throws Exception {
    SwiGlu a = new SwiGlu(m, new Random(21), 6, 10);
    SwiGlu b = new SwiGlu(m, new Random(22), 6, 10);
    NDArray x = input(23, 2, 6);
    Path f = tmp.resolve("ffn.safetensors");
    Checkpoints.save(a, f, Map.of("stage", "test"));
    assertEquals("test", Checkpoints.load(b, f).get("stage"));
    assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray());
    SwiGlu wider = new SwiGlu(m, new Random(1), 6, 12);
    var e = assertThrows(Safetensors.BadCheckpointException.class, () -> Checkpoints.load(wider, f));
    assertTrue(e.getMessage().contains("'gate.weight'") && e.getMessage().contains("[10, 6]"), e.getMessage());
    Linear other = new Linear(m, new Random(1), 6, 10, false);
    var e2 = assertThrows(Safetensors.BadCheckpointException.class, () -> Checkpoints.load(other, f));
    assertTrue(e2.getMessage().contains("missing") && e2.getMessage().contains("weight"), e2.getMessage());
  }
}
