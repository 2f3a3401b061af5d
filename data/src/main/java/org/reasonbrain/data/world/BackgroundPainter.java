package org.reasonbrain.data.world;

import static org.reasonbrain.data.world.Pen.mix;
import static org.reasonbrain.data.world.Pen.shade;

import java.awt.GradientPaint;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/** Draws the backdrop of a scene: sky, ground, sun or moon, weather; or a wall with a table or floor. */
final class BackgroundPainter {
  /** Where the ground meets the sky outdoors, and the table or floor top indoors. */
  static final double HORIZON = 0.72;
  static final double TABLE_TOP = 0.7;
  static final double FLOOR = 0.82;

  private BackgroundPainter() {}

  static void paint(Pen p, Background b) {
    switch (b.setting()) {
      case OUTDOOR -> outdoor(p, b);
      case TABLE -> indoor(p, b, TABLE_TOP, 0x9A6B43);
      case ROOM -> indoor(p, b, FLOOR, 0x8C7B6B);
      case WATER_TANK -> tank(p, b);
    }
  }

  private static void outdoor(Pen p, Background b) {
    int top;
    int bottom;
    switch (b.time()) {
      case SUNSET -> { top = 0x5B4A8C; bottom = 0xF39A4A; }
      case NIGHT -> { top = 0x0B1330; bottom = 0x23305A; }
      case DAWN -> { top = 0x8FA8D8; bottom = 0xF6C1B0; }
      default -> { top = 0x5AA0E6; bottom = 0xBFE0F7; }
    }
    if (b.weather() == Background.Weather.RAIN) {
      top = mix(top, 0x5E636B, 0.75);
      bottom = mix(bottom, 0x7D838C, 0.75);
    }
    var g = p.graphics();
    g.setPaint(new GradientPaint(0f, 0f, new java.awt.Color(top), 0f, (float) HORIZON, new java.awt.Color(bottom)));
    g.fill(new Rectangle2D.Double(0, 0, 1, HORIZON));
    // Sun or moon.
    switch (b.time()) {
      case DAY -> { if (b.weather() != Background.Weather.RAIN) { p.color(0xFFD93B).oval(b.sunX(), 0.14, 0.12, 0.12); } }
      case SUNSET -> p.color(0xFF7A2E).oval(b.sunX(), HORIZON - 0.04, 0.16, 0.16);
      case DAWN -> p.color(0xFFC27A).oval(b.sunX(), HORIZON - 0.03, 0.12, 0.12);
      case NIGHT -> {
        p.color(0xF4F1D0).oval(b.sunX(), 0.14, 0.1, 0.1);
        Random r = new Random(b.tint());
        for (int i = 0; i < 7; i++) {
          p.color(0xFFFFFF).oval(r.nextDouble(), r.nextDouble() * 0.5, 0.012, 0.012);
        }
      }
    }
    int ground = switch (b.season()) {
      case AUTUMN -> 0xA89050;
      case WINTER -> 0xEEF2F5;
      case SPRING -> 0x7FCB6A;
      default -> 0x6DB35A;
    };
    ground = mix(ground, b.tint(), 0.12);
    if (b.time() == Background.TimeOfDay.NIGHT) {
      ground = shade(ground, 0.45);
    } else if (b.time() == Background.TimeOfDay.SUNSET) {
      ground = shade(ground, 0.8);
    }
    if (b.weather() != Background.Weather.CLEAR) {
      ground = shade(ground, 0.72);
    }
    p.color(ground).rect(0, HORIZON, 1, 1 - HORIZON);
    if (b.weather() != Background.Weather.CLEAR) {
      Random r = new Random(b.tint() * 31L + 7);
      for (int i = 0; i < 3; i++) {
        p.color(mix(0x6F8FAF, ground, 0.3)).oval(0.1 + 0.8 * r.nextDouble(), HORIZON + 0.06 + 0.2 * r.nextDouble(), 0.16, 0.04);
      }
    }
    if (b.weather() == Background.Weather.RAIN) {
      p.color(0x4A5560).oval(0.3, 0.08, 0.35, 0.12);
      p.color(0x4A5560).oval(0.7, 0.1, 0.4, 0.12);
      Random r = new Random(b.tint() * 17L + 3);
      for (int i = 0; i < 24; i++) {
        double x = r.nextDouble();
        double y = r.nextDouble() * 0.9;
        p.color(0xC8D8EC, 200).line(x, y, x - 0.015, y + 0.05, 0.006);
      }
    }
  }

  private static void indoor(Pen p, Background b, double surface, int surfaceColour) {
    int wall = mix(0xEDE6D6, b.tint(), 0.35);
    if (b.time() == Background.TimeOfDay.NIGHT) {
      wall = shade(wall, 0.55);
    }
    p.color(wall).rect(0, 0, 1, surface);
    p.color(mix(surfaceColour, b.tint(), 0.1)).rect(0, surface, 1, 1 - surface);
    p.color(shade(surfaceColour, 0.8)).rect(0, surface, 1, 0.015);
  }

  private static void tank(Pen p, Background b) {
    indoor(p, b, FLOOR, 0x8C7B6B);
    p.color(0xCFE3EA).rect(0.12, 0.18, 0.76, FLOOR - 0.18);
    p.color(0x5DA7DB).rect(0.14, TankGeometry.SURFACE, 0.72, FLOOR - 0.02 - TankGeometry.SURFACE);
    p.color(0x3F87BF).rect(0.14, TankGeometry.SURFACE, 0.72, 0.012);
  }
}
