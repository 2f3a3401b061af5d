package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.Pen.mix;
import static org.reasonbrain.data.world.Pen.shade;

import java.util.Random;

/**
 * One painter per object kind. Each draws in scene units: the object stands on (o.x, o.y) and is
 * about o.size tall; the state string selects the variant (see the family that uses the kind).
 */
final class Painters {
  private Painters() {}

  private static final int WHITE = 0xFFFFFF;
  private static final int DAMP = 0x4E473C;
  private static final int WATER = 0x4A90D9;
  private static final int ICE = 0xBFE6F7;
  private static final int SKIN = 0xF1C8A0;
  private static final int GOLD = 0xF2C230;
  private static final int SILVER = 0xC9CED6;

  // ---------------------------------------------------------------- melting
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

  static void shards(Pen p, SceneObject o, int colour) {
    double s = o.size();
    p.color(colour).poly(o.x() - s * 0.6, o.y(), o.x() - s * 0.35, o.y() - s * 0.25, o.x() - s * 0.15, o.y());
    p.color(shade(colour, 0.85)).poly(o.x() - s * 0.05, o.y(), o.x() + s * 0.15, o.y() - s * 0.3, o.x() + s * 0.3, o.y());
    p.color(colour).poly(o.x() + s * 0.4, o.y(), o.x() + s * 0.55, o.y() - s * 0.15, o.x() + s * 0.7, o.y());
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

  // ---------------------------------------------------------------- plants
  /** Growth stage as a fraction of full height (sapling 0.3 ... old 1.15), or 1 for a season state. */
  static double growth(String state) {
    return switch (state) {
      case "sprout" -> 0.18;
      case "sapling" -> 0.3;
      case "young" -> 0.6;
      case "old" -> 1.15;
      default -> 1.0;
    };
  }

  /** A tree: growth states (sapling, young, grown, old) or seasons (summer, autumn, winter, spring); o.param bends it. */
  static void tree(Pen p, SceneObject o) {
    double s = o.size() * growth(o.state());
    double bend = o.param() * s * 0.25;
    double trunkW = Math.max(0.012, s * 0.12);
    p.color(0x7A5230).poly(o.x() - trunkW / 2, o.y(), o.x() + trunkW / 2, o.y(),
        o.x() + trunkW / 3 + bend, o.y() - s * 0.55, o.x() - trunkW / 3 + bend, o.y() - s * 0.55);
    double cx = o.x() + bend * 1.3;
    double cy = o.y() - s * 0.7;
    switch (o.state()) {
      case "winter" -> {
        p.color(0x7A5230).line(cx, cy + s * 0.1, cx - s * 0.25, cy - s * 0.15, trunkW * 0.4);
        p.color(0x7A5230).line(cx, cy + s * 0.1, cx + s * 0.25, cy - s * 0.2, trunkW * 0.4);
        p.color(WHITE).oval(cx, cy - s * 0.12, s * 0.4, s * 0.08);
      }
      case "autumn" -> {
        p.color(0xD9731E).oval(cx, cy, s * 0.65, s * 0.55);
        p.color(0xE8A23A).oval(cx + s * 0.12, cy - s * 0.08, s * 0.3, s * 0.25);
        p.color(0xD9731E).oval(o.x() - s * 0.3, o.y() - 0.006, s * 0.25, s * 0.04);
        p.color(0xC4581A).oval(o.x() + s * 0.3, o.y() - 0.006, s * 0.2, s * 0.04);
      }
      case "spring" -> {
        p.color(0x8ACB5E).oval(cx, cy, s * 0.65, s * 0.55);
        p.color(0xF7B6D2).oval(cx - s * 0.15, cy - s * 0.1, s * 0.1, s * 0.1);
        p.color(0xF7B6D2).oval(cx + s * 0.12, cy + s * 0.05, s * 0.1, s * 0.1);
        p.color(0xF7B6D2).oval(cx + s * 0.05, cy - s * 0.18, s * 0.1, s * 0.1);
      }
      default -> {
        p.color(o.rgb()).oval(cx, cy, s * 0.65, s * 0.55);
        p.color(shade(o.rgb(), 1.2)).oval(cx - s * 0.1, cy - s * 0.1, s * 0.25, s * 0.2);
      }
    }
  }

  static void sunflower(Pen p, SceneObject o) {
    double s = o.size() * growth(o.state());
    p.color(0x3F8F2F).line(o.x(), o.y(), o.x(), o.y() - s * 0.8, Math.max(0.008, s * 0.06));
    p.color(0x4FA83A).oval(o.x() + s * 0.1, o.y() - s * 0.4, s * 0.2, s * 0.08);
    if (s > o.size() * 0.5) {
      p.color(o.rgb()).oval(o.x(), o.y() - s * 0.85, s * 0.45, s * 0.45);
      p.color(0x5C3B1E).oval(o.x(), o.y() - s * 0.85, s * 0.2, s * 0.2);
    } else {
      p.color(0x4FA83A).oval(o.x(), o.y() - s * 0.85, s * 0.2, s * 0.15);
    }
  }

  static void cactus(Pen p, SceneObject o) {
    double s = o.size() * growth(o.state());
    p.color(o.rgb()).round(o.x() - s * 0.12, o.y() - s, s * 0.24, s, s * 0.2);
    if (s > o.size() * 0.5) {
      p.color(o.rgb()).round(o.x() - s * 0.35, o.y() - s * 0.7, s * 0.14, s * 0.35, s * 0.1);
      p.color(o.rgb()).round(o.x() + s * 0.21, o.y() - s * 0.8, s * 0.14, s * 0.35, s * 0.1);
    }
  }

  /** A house with two windows: "plain", "lit" (windows glow), "broken-left" / "broken-right" (a pane smashed). */
  static void house(Pen p, SceneObject o) {
    double s = o.size();
    double w = s * 1.2;
    p.color(o.rgb()).rect(o.x() - w / 2, o.y() - s * 0.7, w, s * 0.7);
    p.color(0x9C3B2E).poly(o.x() - w * 0.6, o.y() - s * 0.7, o.x() + w * 0.6, o.y() - s * 0.7, o.x(), o.y() - s * 1.05);
    p.color(0x6B4A2F).rect(o.x() - s * 0.08, o.y() - s * 0.32, s * 0.16, s * 0.32);
    int win = o.state().equals("lit") ? 0xFFE066 : 0x9CC7E8;
    for (int side = -1; side <= 1; side += 2) {
      double wx = o.x() + side * w * 0.3;
      double wy = o.y() - s * 0.5;
      p.color(win).rect(wx - s * 0.12, wy - s * 0.1, s * 0.24, s * 0.2);
      boolean broken = (side < 0 && o.state().equals("broken-left")) || (side > 0 && o.state().equals("broken-right"));
      if (broken) {
        p.color(0x1E1E1E).poly(wx - s * 0.1, wy - s * 0.08, wx + s * 0.05, wy - s * 0.02, wx - s * 0.02, wy + s * 0.08);
        p.color(WHITE).line(wx - s * 0.12, wy - s * 0.1, wx + s * 0.12, wy + s * 0.1, s * 0.02);
        p.color(WHITE).line(wx + s * 0.1, wy - s * 0.1, wx - s * 0.05, wy + s * 0.1, s * 0.02);
      }
    }
  }

  // ---------------------------------------------------------------- fruit
  private static int fruitColour(String state, int green, int mid, int ripe, int over) {
    return switch (state) {
      case "green" -> green;
      case "yellow", "orange" -> mid;
      case "spotted", "red" -> ripe;
      default -> over;
    };
  }

  static void banana(Pen p, SceneObject o) {
    double s = o.size();
    int c = fruitColour(o.state(), 0x7DBA3A, 0xF2D335, 0xE9C73A, 0x6B4A1E);
    p.color(c).poly(o.x() - s * 0.6, o.y() - s * 0.5, o.x() - s * 0.3, o.y() - s * 0.1, o.x() + s * 0.3, o.y() - s * 0.1,
        o.x() + s * 0.6, o.y() - s * 0.5, o.x() + s * 0.3, o.y() - s * 0.3, o.x() - s * 0.3, o.y() - s * 0.3);
    p.color(0x4A3A1A).rect(o.x() + s * 0.55, o.y() - s * 0.58, s * 0.08, s * 0.1);
    if (o.state().equals("spotted")) {
      p.color(0x5C3B1E).oval(o.x() - s * 0.2, o.y() - s * 0.2, s * 0.08, s * 0.06);
      p.color(0x5C3B1E).oval(o.x() + s * 0.15, o.y() - s * 0.22, s * 0.08, s * 0.06);
    }
  }

  static void tomato(Pen p, SceneObject o) {
    double s = o.size();
    int c = fruitColour(o.state(), 0x6DAF3C, 0xF08A30, 0xD8322A, 0x5A3A22);
    double h = o.state().equals("rotten") ? s * 0.6 : s * 0.8;
    p.color(c).oval(o.x(), o.y() - h / 2, s * 0.9, h);
    p.color(0x2F7A2A).poly(o.x() - s * 0.15, o.y() - h, o.x() + s * 0.15, o.y() - h, o.x(), o.y() - h - s * 0.12);
    if (o.state().equals("rotten")) {
      p.color(0xB9C28A).oval(o.x() + s * 0.15, o.y() - h * 0.6, s * 0.2, s * 0.15);
    }
  }

  static void pear(Pen p, SceneObject o) {
    double s = o.size();
    int c = fruitColour(o.state(), 0x9CC43A, 0xE8D14A, 0xD9B23A, 0x6B4A1E);
    p.color(c).oval(o.x(), o.y() - s * 0.3, s * 0.8, s * 0.6);
    p.color(c).oval(o.x(), o.y() - s * 0.68, s * 0.5, s * 0.45);
    p.color(0x5C3B1E).line(o.x(), o.y() - s * 0.88, o.x() - s * 0.05, o.y() - s * 1.05, s * 0.06);
    if (o.state().equals("spotted")) {
      p.color(0x5C3B1E).oval(o.x() - s * 0.15, o.y() - s * 0.3, s * 0.1, s * 0.08);
      p.color(0x5C3B1E).oval(o.x() + s * 0.18, o.y() - s * 0.45, s * 0.08, s * 0.06);
    }
  }

  static void mango(Pen p, SceneObject o) {
    double s = o.size();
    int c = fruitColour(o.state(), 0x5FA83A, 0xF2A030, 0xE0502A, 0x5A3A22);
    double h = o.state().equals("rotten") ? s * 0.5 : s * 0.65;
    p.color(c).oval(o.x(), o.y() - h / 2, s * 1.1, h);
    p.color(0x2F7A2A).oval(o.x() + s * 0.3, o.y() - h - s * 0.04, s * 0.25, s * 0.08);
    if (o.state().equals("rotten")) {
      p.color(0xB9C28A).oval(o.x() - s * 0.2, o.y() - h * 0.5, s * 0.22, s * 0.14);
    }
  }

  static void apple(Pen p, SceneObject o) {
    double s = o.size();
    int c = switch (o.state()) {
      case "green" -> 0x8DC63F;
      case "red" -> 0xC62828;
      case "bruised" -> 0x9E3A2A;
      default -> 0x5A3A22;
    };
    p.color(c).oval(o.x(), o.y() - s * 0.42, s * 0.9, s * 0.84);
    p.color(0x5C3B1E).line(o.x(), o.y() - s * 0.8, o.x() + s * 0.05, o.y() - s, s * 0.06);
    if (o.state().equals("bruised") || o.state().equals("rotten")) {
      p.color(0x3A2414).oval(o.x() - s * 0.15, o.y() - s * 0.4, s * 0.25, s * 0.2);
    }
  }

  // ---------------------------------------------------------------- painted things
  private static int paint(SceneObject o) {
    return o.state().equals("faded") ? mix(o.rgb(), 0xD9D4C7, 0.6) : o.rgb();
  }

  private static void cracks(Pen p, SceneObject o, double x0, double y0, double w, double h) {
    if (o.state().equals("faded")) {
      p.color(0x8A8378).line(x0 + w * 0.2, y0 + h * 0.2, x0 + w * 0.35, y0 + h * 0.55, Math.max(0.004, w * 0.02));
      p.color(0x8A8378).line(x0 + w * 0.7, y0 + h * 0.4, x0 + w * 0.6, y0 + h * 0.8, Math.max(0.004, w * 0.02));
    }
  }

  static void fence(Pen p, SceneObject o) {
    double s = o.size();
    int c = paint(o);
    for (int i = 0; i < 5; i++) {
      double px = o.x() - s * 0.8 + i * s * 0.4;
      p.color(c).poly(px - s * 0.1, o.y(), px + s * 0.1, o.y(), px + s * 0.1, o.y() - s * 0.85, px, o.y() - s, px - s * 0.1, o.y() - s * 0.85);
    }
    p.color(shade(c, 0.9)).rect(o.x() - s * 0.9, o.y() - s * 0.7, s * 1.8, s * 0.1);
    cracks(p, o, o.x() - s * 0.9, o.y() - s, s * 1.8, s);
  }

  static void door(Pen p, SceneObject o) {
    double s = o.size();
    int c = paint(o);
    p.color(0x8A8378).rect(o.x() - s * 0.32, o.y() - s * 1.02, s * 0.64, s * 1.02);
    p.color(c).rect(o.x() - s * 0.28, o.y() - s, s * 0.56, s);
    p.color(GOLD).oval(o.x() + s * 0.18, o.y() - s * 0.5, s * 0.07, s * 0.07);
    cracks(p, o, o.x() - s * 0.28, o.y() - s, s * 0.56, s);
  }

  static void car(Pen p, SceneObject o) {
    double s = o.size();
    int c = paint(o);
    p.color(c).round(o.x() - s, o.y() - s * 0.6, s * 2, s * 0.4, s * 0.15);
    p.color(c).round(o.x() - s * 0.55, o.y() - s * 0.95, s * 1.1, s * 0.45, s * 0.2);
    p.color(0x9CC7E8).rect(o.x() - s * 0.4, o.y() - s * 0.85, s * 0.35, s * 0.25);
    p.color(0x9CC7E8).rect(o.x() + s * 0.05, o.y() - s * 0.85, s * 0.35, s * 0.25);
    p.color(0x222222).oval(o.x() - s * 0.55, o.y() - s * 0.18, s * 0.36, s * 0.36);
    p.color(0x222222).oval(o.x() + s * 0.55, o.y() - s * 0.18, s * 0.36, s * 0.36);
    cracks(p, o, o.x() - s, o.y() - s * 0.6, s * 2, s * 0.4);
  }

  // ---------------------------------------------------------------- toasting
  static void toaster(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).round(o.x() - s * 0.6, o.y() - s * 0.7, s * 1.2, s * 0.7, s * 0.2);
    p.color(0x333333).rect(o.x() - s * 0.4, o.y() - s * 0.7, s * 0.8, s * 0.05);
    p.color(0x333333).rect(o.x() + s * 0.6, o.y() - s * 0.45, s * 0.08, s * 0.1);
  }

