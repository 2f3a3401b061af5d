package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.PainterKit.ICE;
import static org.reasonbrain.data.world.PainterKit.SILVER;
import static org.reasonbrain.data.world.PainterKit.SKIN;
import static org.reasonbrain.data.world.PainterKit.WHITE;
import static org.reasonbrain.data.world.PainterKit.meltable;
import static org.reasonbrain.data.world.PainterKit.shards;
import static org.reasonbrain.data.world.Pen.mix;
import static org.reasonbrain.data.world.Pen.shade;

/**
 * Painters of the physical category (see {@code PhysicalFamilies}): melting and freezing, weights, falling
 * and breaking, the candle, rolling, filling, the balloon, magnetism, sinking and floating.
 */
final class PhysicalPainters {
  private PhysicalPainters() {}

  private static final int WATER = 0x4A90D9;

  // ---------------------------------------------------------------- melting
  static void iceCube(Pen p, SceneObject o) {
    double s = o.size();
    meltable(p, o, () -> {
      p.color(o.rgb()).rect(o.x() - s / 2, o.y() - s, s, s);
      p.color(shade(o.rgb(), 1.15)).rect(o.x() - s / 2, o.y() - s, s, s * 0.25);
      p.color(WHITE).rect(o.x() - s * 0.3, o.y() - s * 0.8, s * 0.15, s * 0.4);
    }, mix(o.rgb(), WATER, 0.5));
  }

  static void iceCream(Pen p, SceneObject o) {
    double s = o.size();
    meltable(p, o, () -> {
      p.color(0xC8893F).poly(o.x() - s * 0.25, o.y() - s * 0.55, o.x() + s * 0.25, o.y() - s * 0.55, o.x(), o.y());
      p.color(o.rgb()).oval(o.x(), o.y() - s * 0.72, s * 0.6, s * 0.5);
    }, shade(o.rgb(), 0.95));
    if (o.state().equals("puddle")) {
      p.color(0xC8893F).poly(o.x() + s * 0.2, o.y() - s * 0.12, o.x() + s * 0.7, o.y() - s * 0.2, o.x() + s * 0.7, o.y() - s * 0.02);
    }
  }

  static void butter(Pen p, SceneObject o) {
    double s = o.size();
    meltable(p, o, () -> {
      p.color(o.rgb()).rect(o.x() - s * 0.7, o.y() - s * 0.6, s * 1.4, s * 0.6);
      p.color(shade(o.rgb(), 1.1)).rect(o.x() - s * 0.7, o.y() - s * 0.6, s * 1.4, s * 0.15);
    }, shade(o.rgb(), 1.05));
  }

  static void chocolate(Pen p, SceneObject o) {
    double s = o.size();
    meltable(p, o, () -> {
      p.color(o.rgb()).rect(o.x() - s * 0.6, o.y() - s * 0.45, s * 1.2, s * 0.45);
      p.color(shade(o.rgb(), 0.8)).line(o.x() - s * 0.2, o.y() - s * 0.45, o.x() - s * 0.2, o.y(), s * 0.05);
      p.color(shade(o.rgb(), 0.8)).line(o.x() + s * 0.2, o.y() - s * 0.45, o.x() + s * 0.2, o.y(), s * 0.05);
      p.color(0xC0392B).rect(o.x() - s * 0.6, o.y() - s * 0.3, s * 0.5, s * 0.3);
    }, shade(o.rgb(), 1.1));
  }

  static void snowman(Pen p, SceneObject o) {
    double s = o.size();
    meltable(p, o, () -> {
      p.color(WHITE).oval(o.x(), o.y() - s * 0.25, s * 0.5, s * 0.5);
      p.color(WHITE).oval(o.x(), o.y() - s * 0.62, s * 0.38, s * 0.36);
      p.color(WHITE).oval(o.x(), o.y() - s * 0.88, s * 0.26, s * 0.24);
      p.color(0xF08A24).poly(o.x(), o.y() - s * 0.9, o.x() + s * 0.18, o.y() - s * 0.87, o.x(), o.y() - s * 0.84);
      p.color(o.rgb()).rect(o.x() - s * 0.16, o.y() - s * 1.02, s * 0.32, s * 0.08);
    }, 0xDDEEF7);
    if (!o.state().equals("solid")) {
      p.color(0xF08A24).poly(o.x() + s * 0.2, o.y() - s * 0.1, o.x() + s * 0.42, o.y() - s * 0.08, o.x() + s * 0.2, o.y() - s * 0.05);
    }
  }

