package org.reasonbrain.data.world;

/** Surface heights shared by families and painters. */
public final class Layout {
  /** The ground line outdoors. */
  public static final double GROUND = BackgroundPainter.HORIZON;
  /** The table top (TABLE setting). */
  public static final double TABLE = BackgroundPainter.TABLE_TOP;
  /** The floor line (ROOM and WATER_TANK settings). */
  public static final double FLOOR = BackgroundPainter.FLOOR;

  private Layout() {}

  /** Where objects stand for a setting. */
  public static double surface(Background.Setting s) {
    return switch (s) {
      case OUTDOOR -> GROUND + 0.08;
      case TABLE -> TABLE + 0.06;
      case ROOM, WATER_TANK -> FLOOR + 0.06;
    };
  }
}
