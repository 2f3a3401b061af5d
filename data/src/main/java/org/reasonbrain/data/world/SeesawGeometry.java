package org.reasonbrain.data.world;

/** Where the ends of a tilted seesaw plank are, so riders can be placed on them. */
public final class SeesawGeometry {
  /** Height of the pivot, in scene units. */
  public static final double PIVOT_HEIGHT = 0.1;
  /** Thickness of the plank. */
  public static final double THICKNESS = 0.025;
  private static final double MAX_ANGLE = 0.3;

  private SeesawGeometry() {}

  /** Plank angle in radians for a tilt in [-1, 1] (positive: right end down). */
  public static double angle(double tilt) {
    return tilt * MAX_ANGLE;
  }

  /**
   * The point on top of the plank at signed distance {@code along} from the pivot (negative: left),
   * for a seesaw object; returns {x, y}.
   */
  public static double[] pointOnPlank(SceneObject seesaw, double along) {
    double a = angle(seesaw.param());
    double cx = seesaw.x();
    double cy = seesaw.y() - PIVOT_HEIGHT;
    double x = cx + along * Math.cos(a) + (THICKNESS / 2) * Math.sin(a);
    double y = cy + along * Math.sin(a) - (THICKNESS / 2) * Math.cos(a);
    return new double[] {x, y};
  }
}
