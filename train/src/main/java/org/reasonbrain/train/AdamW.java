package org.reasonbrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reasonbrain.core.io.Safetensors;
import org.reasonbrain.core.nn.Parameter;

/**
 * AdamW (Loshchilov and Hutter): decoupled weight decay, bias-corrected moments. Its state (first and
 * second moments, step) is saved with checkpoints so that a resumed run continues exactly.
 */
public final class AdamW {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final Map<String, NDArray> m1 = new LinkedHashMap<>();
  private final Map<String, NDArray> m2 = new LinkedHashMap<>();
  private long step;

  public AdamW(double beta1, double beta2, double eps, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  public long step() {
    return step;
  }

  /**
   * Applies one update with learning rate {@code lr} to the trainable parameters from their gradients.
   * Every intermediate array lives in a scratch manager closed at the end (the moments and the new
   * weights are attached to their owners explicitly), so an update allocates nothing that outlives it.
   */
  public void update(Map<String, Parameter> params, double lr, NDManager stateManager) {
    step++;
    double c1 = 1 - Math.pow(beta1, step);
    double c2 = 1 - Math.pow(beta2, step);
    for (var e : params.entrySet()) {
      Parameter p = e.getValue();
      if (!p.trainable()) {
        continue;
      }
      try (NDManager scratch = stateManager.newSubManager()) {
        NDArray w = p.value();
        NDArray mm = m1.computeIfAbsent(e.getKey(), k -> stateManager.zeros(w.getShape()));
        NDArray vv = m2.computeIfAbsent(e.getKey(), k -> stateManager.zeros(w.getShape()));
        scratch.tempAttachAll(new ai.djl.ndarray.NDList(w, mm, vv));
        NDArray g = w.getGradient();
        NDArray mNew = mm.mul((float) beta1).add(g.mul((float) (1 - beta1)));
        NDArray vNew = vv.mul((float) beta2).add(g.square().mul((float) (1 - beta2)));
        NDArray update = mNew.div((float) c1).div(vNew.div((float) c2).sqrt().add((float) eps));
        NDArray decayed = w.stopGradient().mul((float) (1 - lr * weightDecay)).sub(update.mul((float) lr));
        replace(m1, e.getKey(), mNew, stateManager);
        replace(m2, e.getKey(), vNew, stateManager);
        p.replace(decayed);
      }
    }
  }

  private static void replace(Map<String, NDArray> map, String key, NDArray value, NDManager owner) {
    value.attach(owner);
    NDArray old = map.put(key, value);
    if (old != null && old != value) {
      old.close();
    }
  }

  /** The optimizer state as tensors ("m.NAME", "v.NAME"); the step goes in the metadata. */
  public Map<String, Safetensors.Tensor> state() {
    Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
    m1.forEach((k, v) -> out.put("m." + k, Safetensors.Tensor.ofFloats(v.toFloatArray(), v.getShape().getShape())));
    m2.forEach((k, v) -> out.put("v." + k, Safetensors.Tensor.ofFloats(v.toFloatArray(), v.getShape().getShape())));
    return out;
  }

  /** Restores the state written by {@link #state}. */
  public void load(Map<String, Safetensors.Tensor> tensors, long savedStep, NDManager owner) {
    m1.values().forEach(NDArray::close);
    m2.values().forEach(NDArray::close);
    m1.clear();
    m2.clear();
    tensors.forEach((k, t) -> {
      NDArray a = owner.create(t.toFloats(), new ai.djl.ndarray.types.Shape(t.shape()));
      if (k.startsWith("m.")) {
        m1.put(k.substring(2), a);
      } else if (k.startsWith("v.")) {
        m2.put(k.substring(2), a);
      }
    });
    this.step = savedStep;
  }

  /** Scales gradients so that their global L2 norm is at most {@code maxNorm}; returns the norm before clipping. */
  public static double clipGradients(List<Parameter> params, double maxNorm) {
    double sq = 0;
    for (Parameter p : params) {
      sq += p.value().getGradient().square().sum().getFloat();
    }
    double norm = Math.sqrt(sq);
    if (norm > maxNorm && norm > 0) {
      float s = (float) (maxNorm / norm);
      for (Parameter p : params) {
        NDArray g = p.value().getGradient();
        g.muli(s);
      }
    }
    return norm;
  }
}
