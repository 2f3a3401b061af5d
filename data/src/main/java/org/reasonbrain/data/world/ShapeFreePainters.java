package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.PainterKit.ICE;
import static org.reasonbrain.data.world.PainterKit.WHITE;
import static org.reasonbrain.data.world.PainterKit.ember;
import static org.reasonbrain.data.world.PainterKit.meltable;
import static org.reasonbrain.data.world.PainterKit.shards;
import static org.reasonbrain.data.world.PainterKit.smoke;
import static org.reasonbrain.data.world.Pen.shade;

import java.awt.geom.AffineTransform;
import java.util.Random;

/**
 * Painters of the shape-free subjects (see {@code Family#shapeFreeSubject}), drawn only by a build with
 * --random-shapes: every one a new silhouette and colour, changed by its family's rule as the seen subjects are.
 */
final class ShapeFreePainters {
  private ShapeFreePainters() {}

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
  private static void about(Pen p, double cx, double cy, AffineTransform t, Runnable draw) {
    AffineTransform saved = p.graphics().getTransform();
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
    about(p, cx, cy, AffineTransform.getShearInstance(-o.param() * 0.35, 0),
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
    about(p, o.x(), cy, AffineTransform.getScaleInstance(0.72, 0.72), () -> {
      randomShape(p, o, ice ? ICE : o.rgb());
      if (ice) {
        // a white frosted core, the same silhouette again: inside the water whatever the shape
        about(p, o.x(), cy, AffineTransform.getScaleInstance(0.45, 0.45), () -> randomShape(p, o, WHITE));
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
}
