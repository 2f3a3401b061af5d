package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.PainterKit.GOLD;
import static org.reasonbrain.data.world.PainterKit.WHITE;
import static org.reasonbrain.data.world.PainterKit.paint;
import static org.reasonbrain.data.world.PainterKit.smoke;
import static org.reasonbrain.data.world.Pen.mix;
import static org.reasonbrain.data.world.Pen.shade;

/**
 * Painters of the temporal category (see {@code TemporalFamilies}): growth and seasons, ripening, fading,
 * toasting and blooming.
 */
final class TemporalPainters {
  private TemporalPainters() {}

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
}
