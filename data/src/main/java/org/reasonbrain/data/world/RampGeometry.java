package org.reasonbrain.data.world;

/** The top and bottom resting points of a slope, so a rolling object can be placed on it. */
public final class RampGeometry {
  /** Height of the slope as a fraction of its width. */
  public static final double RISE = 0.5;

  private RampGeometry() {}

  /** Where an object of diameter {@code d} rests at the top of the slope: {x, baseY}. */
  public static double[] top(SceneObject ramp, double d) {
    double s = ramp.size();
    double dir = ramp.param() > 0 ? 1 : -1;
    double x = ramp.x() - dir * (s / 2 - d * 0.6);
    return new double[] {x, surfaceAt(ramp, x) + d * 0.1};
  }

  /** Where an object of diameter {@code d} rests on the ground past the foot of the slope. */
  public static double[] bottom(SceneObject ramp, double d) {
    double s = ramp.size();
    double dir = ramp.param() > 0 ? 1 : -1;
    return new double[] {ramp.x() + dir * (s / 2 + d * 0.7), ramp.y()};
  }

  /** Height of the slope's surface at x. */
  public static double surfaceAt(SceneObject ramp, double x) {
    double s = ramp.size();
    double dir = ramp.param() > 0 ? 1 : -1;
    double high = ramp.x() - dir * s / 2;
    double frac = Math.abs(x - high) / s;
    return ramp.y() - s * RISE * Math.max(0, 1 - frac);
  }
}