  private static int toastColour(String state, int raw) {
    return switch (state) {
      case "toasted" -> 0xC68A3C;
      case "burnt" -> 0x3B2416;
      default -> raw;
    };
  }

  private static void smoke(Pen p, double x, double y, double s) {
    p.color(0x8C8C8C, 170).oval(x, y - s * 0.2, s * 0.3, s * 0.2);
    p.color(0x8C8C8C, 140).oval(x + s * 0.12, y - s * 0.42, s * 0.35, s * 0.22);
  }

  static void bread(Pen p, SceneObject o) {
    double s = o.size();
    int c = toastColour(o.state(), o.rgb());
    p.color(shade(c, 0.8)).round(o.x() - s * 0.38, o.y() - s, s * 0.76, s * 0.75, s * 0.3);
    p.color(c).round(o.x() - s * 0.32, o.y() - s * 0.95, s * 0.64, s * 0.7, s * 0.25);
    if (o.state().equals("burnt")) {
      smoke(p, o.x(), o.y() - s, s);
    }
  }

  static void waffle(Pen p, SceneObject o) {
    double s = o.size();
    int c = toastColour(o.state(), o.rgb());
    p.color(c).rect(o.x() - s * 0.35, o.y() - s, s * 0.7, s * 0.75);
    p.color(shade(c, 0.75)).line(o.x() - s * 0.35, o.y() - s * 0.75, o.x() + s * 0.35, o.y() - s * 0.75, s * 0.05);
    p.color(shade(c, 0.75)).line(o.x(), o.y() - s, o.x(), o.y() - s * 0.25, s * 0.05);
    if (o.state().equals("burnt")) {
      smoke(p, o.x(), o.y() - s, s);
    }
  }

