package org.reasonbrain.data.world;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** Drawing helpers in scene units (the image is the unit square, y pointing down). */
public final class Pen {
  private final Graphics2D g;

  public Pen(Graphics2D g) {
    this.g = g;
  }

  public Graphics2D graphics() {
    return g;
  }

  public Pen color(int rgb) {
    g.setColor(new Color(rgb));
    return this;
  }

  public Pen color(int rgb, int alpha) {
    g.setColor(new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, alpha));
    return this;
  }

  /** Filled ellipse by centre and full width/height. */
  public void oval(double cx, double cy, double w, double h) {
    g.fill(new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h));
  }

  /** Filled rectangle by top-left corner. */
  public void rect(double x, double y, double w, double h) {
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  /** Filled rounded rectangle by top-left corner. */
  public void round(double x, double y, double w, double h, double arc) {
    g.fill(new RoundRectangle2D.Double(x, y, w, h, arc, arc));
  }

  /** Filled polygon through the points (x0, y0, x1, y1, ...). */
  public void poly(double... xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    g.fill(p);
  }

  /** A line of the given width. */
  public void line(double x1, double y1, double x2, double y2, double width) {
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  /** A filled rectangle of width {@code w} and height {@code h} standing on (bx, by), rotated by {@code angle} radians about that base point. */
  public void tiltedRect(double bx, double by, double w, double h, double angle) {
    java.awt.geom.AffineTransform saved = g.getTransform();
    g.rotate(angle, bx, by);
    rect(bx - w / 2, by - h, w, h);
    g.setTransform(saved);
  }

  // ---- colour helpers ----

  /** Multiplies brightness by {@code f} (f < 1 darker, f > 1 lighter), clamped. */
  public static int shade(int rgb, double f) {
    int r = clamp((int) Math.round(((rgb >> 16) & 255) * f));
    int gg = clamp((int) Math.round(((rgb >> 8) & 255) * f));
    int b = clamp((int) Math.round((rgb & 255) * f));
    return (r << 16) | (gg << 8) | b;
  }

  /** Linear mix: t = 0 gives a, t = 1 gives b. */
  public static int mix(int a, int b, double t) {
    int r = clamp((int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t));
    int gg = clamp((int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t));
    int bb = clamp((int) Math.round((a & 255) * (1 - t) + (b & 255) * t));
    return (r << 16) | (gg << 8) | bb;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
