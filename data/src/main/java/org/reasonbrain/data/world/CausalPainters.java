package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.PainterKit.WHITE;
import static org.reasonbrain.data.world.PainterKit.ember;
import static org.reasonbrain.data.world.PainterKit.smoke;
import static org.reasonbrain.data.world.Pen.shade;

/**
 * Painters of the causal category (see {@code CausalFamilies}): dominoes, rain, wind, the light switch, the
 * window and burning.
 */
final class CausalPainters {
  private CausalPainters() {}

  /** A domino: "standing", "fallen-right" or "fallen-left" (lying, pivoted about its base corner). */
  static void domino(Pen p, SceneObject o) {
    double s = o.size();
    double w = s * 0.3;
    double angle = switch (o.state()) {
      case "fallen-right" -> Math.toRadians(72);
      case "fallen-left" -> Math.toRadians(-72);
      default -> 0;
    };
    double pivot = angle > 0 ? o.x() + w / 2 : angle < 0 ? o.x() - w / 2 : o.x();
    java.awt.geom.AffineTransform saved = p.graphics().getTransform();
    p.graphics().rotate(angle, pivot, o.y());
    p.color(o.rgb()).rect(o.x() - w / 2, o.y() - s, w, s);
    p.color(WHITE).oval(o.x(), o.y() - s * 0.75, w * 0.3, w * 0.3);
    p.color(WHITE).oval(o.x(), o.y() - s * 0.3, w * 0.3, w * 0.3);
    p.graphics().setTransform(saved);
  }