  static void frozenWater(Pen p, SceneObject o, double x0, double y0, double w, double h) {
    if (o.state().equals("empty")) {
      return;
    }
    boolean ice = o.state().equals("ice");
    p.color(ice ? ICE : o.rgb()).rect(x0, y0, w, h);
    if (ice) {
      p.color(WHITE).line(x0 + w * 0.2, y0 + h * 0.3, x0 + w * 0.6, y0 + h * 0.7, Math.max(0.006, w * 0.05));
      p.color(WHITE).line(x0 + w * 0.6, y0 + h * 0.2, x0 + w * 0.8, y0 + h * 0.5, Math.max(0.006, w * 0.04));
    }
  }

  static void waterGlass(Pen p, SceneObject o) {
    double s = o.size();
    double w = s * 0.55;
    p.color(0xDCE8EE).rect(o.x() - w / 2, o.y() - s, w, s);
    frozenWater(p, o, o.x() - w / 2 + s * 0.04, o.y() - s * 0.7, w - s * 0.08, s * 0.66);
  }

  static void waterBowl(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0xE6E1D6).poly(o.x() - s * 0.7, o.y() - s * 0.5, o.x() + s * 0.7, o.y() - s * 0.5, o.x() + s * 0.4, o.y(), o.x() - s * 0.4, o.y());
    frozenWater(p, o, o.x() - s * 0.6, o.y() - s * 0.48, s * 1.2, s * 0.18);
  }

  static void waterJug(Pen p, SceneObject o) {
    double s = o.size();
    double w = s * 0.6;
    p.color(0xD4E2E8).rect(o.x() - w / 2, o.y() - s * 0.9, w, s * 0.9);
    p.color(0xD4E2E8).line(o.x() + w / 2, o.y() - s * 0.75, o.x() + w / 2 + s * 0.15, o.y() - s * 0.4, s * 0.08);
    p.color(0xD4E2E8).poly(o.x() - w / 2, o.y() - s * 0.9, o.x() - w / 2 - s * 0.12, o.y() - s * 0.98, o.x() - w / 2, o.y() - s * 0.8);
    frozenWater(p, o, o.x() - w / 2 + s * 0.04, o.y() - s * 0.65, w - s * 0.08, s * 0.62);
  }

  static void pond(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0x7A6A4F).oval(o.x(), o.y() - s * 0.15, s * 2.2, s * 0.5);
    boolean ice = o.state().equals("ice");
    int inner = o.state().equals("empty") ? 0x8A7A5F : ice ? ICE : o.rgb();
    p.color(inner).oval(o.x(), o.y() - s * 0.15, s * 2.0, s * 0.4);
    if (ice) {
      p.color(WHITE).line(o.x() - s * 0.5, o.y() - s * 0.2, o.x() + s * 0.2, o.y() - s * 0.1, s * 0.04);
    }
  }

  static void waterBucket(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0x8E969E).poly(o.x() - s * 0.4, o.y() - s * 0.8, o.x() + s * 0.4, o.y() - s * 0.8, o.x() + s * 0.3, o.y(), o.x() - s * 0.3, o.y());
    frozenWater(p, o, o.x() - s * 0.36, o.y() - s * 0.8, s * 0.72, s * 0.16);
    p.color(0x5F666D).line(o.x() - s * 0.4, o.y() - s * 0.8, o.x(), o.y() - s * 1.1, s * 0.03);
    p.color(0x5F666D).line(o.x() + s * 0.4, o.y() - s * 0.8, o.x(), o.y() - s * 1.1, s * 0.03);
  }

  // ---------------------------------------------------------------- weights
  /** The seesaw: o.size is the plank length, o.param the tilt in [-1, 1] (positive: right end down). */
  static void seesaw(Pen p, SceneObject o) {
    double s = o.size();
    double pivotH = SeesawGeometry.PIVOT_HEIGHT;
    p.color(0x7A5230).poly(o.x() - 0.05, o.y(), o.x() + 0.05, o.y(), o.x(), o.y() - pivotH);
    java.awt.geom.AffineTransform saved = p.graphics().getTransform();
    p.graphics().rotate(SeesawGeometry.angle(o.param()), o.x(), o.y() - pivotH);
    p.color(o.rgb()).rect(o.x() - s / 2, o.y() - pivotH - SeesawGeometry.THICKNESS / 2, s, SeesawGeometry.THICKNESS);
    p.graphics().setTransform(saved);
  }

  static void elephant(Pen p, SceneObject o) {
    double s = o.size();
    int c = o.rgb();
    p.color(c).oval(o.x(), o.y() - s * 0.5, s * 1.1, s * 0.65);
    p.color(c).rect(o.x() - s * 0.45, o.y() - s * 0.3, s * 0.16, s * 0.3);
    p.color(c).rect(o.x() + s * 0.25, o.y() - s * 0.3, s * 0.16, s * 0.3);
    p.color(shade(c, 0.9)).oval(o.x() + s * 0.5, o.y() - s * 0.72, s * 0.45, s * 0.45);
    p.color(shade(c, 0.9)).rect(o.x() + s * 0.62, o.y() - s * 0.6, s * 0.1, s * 0.5);
    p.color(shade(c, 0.8)).oval(o.x() + s * 0.35, o.y() - s * 0.72, s * 0.25, s * 0.35);
  }

  static void mouse(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.35, s * 1.0, s * 0.7);
    p.color(o.rgb()).oval(o.x() + s * 0.35, o.y() - s * 0.75, s * 0.35, s * 0.35);
    p.color(0xF2A8B8).oval(o.x() + s * 0.35, o.y() - s * 0.75, s * 0.18, s * 0.18);
    p.color(shade(o.rgb(), 0.8)).line(o.x() - s * 0.5, o.y() - s * 0.3, o.x() - s * 0.9, o.y() - s * 0.6, s * 0.08);
  }

  static void brick(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s * 0.8, o.y() - s, s * 1.6, s);
    p.color(shade(o.rgb(), 0.75)).line(o.x() - s * 0.8, o.y() - s * 0.5, o.x() + s * 0.8, o.y() - s * 0.5, s * 0.06);
  }

  static void feather(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.3, s * 1.4, s * 0.45);
    p.color(shade(o.rgb(), 0.7)).line(o.x() - s * 0.8, o.y() - s * 0.2, o.x() + s * 0.7, o.y() - s * 0.38, s * 0.05);
  }

  static void hippo(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.45, s * 1.3, s * 0.7);
    p.color(shade(o.rgb(), 1.1)).oval(o.x() + s * 0.6, o.y() - s * 0.5, s * 0.55, s * 0.45);
    p.color(o.rgb()).rect(o.x() - s * 0.5, o.y() - s * 0.2, s * 0.2, s * 0.2);
    p.color(o.rgb()).rect(o.x() + s * 0.25, o.y() - s * 0.2, s * 0.2, s * 0.2);
  }

  static void cat(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.3, s * 0.9, s * 0.55);
    p.color(o.rgb()).oval(o.x() + s * 0.4, o.y() - s * 0.7, s * 0.45, s * 0.42);
    p.color(o.rgb()).poly(o.x() + s * 0.22, o.y() - s * 0.8, o.x() + s * 0.3, o.y() - s * 1.0, o.x() + s * 0.38, o.y() - s * 0.85);
    p.color(o.rgb()).poly(o.x() + s * 0.45, o.y() - s * 0.85, o.x() + s * 0.55, o.y() - s * 1.0, o.x() + s * 0.6, o.y() - s * 0.8);
    p.color(shade(o.rgb(), 0.8)).line(o.x() - s * 0.45, o.y() - s * 0.3, o.x() - s * 0.7, o.y() - s * 0.8, s * 0.08);
  }

  static void bowlingBall(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s / 2, s, s);
    p.color(0x111111).oval(o.x() - s * 0.12, o.y() - s * 0.68, s * 0.12, s * 0.12);
    p.color(0x111111).oval(o.x() + s * 0.1, o.y() - s * 0.7, s * 0.12, s * 0.12);
  }

  static void tennisBall(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s / 2, s, s);
    p.color(WHITE).line(o.x() - s * 0.3, o.y() - s * 0.8, o.x() + s * 0.1, o.y() - s * 0.2, s * 0.08);
  }

  // ---------------------------------------------------------------- falling and breaking
  static void shelf(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s / 2, o.y(), s, 0.03);
    p.color(shade(o.rgb(), 0.7)).rect(o.x() - s / 2 + 0.02, o.y() + 0.03, 0.025, 0.05);
    p.color(shade(o.rgb(), 0.7)).rect(o.x() + s / 2 - 0.045, o.y() + 0.03, 0.025, 0.05);
  }

  static void egg(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("broken")) {
      p.color(0xFFFFFF).oval(o.x(), o.y() - s * 0.08, s * 1.6, s * 0.2);
      p.color(0xF5B81C).oval(o.x(), o.y() - s * 0.1, s * 0.45, s * 0.18);
      shards(p, new SceneObject(o.id(), o.kind(), o.x(), o.y(), s * 0.5, o.rgb(), o.state(), 0), o.rgb());
      return;
    }
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.4, s * 0.6, s * 0.8);
  }

  static void vase(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("broken")) {
      shards(p, o, o.rgb());
      return;
    }
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.35, s * 0.6, s * 0.7);
    p.color(o.rgb()).rect(o.x() - s * 0.12, o.y() - s, s * 0.24, s * 0.45);
    p.color(shade(o.rgb(), 1.2)).rect(o.x() - s * 0.18, o.y() - s, s * 0.36, s * 0.08);
  }

  static void cup(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("broken")) {
      shards(p, o, o.rgb());
      return;
    }
    p.color(o.rgb()).rect(o.x() - s * 0.35, o.y() - s * 0.8, s * 0.7, s * 0.8);
    p.color(o.rgb()).line(o.x() + s * 0.35, o.y() - s * 0.6, o.x() + s * 0.55, o.y() - s * 0.4, s * 0.12);
  }

  static void bottle(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("broken")) {
      shards(p, o, o.rgb());
      return;
    }
    p.color(o.rgb()).rect(o.x() - s * 0.22, o.y() - s * 0.7, s * 0.44, s * 0.7);
    p.color(o.rgb()).rect(o.x() - s * 0.08, o.y() - s * 1.05, s * 0.16, s * 0.38);
    p.color(shade(o.rgb(), 1.25)).rect(o.x() - s * 0.14, o.y() - s * 0.6, s * 0.08, s * 0.45);
  }

  static void plate(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("broken")) {
      shards(p, new SceneObject(o.id(), o.kind(), o.x(), o.y(), s * 0.7, o.rgb(), o.state(), 0), o.rgb());
      return;
    }
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.12, s * 1.4, s * 0.24);
    p.color(shade(o.rgb(), 0.85)).oval(o.x(), o.y() - s * 0.13, s * 0.8, s * 0.12);
  }

  // ---------------------------------------------------------------- candle
  static void candle(Pen p, SceneObject o) {
    double s = o.size();
    double h = switch (o.state()) {
      case "short" -> s * 0.35;
      case "out" -> s * 0.14;
      default -> s;
    };
    p.color(0xEDE4D0).oval(o.x(), o.y() - 0.005, s * 0.5, s * 0.08);
    p.color(o.rgb()).rect(o.x() - s * 0.12, o.y() - h, s * 0.24, h);
    if (o.state().equals("out")) {
      p.color(0x9A9A9A, 160).line(o.x(), o.y() - h, o.x() + s * 0.08, o.y() - h - s * 0.25, s * 0.04);
    } else {
      p.color(0xFFB020).oval(o.x(), o.y() - h - s * 0.1, s * 0.14, s * 0.2);
      p.color(0xFFF3A0).oval(o.x(), o.y() - h - s * 0.08, s * 0.06, s * 0.1);
    }
    if (!o.state().equals("tall")) {
      p.color(shade(o.rgb(), 0.95)).oval(o.x(), o.y() - s * 0.02, s * 0.45, s * 0.08);
    }
  }

  // ---------------------------------------------------------------- rolling
  /** The slope: o.size is its width; o.param = +1 when it descends to the right, -1 to the left. */
  static void ramp(Pen p, SceneObject o) {
    double s = o.size();
    double h = s * RampGeometry.RISE;
    if (o.param() > 0) {
      p.color(o.rgb()).poly(o.x() - s / 2, o.y(), o.x() - s / 2, o.y() - h, o.x() + s / 2, o.y());
    } else {
      p.color(o.rgb()).poly(o.x() + s / 2, o.y(), o.x() + s / 2, o.y() - h, o.x() - s / 2, o.y());
    }
  }

  static void ball(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s / 2, s, s);
    p.color(shade(o.rgb(), 1.3)).oval(o.x() - s * 0.15, o.y() - s * 0.68, s * 0.25, s * 0.2);
  }

  static void barrel(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s / 2, s, s);
    p.color(0x555555).line(o.x() - s * 0.2, o.y() - s * 0.95, o.x() - s * 0.2, o.y() - s * 0.05, s * 0.07);
    p.color(0x555555).line(o.x() + s * 0.2, o.y() - s * 0.95, o.x() + s * 0.2, o.y() - s * 0.05, s * 0.07);
  }

  static void wheel(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0x222222).oval(o.x(), o.y() - s / 2, s, s);
    p.color(o.rgb()).oval(o.x(), o.y() - s / 2, s * 0.6, s * 0.6);
    p.color(0x222222).oval(o.x(), o.y() - s / 2, s * 0.15, s * 0.15);
  }

  // ---------------------------------------------------------------- filling
  /** A tap on a wall pipe; water runs down to o.param below its spout when the state is "running". */
  static void tap(Pen p, SceneObject o) {
    double s = o.size();
    double spoutY = o.y() - s;
    p.color(0x9AA3AB).rect(o.x() - s * 0.6, spoutY - s * 0.25, s * 0.6, s * 0.15);
    p.color(0x9AA3AB).rect(o.x() - s * 0.08, spoutY - s * 0.25, s * 0.16, s * 0.25);
    p.color(0xC0392B).oval(o.x() - s * 0.3, spoutY - s * 0.32, s * 0.22, s * 0.1);
    if (o.state().equals("running")) {
      p.color(WATER, 200).rect(o.x() - s * 0.04, spoutY, s * 0.08, o.param());
    }
  }

  static void container(Pen p, SceneObject o, double top, double w, int body) {
    double s = o.size();
    p.color(body).rect(o.x() - w / 2, o.y() - s * top, w, s * top);
    if (o.state().equals("full")) {
      p.color(WATER).rect(o.x() - w / 2 + s * 0.04, o.y() - s * top * 0.9, w - s * 0.08, s * top * 0.86);
    } else {
      p.color(shade(body, 1.1)).rect(o.x() - w / 2 + s * 0.04, o.y() - s * top * 0.9, w - s * 0.08, s * top * 0.86);
    }
  }

  static void glass(Pen p, SceneObject o) {
    container(p, o, 1.0, o.size() * 0.55, 0xD7E6EC);
  }

  static void bucket(Pen p, SceneObject o) {
    container(p, o, Kind.BUCKET.containerTop(), o.size() * 0.8, o.rgb());
  }

  static void jar(Pen p, SceneObject o) {
    double s = o.size();
    container(p, o, Kind.JAR.containerTop(), s * 0.62, o.rgb());
    p.color(shade(o.rgb(), 0.8)).rect(o.x() - s * 0.34, o.y() - s * 0.98, s * 0.68, s * 0.1);
  }

  static void pitcher(Pen p, SceneObject o) {
    double s = o.size();
    container(p, o, Kind.PITCHER.containerTop(), s * 0.7, o.rgb());
    p.color(o.rgb()).line(o.x() + s * 0.35, o.y() - s * 0.65, o.x() + s * 0.58, o.y() - s * 0.4, s * 0.12);
    p.color(o.rgb()).line(o.x() + s * 0.58, o.y() - s * 0.4, o.x() + s * 0.35, o.y() - s * 0.2, s * 0.12);
  }

  /** A bowl: filled by the tap ("empty", "full") or dropped from a shelf ("intact", "broken"). */
  static void bowl(Pen p, SceneObject o) {
    double s = o.size();
    if (o.state().equals("broken")) {
      shards(p, new SceneObject(o.id(), o.kind(), o.x(), o.y(), s * 0.8, o.rgb(), o.state(), 0), o.rgb());
      return;
    }
    double top = Kind.BOWL.containerTop();
    p.color(o.rgb()).poly(o.x() - s * 0.6, o.y() - s * top, o.x() + s * 0.6, o.y() - s * top, o.x() + s * 0.35, o.y(), o.x() - s * 0.35, o.y());
    int inner = o.state().equals("full") ? WATER : shade(o.rgb(), 1.15);
    p.color(inner).rect(o.x() - s * 0.52, o.y() - s * top * 0.95, s * 1.04, s * top * 0.35);
  }

  static void pot(Pen p, SceneObject o) {
    double s = o.size();
    container(p, o, Kind.POT.containerTop(), s * 0.95, o.rgb());
    p.color(shade(o.rgb(), 0.7)).rect(o.x() - s * 0.65, o.y() - s * 0.62, s * 0.18, s * 0.07);
    p.color(shade(o.rgb(), 0.7)).rect(o.x() + s * 0.47, o.y() - s * 0.62, s * 0.18, s * 0.07);
  }

  // ---------------------------------------------------------------- balloon
  /** A balloon on a string: "held" shows the hand holding the string at (x, y); "floating" has no hand. */
  static void balloon(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0x555555).line(o.x(), o.y(), o.x(), o.y() - s * 0.6, 0.008);
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.8, s * 0.36, s * 0.44);
    p.color(shade(o.rgb(), 1.3)).oval(o.x() - s * 0.07, o.y() - s * 0.88, s * 0.08, s * 0.1);
    if (o.state().equals("held")) {
      p.color(SKIN).oval(o.x(), o.y() + 0.01, 0.05, 0.04);
      p.color(SKIN).rect(o.x() - 0.015, o.y() + 0.02, 0.03, 0.1);
    }
  }

  // ---------------------------------------------------------------- magnet
  static void magnet(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s * 0.5, o.y() - s, s * 0.25, s);
    p.color(o.rgb()).rect(o.x() + s * 0.25, o.y() - s, s * 0.25, s);
    p.color(o.rgb()).rect(o.x() - s * 0.5, o.y() - s, s, s * 0.3);
    p.color(SILVER).rect(o.x() - s * 0.5, o.y() - s * 0.2, s * 0.25, s * 0.2);
    p.color(SILVER).rect(o.x() + s * 0.25, o.y() - s * 0.2, s * 0.25, s * 0.2);
  }

  static void paperClip(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).line(o.x() - s * 0.5, o.y() - s * 0.2, o.x() + s * 0.5, o.y() - s * 0.2, s * 0.18);
    p.color(o.rgb()).line(o.x() - s * 0.4, o.y() - s * 0.45, o.x() + s * 0.5, o.y() - s * 0.45, s * 0.18);
  }

  static void nail(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).line(o.x() - s * 0.5, o.y() - s * 0.2, o.x() + s * 0.5, o.y() - s * 0.2, s * 0.14);
    p.color(o.rgb()).rect(o.x() - s * 0.55, o.y() - s * 0.42, s * 0.1, s * 0.44);
  }

  static void screw(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).line(o.x() - s * 0.4, o.y() - s * 0.2, o.x() + s * 0.5, o.y() - s * 0.2, s * 0.2);
    p.color(shade(o.rgb(), 0.6)).line(o.x() - s * 0.1, o.y() - s * 0.3, o.x(), o.y() - s * 0.1, s * 0.05);
    p.color(o.rgb()).oval(o.x() - s * 0.5, o.y() - s * 0.2, s * 0.25, s * 0.4);
  }

  static void eraser(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s * 0.5, o.y() - s * 0.45, s, s * 0.45);
    p.color(0x3A6FD8).rect(o.x() - s * 0.1, o.y() - s * 0.45, s * 0.6, s * 0.45);
  }

  // ---------------------------------------------------------------- sinking and floating
  /** A block whose material is o.param: 0 wood (brown, grain), 1 stone (grey, speckled). */
  static void block(Pen p, SceneObject o) {
    double s = o.size();
    boolean stone = o.param() > 0.5;
    p.color(o.rgb()).rect(o.x() - s / 2, o.y() - s, s, s);
    if (stone) {
      p.color(shade(o.rgb(), 0.7)).oval(o.x() - s * 0.2, o.y() - s * 0.7, s * 0.15, s * 0.15);
      p.color(shade(o.rgb(), 0.7)).oval(o.x() + s * 0.2, o.y() - s * 0.3, s * 0.12, s * 0.12);
      p.color(shade(o.rgb(), 1.2)).oval(o.x() + s * 0.1, o.y() - s * 0.75, s * 0.1, s * 0.1);
    } else {
      p.color(shade(o.rgb(), 0.75)).line(o.x() - s * 0.4, o.y() - s * 0.3, o.x() + s * 0.4, o.y() - s * 0.3, s * 0.06);
      p.color(shade(o.rgb(), 0.75)).line(o.x() - s * 0.4, o.y() - s * 0.65, o.x() + s * 0.4, o.y() - s * 0.65, s * 0.06);
    }
  }
}
