package org.reasonbrain.core.nn;

import ai.djl.ndarray.NDArray;

/** A named weight of a module. Trainable parameters record gradients; frozen ones do not. */
public final class Parameter {
  private final String name;
  private NDArray value;
  private boolean trainable = true;

  Parameter(String name, NDArray value) {
    this.name = name;
    this.value = value;
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
    NDArray fresh = value.getManager().create(data, value.getShape());
    value.close();
    value = fresh;
    value.setRequiresGradient(trainable);
  }

  /** Replaces the array (optimizer updates); the shape must not change. */
  public void replace(NDArray updated) {
    if (!updated.getShape().equals(value.getShape())) {
      throw new IllegalArgumentException(name + ": shape " + updated.getShape() + " != " + value.getShape());
    }
    updated.attach(value.getManager());
    value.close();
    value = updated;
    value.setRequiresGradient(trainable);
  }
}
