package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.PainterKit.GOLD;
import static org.reasonbrain.data.world.PainterKit.SILVER;
import static org.reasonbrain.data.world.PainterKit.SKIN;
import static org.reasonbrain.data.world.Pen.shade;

/**
 * Painters of the story category (see {@code StoryFamilies}): the knight, the enchantment, the treasure chest
 * and the magic bean.
 */
final class StoryPainters {
  private StoryPainters() {}

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
}