  // ---------------------------------------------------------------- flowers
  private static void flower(Pen p, SceneObject o, int petals, boolean cup, boolean ray) {
    double s = o.size();
    double h = o.state().equals("sprout") ? s * 0.35 : s;
    boolean wilted = o.state().equals("wilted");
    // o.param: a lean (wind), +1 to the right; 0 (every flower but a windblown one) draws it upright.
    double lean = o.param() * s * 0.3;
    double hx = o.x() + (wilted ? s * 0.25 : 0) + lean;
    double hy = o.y() - h * (wilted ? 0.7 : 0.95) + Math.abs(lean) * 0.3;
    p.color(0x3F8F2F).line(o.x(), o.y(), o.x() + lean * 0.35, o.y() - h * 0.75, Math.max(0.008, s * 0.05));
    p.color(0x3F8F2F).line(o.x() + lean * 0.35, o.y() - h * 0.75, hx, hy, Math.max(0.008, s * 0.05));
    p.color(0x4FA83A).oval(o.x() - s * 0.1, o.y() - h * 0.35, s * 0.2, s * 0.08);
    switch (o.state()) {
      case "sprout" -> p.color(0x4FA83A).oval(o.x(), o.y() - h, s * 0.12, s * 0.1);
      case "bud" -> p.color(o.rgb()).oval(hx, hy, s * 0.14, s * 0.22);
      default -> {
        int c = wilted ? mix(o.rgb(), 0x6B4A1E, 0.55) : o.rgb();
        double r = wilted ? s * 0.22 : s * 0.34;
        if (cup) {
          p.color(c).poly(hx - r / 2, hy - r / 2, hx - r / 4, hy - r / 4, hx, hy - r / 2, hx + r / 4, hy - r / 4, hx + r / 2, hy - r / 2, hx + r / 3, hy + r / 3, hx - r / 3, hy + r / 3);
        } else {
          for (int i = 0; i < petals; i++) {
            double a = 2 * Math.PI * i / petals;
            p.color(c).oval(hx + Math.cos(a) * r * 0.35, hy + Math.sin(a) * r * 0.35, r * 0.45, r * 0.45);
          }
          p.color(ray ? 0xF2C230 : shade(c, 0.8)).oval(hx, hy, r * 0.35, r * 0.35);
        }
      }
    }
  }

