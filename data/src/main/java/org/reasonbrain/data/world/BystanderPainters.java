package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.PainterKit.WHITE;
import static org.reasonbrain.data.world.Pen.shade;

/**
 * Painters of the bystanders that no intervention concerns (see {@code BaseFamily}).
 */
final class BystanderPainters {
  private BystanderPainters() {}

  static void rock(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).poly(o.x() - s * 0.6, o.y(), o.x() - s * 0.45, o.y() - s * 0.6, o.x(), o.y() - s * 0.8, o.x() + s * 0.5, o.y() - s * 0.5, o.x() + s * 0.6, o.y());
    p.color(shade(o.rgb(), 1.2)).oval(o.x() - s * 0.15, o.y() - s * 0.55, s * 0.25, s * 0.15);
  }

  static void book(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s * 0.6, o.y() - s * 0.5, s * 1.2, s * 0.5);
    p.color(0xF4F1E8).rect(o.x() - s * 0.55, o.y() - s * 0.16, s * 1.1, s * 0.1);
  }

  static void potPlant(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).poly(o.x() - s * 0.3, o.y() - s * 0.45, o.x() + s * 0.3, o.y() - s * 0.45, o.x() + s * 0.22, o.y(), o.x() - s * 0.22, o.y());
    p.color(0x3F8F2F).oval(o.x(), o.y() - s * 0.75, s * 0.6, s * 0.5);
  }

  static void toyBlock(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s / 2, o.y() - s, s, s);
    p.color(WHITE).oval(o.x(), o.y() - s / 2, s * 0.4, s * 0.4);
  }
}
