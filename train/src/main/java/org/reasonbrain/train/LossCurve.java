package org.reasonbrain.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.reasonbrain.core.image.ChartText;
import org.reasonbrain.core.image.Images;

/** Draws loss curves (log scale, smoothed) or accuracy curves (linear 0..1, every point as measured) as a PNG. */
public final class LossCurve {
  private LossCurve() {}

  /** One named series of (step, value). */
  public record Series(String name, List<double[]> points, Color colour) {}

  public static void write(Path file, String title, List<Series> series) throws IOException {
    write(file, title, series, false, "step");
  }

  /** Accuracies (or any values in [0, 1]) on a linear axis from 0 to 1, unsmoothed, against {@code xLabel}. */
  public static void writeLinear(Path file, String title, List<Series> series, String xLabel) throws IOException {
    write(file, title, series, true, xLabel);
  }

  private static void write(Path file, String title, List<Series> series, boolean linear, String xLabel) throws IOException {
    int w = 720;
    int h = 420;
    int left = 70;
    int bottom = 50;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Series s : series) {
      for (double[] p : s.points()) {
        if ((linear || p[1] > 0) && Double.isFinite(p[1])) {
          minX = Math.min(minX, p[0]);
          maxX = Math.max(maxX, p[0]);
          minY = Math.min(minY, linear ? p[1] : Math.log10(p[1]));
          maxY = Math.max(maxY, linear ? p[1] : Math.log10(p[1]));
        }
      }
    }
    if (minX > maxX) {
      minX = 0;
      maxX = 1;
      minY = 0;
      maxY = 1;
    }
    if (linear) {
      minY = 0;
      maxY = 1;
    }
    if (maxY - minY < 1e-6) {
      maxY = minY + 1;
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    int pw = w - left - 20;
    int ph = h - bottom - 40;
    g.setColor(new Color(230, 230, 230));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i <= 4; i++) {
      int y = 40 + ph - ph * i / 4;
      g.drawLine(left, y, left + pw, y);
      g.setColor(Color.DARK_GRAY);
      double tick = minY + (maxY - minY) * i / 4;
      g.drawString(String.format(Locale.ROOT, linear ? "%.2f" : "%.3g", linear ? tick : Math.pow(10, tick)), 5, y + 4);
      g.setColor(new Color(230, 230, 230));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(xLabel, left + pw / 2, h - 15);
    g.drawString(String.format(Locale.ROOT, "%.0f", minX), left, h - 32);
    g.drawString(String.format(Locale.ROOT, "%.0f", maxX), left + pw - 30, h - 32);
    ChartText.drawTitle(g, title, left, 24, w - left - 20, 14);
    int legend = 0;
    for (Series s : series) {
      g.setColor(s.colour());
      g.setStroke(new BasicStroke(1.6f));
      double ema = Double.NaN;
      int px = -1;
      int py = -1;
      for (double[] p : s.points()) {
        if (!(linear || p[1] > 0) || !Double.isFinite(p[1])) {
          continue;
        }
        double v = linear ? p[1] : Math.log10(p[1]);
        ema = linear || Double.isNaN(ema) ? v : 0.9 * ema + 0.1 * v;
        int x = left + (int) Math.round((p[0] - minX) / (maxX - minX) * pw);
        int y = 40 + ph - (int) Math.round((ema - minY) / (maxY - minY) * ph);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        if (linear) {
          g.fillOval(x - 3, y - 3, 6, 6);
        }
        px = x;
        py = y;
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(s.name(), left + pw - 150, 40 + 16 * ++legend);
    }
    g.dispose();
    Images.writePng(file, img);
  }
}