  static void rose(Pen p, SceneObject o) {
    flower(p, o, 6, false, false);
  }

  static void tulip(Pen p, SceneObject o) {
    flower(p, o, 0, true, false);
  }

  static void poppy(Pen p, SceneObject o) {
    flower(p, o, 4, false, false);
  }

  static void lily(Pen p, SceneObject o) {
    flower(p, o, 5, false, true);
  }

  static void daisy(Pen p, SceneObject o) {
    flower(p, o, 9, false, true);
  }

  // ---------------------------------------------------------------- causal
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

  private static void ember(Pen p, double x, double y, double s) {
    p.color(0xFF7A1A).oval(x, y, s * 0.12, s * 0.08);
    p.color(0xFFB020).oval(x + s * 0.2, y - s * 0.02, s * 0.08, s * 0.06);
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

  // ---------------------------------------------------------------- shape-free subjects
  /**
   * An object of no fixed kind: its silhouette (a body of one of five shapes, 0.6-1.6 of its size wide and 0.25-1.3
   * high, flat as a plate to upright; an optional top part and a spot) follows from its colour and size alone, so it
   * is the same in every state and position of one sample and a new one in each sample, whose colour and size are
   * drawn afresh. Stands on {@code o.y()}.
   */
  static void randomShape(Pen p, SceneObject o) {
    randomShape(p, o, o.rgb());
  }

  /** {@link #randomShape(Pen, SceneObject)}'s silhouette (still chosen by the object's own colour) painted in {@code c}. */
  private static void randomShape(Pen p, SceneObject o, int c) {
    double s = o.size();
    RandomBody body = randomBody(o);
    Random r = body.rest();
    double w = body.w();
    double h = body.h();
    double x = o.x();
    double y = o.y();
    switch (r.nextInt(5)) {
      case 0 -> p.color(c).oval(x, y - h / 2, w, h);
      case 1 -> p.color(c).rect(x - w / 2, y - h, w, h);
      case 2 -> p.color(c).round(x - w / 2, y - h, w, h, s * 0.25);
      case 3 -> p.color(c).poly(x - w / 2, y, x + w / 2, y, x + w * 0.3 * (r.nextDouble() - 0.5), y - h);
      default -> {
        int n = 5 + r.nextInt(4);
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
          double a = 2 * Math.PI * (i + 0.3 * r.nextDouble()) / n;
          double k = 0.65 + 0.35 * r.nextDouble();
          xy[2 * i] = x + Math.cos(a) * w / 2 * k;
          xy[2 * i + 1] = Math.min(y, y - h / 2 + Math.sin(a) * h / 2 * k);
        }
        p.color(c).poly(xy);
      }
    }
    if (r.nextBoolean()) {
      double tw = w * (0.3 + 0.3 * r.nextDouble());
      double th = h * (0.25 + 0.25 * r.nextDouble());
      int tc = shade(c, r.nextBoolean() ? 0.75 : 1.25);
      if (r.nextBoolean()) {
        p.color(tc).oval(x, y - h - th * 0.35, tw, th);
      } else {
        p.color(tc).rect(x - tw / 2, y - h - th * 0.8, tw, th);
      }
    }
    if (r.nextBoolean()) {
      p.color(shade(c, 1.3)).oval(x + (r.nextDouble() - 0.5) * w * 0.4, y - h * (0.3 + 0.4 * r.nextDouble()), w * 0.25, h * 0.2);
    }
  }

