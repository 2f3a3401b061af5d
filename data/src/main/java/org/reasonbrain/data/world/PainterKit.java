package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.Pen.mix;
import static org.reasonbrain.data.world.Pen.shade;

/**
 * The colours and the drawing steps painters of several categories share: how a thing melts, breaks, fades
 * and burns looks the same whatever the thing is (each painter draws in scene units: the object stands on (o.x,
 * o.y) and is about o.size tall; the state string selects the variant, see the family that uses the kind).
 */
final class PainterKit {
  private PainterKit() {}

  static final int WHITE = 0xFFFFFF;
  static final int ICE = 0xBFE6F7;
  static final int SKIN = 0xF1C8A0;
  static final int GOLD = 0xF2C230;
  static final int SILVER = 0xC9CED6;
  private static final int DAMP = 0x4E473C;

  /** Draws a meltable object: {@code solid} when solid, else a puddle of {@code puddleColour} or a damp patch. */
  static void meltable(Pen p, SceneObject o, Runnable solid, int puddleColour) {
    double s = o.size();
    switch (o.state()) {
      case "puddle" -> {
        p.color(puddleColour).oval(o.x(), o.y() - s * 0.08, s * 2.0, s * 0.32);
        p.color(shade(puddleColour, 1.15)).oval(o.x() - s * 0.3, o.y() - s * 0.1, s * 0.6, s * 0.1);
      }
      case "damp" -> p.color(DAMP).oval(o.x(), o.y() - s * 0.06, s * 1.7, s * 0.24);
      default -> solid.run();
    }
  }

  /** The shards a broken object leaves on the ground, in {@code colour}. */
  static void shards(Pen p, SceneObject o, int colour) {
    double s = o.size();
    p.color(colour).poly(o.x() - s * 0.6, o.y(), o.x() - s * 0.35, o.y() - s * 0.25, o.x() - s * 0.15, o.y());
    p.color(shade(colour, 0.85)).poly(o.x() - s * 0.05, o.y(), o.x() + s * 0.15, o.y() - s * 0.3, o.x() + s * 0.3, o.y());
    p.color(colour).poly(o.x() + s * 0.4, o.y(), o.x() + s * 0.55, o.y() - s * 0.15, o.x() + s * 0.7, o.y());
  }

  /** A painted object's colour: its own, or washed out when "faded". */
  static int paint(SceneObject o) {
    return o.state().equals("faded") ? mix(o.rgb(), 0xD9D4C7, 0.6) : o.rgb();
  }

  /** Two puffs of grey smoke rising from (x, y). */
  static void smoke(Pen p, double x, double y, double s) {
    p.color(0x8C8C8C, 170).oval(x, y - s * 0.2, s * 0.3, s * 0.2);
    p.color(0x8C8C8C, 140).oval(x + s * 0.12, y - s * 0.42, s * 0.35, s * 0.22);
  }

  /** Two glowing embers at (x, y). */
  static void ember(Pen p, double x, double y, double s) {
    p.color(0xFF7A1A).oval(x, y, s * 0.12, s * 0.08);
    p.color(0xFFB020).oval(x + s * 0.2, y - s * 0.02, s * 0.08, s * 0.06);
  }
}