  /** A pointing hand; o.param = +1 points right, -1 left. */
  static void hand(Pen p, SceneObject o) {
    double s = o.size();
    double d = o.param() >= 0 ? 1 : -1;
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.5, s * 0.6, s * 0.5);
    p.color(o.rgb()).rect(Math.min(o.x(), o.x() + d * s * 0.7), o.y() - s * 0.65, s * 0.7, s * 0.14);
    p.color(shade(o.rgb(), 0.85)).rect(Math.min(o.x() - d * s * 0.9, o.x() - d * s * 0.2), o.y() - s * 0.6, s * 0.7, s * 0.25);
  }

  /** A flag on a pole; o.param = 0 hangs limp, +1 streams right, -1 streams left. */
  static void flag(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0x6E6E6E).rect(o.x() - 0.006, o.y() - s, 0.012, s);
    double top = o.y() - s;
    if (Math.abs(o.param()) < 0.2) {
      p.color(o.rgb()).poly(o.x(), top, o.x() + s * 0.12, top + s * 0.05, o.x() + s * 0.08, top + s * 0.45, o.x(), top + s * 0.4);
    } else {
      double d = Math.signum(o.param());
      p.color(o.rgb()).poly(o.x(), top, o.x() + d * s * 0.55, top + s * 0.04, o.x() + d * s * 0.5, top + s * 0.3, o.x(), top + s * 0.3);
    }
  }

  /** An electric fan facing o.param (+1 blows right); "on" shows the air stream. */
  static void fan(Pen p, SceneObject o) {
    double s = o.size();
    double d = o.param() >= 0 ? 1 : -1;
    p.color(0x555555).rect(o.x() - s * 0.05, o.y() - s * 0.6, s * 0.1, s * 0.6);
    p.color(0x555555).rect(o.x() - s * 0.25, o.y() - s * 0.06, s * 0.5, s * 0.06);
    p.color(o.rgb()).oval(o.x() + d * s * 0.05, o.y() - s * 0.75, s * 0.25, s * 0.5);
    p.color(0xDDDDDD).oval(o.x() + d * s * 0.05, o.y() - s * 0.75, s * 0.12, s * 0.3);
    if (o.state().equals("on")) {
      for (int i = 0; i < 3; i++) {
        double y = o.y() - s * (0.6 + 0.15 * i);
        p.color(0xFFFFFF, 200).line(o.x() + d * s * 0.3, y, o.x() + d * s * 0.8, y, s * 0.03);
      }
    }
  }

  /** A lamp on a stand; "on" lights the bulb and adds a glow. */
  static void lamp(Pen p, SceneObject o) {
    double s = o.size();
    boolean on = o.state().equals("on");
    if (on) {
      p.color(0xFFF2A8, 150).oval(o.x(), o.y() - s * 0.75, s * 0.9, s * 0.7);
    }
    p.color(0x444444).rect(o.x() - s * 0.04, o.y() - s * 0.7, s * 0.08, s * 0.7);
    p.color(0x444444).rect(o.x() - s * 0.2, o.y() - s * 0.05, s * 0.4, s * 0.05);
    p.color(on ? 0xFFE45C : 0x8A8A7A).oval(o.x(), o.y() - s * 0.72, s * 0.26, s * 0.26);
    p.color(o.rgb()).poly(o.x() - s * 0.3, o.y() - s * 0.75, o.x() + s * 0.3, o.y() - s * 0.75, o.x() + s * 0.15, o.y() - s, o.x() - s * 0.15, o.y() - s);
  }

  static void lightSwitch(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s * 0.3, o.y() - s, s * 0.6, s);
    boolean on = o.state().equals("on");
    p.color(0x333333).rect(o.x() - s * 0.1, o.y() - s * (on ? 0.85 : 0.45), s * 0.2, s * 0.3);
  }

  /** A wire along y from x to o.param (an x coordinate). */
  static void wire(Pen p, SceneObject o) {
    p.color(o.rgb()).line(o.x(), o.y(), o.param(), o.y(), Math.max(0.008, o.size()));
  }

  static void soccerBall(Pen p, SceneObject o) {
    double s = o.size();
    p.color(WHITE).oval(o.x(), o.y() - s / 2, s, s);
    p.color(0x111111).oval(o.x(), o.y() - s / 2, s * 0.35, s * 0.35);
    p.color(0x111111).oval(o.x() - s * 0.32, o.y() - s * 0.3, s * 0.2, s * 0.2);
    p.color(0x111111).oval(o.x() + s * 0.32, o.y() - s * 0.3, s * 0.2, s * 0.2);
  }

  static void match(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0xE0C08A).line(o.x() - s * 0.5, o.y() - s * 0.1, o.x() + s * 0.4, o.y() - s * 0.1, s * 0.08);
    p.color(0xC0392B).oval(o.x() + s * 0.45, o.y() - s * 0.1, s * 0.14, s * 0.12);
    if (o.state().equals("lit")) {
      p.color(0xFFB020).oval(o.x() + s * 0.5, o.y() - s * 0.25, s * 0.18, s * 0.28);
    }
  }

  static void paper(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("burnt")) {
      p.color(0x1E1B18).poly(o.x() - s * 0.6, o.y(), o.x() - s * 0.3, o.y() - s * 0.25, o.x() + s * 0.4, o.y() - s * 0.2, o.x() + s * 0.6, o.y());
      ember(p, o.x() - s * 0.1, o.y() - s * 0.08, s);
      smoke(p, o.x(), o.y() - s * 0.3, s);
      return;
    }
    p.color(o.rgb()).poly(o.x() - s * 0.7, o.y(), o.x() - s * 0.5, o.y() - s * 0.2, o.x() + s * 0.7, o.y() - s * 0.2, o.x() + s * 0.6, o.y());
    p.color(0x9AA9B8).line(o.x() - s * 0.4, o.y() - s * 0.1, o.x() + s * 0.4, o.y() - s * 0.1, s * 0.03);
  }

  static void leafPile(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("burnt")) {
      p.color(0x2A2521).oval(o.x(), o.y() - s * 0.12, s * 1.3, s * 0.28);
      ember(p, o.x() - s * 0.2, o.y() - s * 0.15, s);
      smoke(p, o.x(), o.y() - s * 0.3, s);
      return;
    }
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.25, s * 1.4, s * 0.55);
    p.color(shade(o.rgb(), 1.2)).oval(o.x() - s * 0.3, o.y() - s * 0.35, s * 0.3, s * 0.15);
    p.color(shade(o.rgb(), 0.8)).oval(o.x() + s * 0.3, o.y() - s * 0.25, s * 0.3, s * 0.15);
  }

  static void cardboardBox(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("burnt")) {
      p.color(0x1F1B17).poly(o.x() - s * 0.55, o.y(), o.x() - s * 0.4, o.y() - s * 0.3, o.x() + s * 0.1, o.y() - s * 0.38,
          o.x() + s * 0.5, o.y() - s * 0.22, o.x() + s * 0.55, o.y());
      ember(p, o.x() + s * 0.1, o.y() - s * 0.12, s);
      smoke(p, o.x(), o.y() - s * 0.45, s);
      return;
    }
    p.color(o.rgb()).rect(o.x() - s * 0.5, o.y() - s * 0.7, s * 1.0, s * 0.7);
    p.color(shade(o.rgb(), 0.8)).rect(o.x() - s * 0.5, o.y() - s * 0.7, s * 1.0, s * 0.12);
    p.color(shade(o.rgb(), 0.7)).line(o.x(), o.y() - s * 0.7, o.x(), o.y() - s * 0.45, s * 0.05);
  }

  static void strawBale(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("burnt")) {
      p.color(0x26211C).round(o.x() - s * 0.65, o.y() - s * 0.22, s * 1.3, s * 0.22, s * 0.08);
      ember(p, o.x() + s * 0.2, o.y() - s * 0.15, s);
      smoke(p, o.x(), o.y() - s * 0.35, s);
      return;
    }
    p.color(o.rgb()).round(o.x() - s * 0.65, o.y() - s * 0.6, s * 1.3, s * 0.6, s * 0.1);
    p.color(shade(o.rgb(), 0.75)).line(o.x() - s * 0.3, o.y() - s * 0.6, o.x() - s * 0.3, o.y(), s * 0.05);
    p.color(shade(o.rgb(), 0.75)).line(o.x() + s * 0.3, o.y() - s * 0.6, o.x() + s * 0.3, o.y(), s * 0.05);
  }

  static void log(Pen p, SceneObject o) {
    double s = o.size();
    boolean burnt = o.state().equals("burnt");
    int c = burnt ? 0x231E1A : o.rgb();
    p.color(c).rect(o.x() - s * 0.7, o.y() - s * 0.4, s * 1.4, s * 0.4);
    p.color(burnt ? 0x3A302A : shade(c, 1.3)).oval(o.x() + s * 0.7, o.y() - s * 0.2, s * 0.2, s * 0.4);
    if (burnt) {
      ember(p, o.x() - s * 0.3, o.y() - s * 0.25, s);
      smoke(p, o.x(), o.y() - s * 0.45, s);
    }
  }
}