  /** The width and height of the body {@link #randomShape(Pen, SceneObject)} draws, and the draws that choose the rest. */
  private record RandomBody(double w, double h, Random rest) {}

  /** {@code o}'s random body: chosen by its size and colour alone, so the same in every state and place. */
  private static RandomBody randomBody(SceneObject o) {
    double s = o.size();
    Random r = new Random(Double.doubleToLongBits(s) * 31 + o.rgb());
    double w = s * (0.6 + 1.0 * r.nextDouble());
    double h = s * (0.25 + 1.05 * r.nextDouble());
    return new RandomBody(w, h, r);
  }

  /** Runs {@code draw} with {@code t} applied about (cx, cy), then gives the pen its transform back. */
  private static void about(Pen p, double cx, double cy, java.awt.geom.AffineTransform t, Runnable draw) {
    java.awt.geom.AffineTransform saved = p.graphics().getTransform();
    p.graphics().translate(cx, cy);
    p.graphics().transform(t);
    p.graphics().translate(-cx, -cy);
    try {
      draw.run();
    } finally {
      p.graphics().setTransform(saved);
    }
  }

  /** A wax figure of a random shape: melts into a puddle of its own colour (then a damp patch), as every meltable does. */
  static void waxFigure(Pen p, SceneObject o) {
    meltable(p, o, () -> randomShape(p, o), shade(o.rgb(), 1.05));
  }

