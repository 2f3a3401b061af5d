package org.reasonbrain.core.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** A grouped bar chart of values in [0, 1] (accuracies, scores): one group per label, one bar per series. */
public final class BarChart {
  private static final Color[] PALETTE = {new Color(70, 120, 210), new Color(220, 120, 50), new Color(90, 170, 90),
      new Color(150, 90, 180), new Color(200, 70, 90), new Color(60, 160, 170), new Color(140, 140, 60), new Color(100, 100, 100)};

  private BarChart() {}

  /** {@code values[series][group]}; NaN draws no bar. */
  public static BufferedImage draw(String title, List<String> groups, List<String> series, double[][] values) {
    if (values.length != series.size()) {
      throw new IllegalArgumentException(series.size() + " series names for " + values.length + " rows of values");
    }
    int w = 760;
    int legendRows = (series.size() + 2) / 3;
    int h = 340 + 18 * legendRows;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.DARK_GRAY);
    ChartText.drawTitle(g, title, 20, 24, w - 40, 14);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int k = 0; k < series.size(); k++) {
      int lx = 20 + (k % 3) * 245;
      int ly = 40 + (k / 3) * 18;
      g.setColor(PALETTE[k % PALETTE.length]);
      g.fillRect(lx, ly, 10, 10);
      g.setColor(Color.DARK_GRAY);
      g.drawString(series.get(k), lx + 14, ly + 9);
    }
    int base = h - 40;
    int top = 50 + 18 * legendRows;
    for (int i = 0; i <= 4; i++) {
      int y = base - (base - top) * i / 4;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(60, y, w - 20, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.2f", i / 4.0), 25, y + 4);
    }
    int slot = (w - 90) / Math.max(1, groups.size());
    int bar = Math.max(3, (slot - 20) / Math.max(1, series.size()));
    for (int gi = 0; gi < groups.size(); gi++) {
      int x = 70 + gi * slot;
      g.setColor(Color.DARK_GRAY);
      g.drawString(groups.get(gi), x + 4, base + 16);
      for (int k = 0; k < series.size(); k++) {
        double v = values[k][gi];
        if (Double.isNaN(v)) {
          continue;
        }
        int bh = (int) Math.round((base - top) * Math.max(0, Math.min(1, v)));
        g.setColor(PALETTE[k % PALETTE.length]);
        g.fillRect(x + k * bar, base - bh, bar - 2, bh);
      }
    }
    g.dispose();
    return img;
  }
}
