package org.reasonbrain.data.world;

/** Levels of the water tank backdrop. */
public final class TankGeometry {
  /** Water surface height. */
  public static final double SURFACE = 0.42;
  /** Tank floor height (where sunk objects rest). */
  public static final double BOTTOM = BackgroundPainter.FLOOR - 0.02;

  private TankGeometry() {}
}