  /** A trinket of a random shape: breaks into shards of its own colour, as the vase, cup and bottle do. */
  static void trinket(Pen p, SceneObject o) {
    if (o.state().equals("broken")) {
      shards(p, o, o.rgb());
      return;
    }
    randomShape(p, o);
  }

  /**
   * A wooden carving of a random shape: burns as the log does, the same silhouette blackened, with embers and smoke
   * (the shape stays the one its colour chose: only the paint changes).
   */
  static void woodenCarving(Pen p, SceneObject o) {
    if (o.state().equals("burnt")) {
      randomShape(p, o, 0x231E1A);
      double s = o.size();
      ember(p, o.x() - s * 0.2, o.y() - s * 0.25, s);
      smoke(p, o.x(), o.y() - s * 0.6, s);
      return;
    }
    randomShape(p, o);
  }

  /**
   * A topiary: a shrub clipped to a random shape ({@link #randomShape(Pen, SceneObject)}'s silhouette, chosen by its
   * colour and size) on a short trunk. o.param bends it as the wind bends the tree (+1 to the right): the trunk leans
   * and the clipped crown, sheared about its base, follows it.
   */
  static void topiary(Pen p, SceneObject o) {
    double s = o.size();
    double bend = o.param() * s * 0.25;
    double trunkW = Math.max(0.012, s * 0.1);
    double top = s * 0.45;
    p.color(0x7A5230).poly(o.x() - trunkW / 2, o.y(), o.x() + trunkW / 2, o.y(),
        o.x() + trunkW / 3 + bend, o.y() - top, o.x() - trunkW / 3 + bend, o.y() - top);
    double cx = o.x() + bend * 1.3;
    double cy = o.y() - top + s * 0.05;
    about(p, cx, cy, java.awt.geom.AffineTransform.getShearInstance(-o.param() * 0.35, 0),
        () -> randomShape(p, new SceneObject(o.id(), o.kind(), cx, cy, s * 0.55, o.rgb(), o.state(), 0)));
  }

  /**
   * A clear vessel of a random shape (the silhouette its water colour and size choose) holding water: the same
   * silhouette shrunk inside it is the water (o.rgb), pale ice with a white frosted core when "ice", nothing when "empty", as
   * every water container freezes.
   */
  static void waterVessel(Pen p, SceneObject o) {
    randomShape(p, o, 0xDCE8EE);
    if (o.state().equals("empty")) {
      return;
    }
    boolean ice = o.state().equals("ice");
    double cy = o.y() - randomBody(o).h() / 2;
    about(p, o.x(), cy, java.awt.geom.AffineTransform.getScaleInstance(0.72, 0.72), () -> {
      randomShape(p, o, ice ? ICE : o.rgb());
      if (ice) {
        // a white frosted core, the same silhouette again: inside the water whatever the shape
        about(p, o.x(), cy, java.awt.geom.AffineTransform.getScaleInstance(0.45, 0.45), () -> randomShape(p, o, WHITE));
      }
    });
  }

  /**
   * A figurine of a random shape whose material is o.param, as the sinking-or-floating ball's: 1 metal (the silvery
   * colour its family gives it, with a bright sheen), 0 plastic (a vivid colour).
   */
  static void figurine(Pen p, SceneObject o) {
    randomShape(p, o);
    if (o.param() > 0.5) {
      double s = o.size();
      double h = randomBody(o).h();
      p.color(0xF4F6F8).line(o.x() - s * 0.15, o.y() - h * 0.8, o.x() - s * 0.05, o.y() - h * 0.25, Math.max(0.006, s * 0.08));
    }
  }

