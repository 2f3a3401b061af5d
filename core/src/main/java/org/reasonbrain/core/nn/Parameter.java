package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;

/** A named weight of a module. Trainable parameters record gradients; frozen ones do not. */
public final class Parameter {
  private final String name;
  private final ai.djl.ndarray.NDManager home;
  private NDArray value;
  private boolean trainable = true;

  Parameter(String name, NDArray value) {
    this.name = name;
    this.value = value;
    this.home = value.getManager();
    value.setRequiresGradient(true);
  }

  public String name() {
    return name;
  }

  public NDArray value() {
    return value;
  }

  public boolean trainable() {
    return trainable;
  }

  /** Freezes or unfreezes: a frozen parameter gets no gradient and is never updated. */
  public void setTrainable(boolean t) {
    if (t != trainable) {
      trainable = t;
      value.setRequiresGradient(t);
    }
  }

  /** Replaces the values in place (same shape required), keeping the gradient setting. */
  public void assign(float[] data) {
    if (data.length != value.size()) {
      throw new IllegalArgumentException(name + ": expected " + value.size() + " values for shape "
          + value.getShape() + ", got " + data.length);
    }
    NDArray fresh = home.create(data, value.getShape());
    value.close();
    value = fresh;
    value.setRequiresGradient(trainable);
  }

  /**
   * Replaces the array (optimizer updates) by a fresh leaf with a zero gradient; the shape must not
   * change. The new array moves to the model's manager, whatever manager computed it.
   */
  public void replace(NDArray updated) {
    if (!updated.getShape().equals(value.getShape())) {
      throw new IllegalArgumentException(name + ": shape " + updated.getShape() + " != " + value.getShape());
    }
    updated.attach(home);
    value.close();
    value = updated;
    value.setRequiresGradient(trainable);
  }
}
