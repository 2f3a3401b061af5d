package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A network block with named parameters and named children, the unit of the paper-to-code map.
 * Parameter names are dotted paths ("blocks.0.attn.q.weight"), exactly the keys of the safetensors
 * checkpoint, so no key map is needed for the project's own checkpoints. Weights are initialised from
 * a seeded {@link Random}: the same seed gives the same weights, with no global random state.
 *
 * <p>Forward methods keep the input as the first operand of every op, so results belong to the
 * caller's (per-step) NDManager rather than to the model's.
 */
public abstract class Module {
  private final Map<String, Parameter> params = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();

  /** Registers a parameter created from {@code values}. */
  protected final Parameter parameter(NDManager m, String name, float[] values, Shape shape) {
    if (params.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("duplicate name " + name);
    }
    Parameter p = new Parameter(name, m.create(values, shape));
    params.put(name, p);
    return p;
  }

  /** Registers a child block under {@code name}. */
  protected final <T extends Module> T child(String name, T module) {
    if (params.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("duplicate name " + name);
    }
    children.put(name, module);
    return module;
  }

  /** Every parameter of this block and its children, by dotted name, in registration order. */
  public final Map<String, Parameter> parameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> out) {
    params.forEach((k, v) -> out.put(prefix + k, v));
    children.forEach((k, c) -> c.collect(prefix + k + ".", out));
  }

  /**
   * Attaches every parameter to {@code scratch} until it closes, so that arrays computed with a weight
   * as first operand (a transposed weight, say) are freed with the scratch manager instead of
   * piling up in the model's. Use one scratch manager per training step or per edit.
   */
  public final void tempAttach(NDManager scratch) {
    ai.djl.ndarray.NDList all = new ai.djl.ndarray.NDList();
    parameters().values().forEach(p -> all.add(p.value()));
    scratch.tempAttachAll(all);
  }

  /** Freezes or unfreezes every parameter below this block. */
  public final void setTrainable(boolean trainable) {
    parameters().values().forEach(p -> p.setTrainable(trainable));
  }

  /** Number of parameters (elements), optionally only trainable ones. */
  public final long count(boolean trainableOnly) {
    long n = 0;
    for (Parameter p : parameters().values()) {
      if (!trainableOnly || p.trainable()) {
        n += p.value().size();
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- initialisers

  /** Normal(0, std) values. */
  protected static float[] normal(Random r, double std, long n) {
    float[] out = new float[Math.toIntExact(n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (r.nextGaussian() * std);
    }
    return out;
  }

  protected static float[] filled(long n, float v) {
    float[] out = new float[Math.toIntExact(n)];
    java.util.Arrays.fill(out, v);
    return out;
  }

  /** Fails with a message naming the block, the expected and the actual shape. */
  protected final void expectLastDim(NDArray x, long d) {
    Shape s = x.getShape();
    if (s.dimension() == 0 || s.get(s.dimension() - 1) != d) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": expected last dimension " + d + ", got shape " + s);
    }
  }
}