  // ---------------------------------------------------------------- story
  private static void figure(Pen p, SceneObject o, int body, int head) {
    double s = o.size();
    p.color(body).rect(o.x() - s * 0.18, o.y() - s * 0.7, s * 0.36, s * 0.45);
    p.color(shade(body, 0.8)).rect(o.x() - s * 0.16, o.y() - s * 0.25, s * 0.12, s * 0.25);
    p.color(shade(body, 0.8)).rect(o.x() + s * 0.04, o.y() - s * 0.25, s * 0.12, s * 0.25);
    p.color(head).oval(o.x(), o.y() - s * 0.82, s * 0.26, s * 0.26);
  }

  private static void crown(Pen p, double x, double y, double s) {
    p.color(GOLD).poly(x - s * 0.15, y, x + s * 0.15, y, x + s * 0.15, y - s * 0.12, x + s * 0.07, y - s * 0.05,
        x, y - s * 0.14, x - s * 0.07, y - s * 0.05, x - s * 0.15, y - s * 0.12);
  }

  /** A knight: "shiny" armour, "battered" (dented and dirty) or "golden". o.rgb is the plume. */
  static void knight(Pen p, SceneObject o) {
    double s = o.size();
    int armour = switch (o.state()) {
      case "battered" -> 0x6F6A60;
      case "golden" -> GOLD;
      default -> SILVER;
    };
    figure(p, o, armour, armour);
    p.color(0x222222).rect(o.x() - s * 0.08, o.y() - s * 0.85, s * 0.16, s * 0.03);
    p.color(0xA0A4AA).line(o.x() + s * 0.25, o.y() - s * 0.2, o.x() + s * 0.25, o.y() - s * 0.9, s * 0.05);
    if (o.state().equals("battered")) {
      p.color(0x4A3A28).oval(o.x() - s * 0.06, o.y() - s * 0.55, s * 0.12, s * 0.1);
      p.color(0x4A3A28).oval(o.x() + s * 0.08, o.y() - s * 0.35, s * 0.1, s * 0.08);
      p.color(0x3A3A3A).line(o.x() - s * 0.12, o.y() - s * 0.68, o.x() + s * 0.05, o.y() - s * 0.6, s * 0.03);
      p.color(shade(o.rgb(), 0.5)).poly(o.x(), o.y() - s * 0.95, o.x() + s * 0.15, o.y() - s * 0.9, o.x() + s * 0.05, o.y() - s * 0.92);
    } else {
      p.color(o.rgb()).poly(o.x(), o.y() - s * 0.95, o.x() + s * 0.08, o.y() - s * 1.1, o.x() + s * 0.12, o.y() - s * 0.93);
    }
  }

  static void pumpkin(Pen p, SceneObject o) {
    double s = o.size();
    boolean rotten = o.state().equals("rotten");
    int c = rotten ? 0x7A5A2A : o.rgb();
    double h = rotten ? s * 0.45 : s * 0.7;
    p.color(c).oval(o.x(), o.y() - h / 2, s * 1.0, h);
    p.color(shade(c, 0.85)).oval(o.x(), o.y() - h / 2, s * 0.4, h);
    p.color(0x3F7A2A).rect(o.x() - s * 0.04, o.y() - h - s * 0.12, s * 0.08, s * 0.14);
  }

