package org.reasonbrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reasonbrain.core.nn.Linear;
import org.reasonbrain.core.nn.Module;
import org.reasonbrain.core.nn.Ops;
import org.reasonbrain.core.nn.Parameter;

/** The fused AdamW against a naive per-tensor reference (the update the trainer used before). */
class AdamWTest {
  /** Two linear layers: a seeded toy model. */
  static final class Toy extends Module {
    final Linear a;
    final Linear b;

    Toy(NDManager m, long seed) {
      Random r = new Random(seed);
      a = child("a", new Linear(m, r, 6, 5, true));
      b = child("b", new Linear(m, r, 5, 3, true));
    }

    NDArray forward(NDArray x) {
      return b.forward(Ops.silu(a.forward(x)));
    }
  }

  /** The per-tensor AdamW with per-tensor clipping norm, written plainly in Java over float arrays. */
  static final class Reference {
    final Map<String, float[]> m = new LinkedHashMap<>();
    final Map<String, float[]> v = new LinkedHashMap<>();
    final Map<String, float[]> ema = new LinkedHashMap<>();
    long step;

    void update(Map<String, float[]> w, Map<String, float[]> g, double lr, double wd, double clip, double decay) {
      step++;
      double sq = 0;
      for (float[] x : g.values()) {
        for (float f : x) {
          sq += (double) f * f;
        }
      }
      double norm = Math.sqrt(sq);
      double s = norm > clip ? clip / norm : 1;
      double c1 = 1 - Math.pow(0.9, step);
      double c2 = 1 - Math.pow(0.999, step);
      for (String k : w.keySet()) {
        float[] ww = w.get(k);
        float[] gg = g.get(k);
        float[] mm = m.computeIfAbsent(k, q -> new float[ww.length]);
        float[] vv = v.computeIfAbsent(k, q -> new float[ww.length]);
        if (decay > 0 && !ema.containsKey(k)) {
          ema.put(k, ww.clone());
        }
        for (int i = 0; i < ww.length; i++) {
          double gi = gg[i] * s;
          mm[i] = (float) (0.9 * mm[i] + 0.1 * gi);
          vv[i] = (float) (0.999 * vv[i] + 0.001 * gi * gi);
          double u = (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + 1e-8);
          ww[i] = (float) (ww[i] * (1 - lr * wd) - lr * u);
          if (decay > 0) {
            ema.get(k)[i] = (float) (decay * ema.get(k)[i] + (1 - decay) * ww[i]);
          }
        }
      }
    }
  }

  @Test
  void fusedUpdateMatchesThePerTensorReference() {
    try (NDManager base = NDManager.newBaseManager()) {
      Toy toy = new Toy(base, 3);
      Map<String, Parameter> params = toy.parameters();
      Map<String, float[]> refW = new LinkedHashMap<>();
      params.forEach((k, p) -> refW.put(k, p.value().toFloatArray()));
      AdamW fused = new AdamW(0.9, 0.999, 1e-8, 0.01);
      Reference ref = new Reference();
      Random r = new Random(7);
      for (int it = 0; it < 5; it++) {
        float[] xs = new float[4 * 6];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = (float) r.nextGaussian() * 3;
        }
        Map<String, float[]> grads = new LinkedHashMap<>();
        try (NDManager step = base.newSubManager()) {
          toy.tempAttach(step);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = toy.forward(step.create(xs, new Shape(4, 6))).square().sum();
            gc.backward(loss);
          }
          params.forEach((k, p) -> grads.put(k, p.value().getGradient().toFloatArray()));
          // Clip at 0.5 so that clipping is exercised (the toy's gradients are larger).
          fused.update(params, 1e-2, base, 0.5, 0.9);
        }
        ref.update(refW, grads, 1e-2, 0.01, 0.5, 0.9);
        assertTrue(fused.lastNorm() > 0.5, "clipping must be exercised, norm " + fused.lastNorm());
        for (var e : params.entrySet()) {
          float[] got = e.getValue().value().toFloatArray();
          float[] want = refW.get(e.getKey());
          for (int i = 0; i < got.length; i++) {
            assertEquals(want[i], got[i], 1e-5, e.getKey() + "[" + i + "] after update " + (it + 1));
          }
        }
      }
      Map<String, float[]> ema = fused.emaWeights();
      assertEquals(params.keySet(), ema.keySet());
      for (String k : ema.keySet()) {
        for (int i = 0; i < ema.get(k).length; i++) {
          assertEquals(ref.ema.get(k)[i], ema.get(k)[i], 1e-5, "ema " + k);
        }
      }
      // The state round-trips by name, and a restored optimizer continues identically.
      AdamW restored = new AdamW(0.9, 0.999, 1e-8, 0.01);
      restored.load(fused.state(), fused.step(), base);
      assertEquals(fused.state().keySet(), restored.state().keySet());
      assertEquals(List.copyOf(ema.keySet()), List.copyOf(restored.emaWeights().keySet()));
      NDList unused = new NDList();
      unused.close();
    }
  }
  /** A NaN in the gradient: the update is refused, and the weights, moments, EMA and step count stay as they were. */
  @Test
  void aNonFiniteGradientIsRefusedLeavingEverythingAsItWas() {
    try (NDManager base = NDManager.newBaseManager()) {
      Toy toy = new Toy(base, 4);
      Map<String, Parameter> params = toy.parameters();
      AdamW opt = new AdamW(0.9, 0.999, 1e-8, 0.01);
      for (float scale : new float[] {1f, Float.NaN}) {
        try (NDManager step = base.newSubManager()) {
          toy.tempAttach(step);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.create(new float[] {1, -2, 3, 0.5f, 2, -1}, new Shape(1, 6)).mul(scale);
            gc.backward(toy.forward(x).square().sum());
          }
          if (scale == 1f) {
            opt.update(params, 1e-2, base, 1.0, 0.9);
          } else {
            Map<String, float[]> before = new LinkedHashMap<>();
            params.forEach((k, p) -> before.put(k, p.value().toFloatArray()));
            Map<String, float[]> stateBefore = floats(opt.state());
            Map<String, float[]> emaBefore = opt.emaWeights();
            NonFiniteStepException e = org.junit.jupiter.api.Assertions.assertThrows(NonFiniteStepException.class,
                () -> opt.update(params, 1e-2, base, 1.0, 0.9));
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("update 2"), e.getMessage());
            assertEquals(1, opt.step(), "the refused update is not counted");
            params.forEach((k, p) -> org.junit.jupiter.api.Assertions.assertArrayEquals(before.get(k), p.value().toFloatArray(), k));
            Map<String, float[]> stateAfter = floats(opt.state());
            assertEquals(stateBefore.keySet(), stateAfter.keySet());
            stateBefore.forEach((k, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(v, stateAfter.get(k), "state " + k));
            emaBefore.forEach((k, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(v, opt.emaWeights().get(k), "ema " + k));
          }
        }
      }
    }
  }

  private static Map<String, float[]> floats(Map<String, org.reasonbrain.core.io.Safetensors.Tensor> state) {
    Map<String, float[]> out = new LinkedHashMap<>();
    state.forEach((k, t) -> out.put(k, t.toFloats()));
    return out;
  }
}