  static void carriage(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.6, s * 1.2, s * 0.75);
    p.color(0x9CC7E8).oval(o.x(), o.y() - s * 0.62, s * 0.35, s * 0.3);
    p.color(GOLD).oval(o.x(), o.y() - s * 1.0, s * 0.15, s * 0.12);
    p.color(GOLD).oval(o.x() - s * 0.4, o.y() - s * 0.18, s * 0.36, s * 0.36);
    p.color(GOLD).oval(o.x() + s * 0.4, o.y() - s * 0.18, s * 0.36, s * 0.36);
  }

  static void frog(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.3, s * 0.9, s * 0.55);
    p.color(o.rgb()).oval(o.x() - s * 0.22, o.y() - s * 0.58, s * 0.22, s * 0.22);
    p.color(o.rgb()).oval(o.x() + s * 0.22, o.y() - s * 0.58, s * 0.22, s * 0.22);
    p.color(0x111111).oval(o.x() - s * 0.22, o.y() - s * 0.6, s * 0.08, s * 0.08);
    p.color(0x111111).oval(o.x() + s * 0.22, o.y() - s * 0.6, s * 0.08, s * 0.08);
    if (o.state().equals("crowned")) {
      crown(p, o.x(), o.y() - s * 0.68, s);
    }
  }

  /** A prince: o.rgb is the cape; wears a crown. */
  static void prince(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).poly(o.x() - s * 0.25, o.y() - s * 0.1, o.x() + s * 0.25, o.y() - s * 0.1, o.x() + s * 0.15, o.y() - s * 0.7, o.x() - s * 0.15, o.y() - s * 0.7);
    figure(p, o, 0x3A5BA8, SKIN);
    crown(p, o.x(), o.y() - s * 0.93, s);
  }

  static void horse(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).oval(o.x(), o.y() - s * 0.55, s * 1.0, s * 0.4);
    p.color(o.rgb()).poly(o.x() + s * 0.35, o.y() - s * 0.65, o.x() + s * 0.55, o.y() - s * 1.0, o.x() + s * 0.7, o.y() - s * 0.95, o.x() + s * 0.5, o.y() - s * 0.55);
    for (double lx : new double[] {-0.38, -0.22, 0.22, 0.38}) {
      p.color(o.rgb()).rect(o.x() + s * lx - s * 0.04, o.y() - s * 0.4, s * 0.08, s * 0.4);
    }
    p.color(0xD9C9A8).poly(o.x() + s * 0.4, o.y() - s * 0.75, o.x() + s * 0.52, o.y() - s * 0.98, o.x() + s * 0.47, o.y() - s * 0.7);
  }

  /** A treasure chest: "closed" (key in the lock), "open-gold", "open-empty". */
  static void chest(Pen p, SceneObject o) {
    double s = o.size();
    p.color(o.rgb()).rect(o.x() - s * 0.6, o.y() - s * 0.55, s * 1.2, s * 0.55);
    p.color(GOLD).rect(o.x() - s * 0.6, o.y() - s * 0.35, s * 1.2, s * 0.06);
    if (o.state().equals("closed")) {
      p.color(shade(o.rgb(), 1.15)).round(o.x() - s * 0.6, o.y() - s * 0.85, s * 1.2, s * 0.35, s * 0.3);
      p.color(GOLD).rect(o.x() - s * 0.08, o.y() - s * 0.6, s * 0.16, s * 0.16);
      p.color(0x777777).line(o.x(), o.y() - s * 0.52, o.x() + s * 0.25, o.y() - s * 0.45, s * 0.05);
    } else {
      p.color(shade(o.rgb(), 1.15)).rect(o.x() - s * 0.6, o.y() - s * 1.05, s * 1.2, s * 0.5);
      p.color(0x2B1A10).rect(o.x() - s * 0.55, o.y() - s * 0.62, s * 1.1, s * 0.12);
      if (o.state().equals("open-gold")) {
        for (int i = 0; i < 5; i++) {
          p.color(i % 2 == 0 ? GOLD : 0xFFE27A).oval(o.x() - s * 0.4 + i * s * 0.2, o.y() - s * 0.62, s * 0.22, s * 0.16);
        }
      }
    }
  }

  /** A magic bean in a mound of soil ("planted") or a giant "beanstalk" reaching the top of the picture. */
  static void bean(Pen p, SceneObject o) {
    double s = o.size();
    p.color(0x5C4329).oval(o.x(), o.y() - s * 0.05, s * 0.8, s * 0.2);
    if (o.state().equals("beanstalk")) {
      double top = 0.0;
      p.color(0x2F8F2F).poly(o.x() - s * 0.12, o.y(), o.x() + s * 0.12, o.y(), o.x() + s * 0.05, top, o.x() - s * 0.05, top);
      for (int i = 1; i < 5; i++) {
        double ly = o.y() - (o.y() - top) * i / 5.0;
        double d = i % 2 == 0 ? 1 : -1;
        p.color(0x4FB83A).oval(o.x() + d * s * 0.2, ly, s * 0.35, s * 0.15);
      }
    } else if (o.state().equals("sprout")) {
      p.color(0x4FB83A).line(o.x(), o.y() - s * 0.05, o.x(), o.y() - s * 0.3, s * 0.05);
      p.color(0x4FB83A).oval(o.x() + s * 0.08, o.y() - s * 0.3, s * 0.15, s * 0.07);
    } else {
      p.color(o.rgb()).oval(o.x(), o.y() - s * 0.14, s * 0.2, s * 0.12);
    }
  }

  // ---------------------------------------------------------------- bystanders
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
