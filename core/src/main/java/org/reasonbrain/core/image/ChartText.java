package org.reasonbrain.core.image;

import java.awt.Font;
import java.awt.Graphics2D;

/** Text that must fit a chart's width: a title is drawn smaller, then cut with an ellipsis, never clipped by the edge. */
public final class ChartText {
  /** The smallest title size tried before cutting. */
  static final int MIN_SIZE = 10;

  private ChartText() {}

  /**
   * Draws {@code title} in bold at ({@code x}, {@code y}) within {@code maxWidth} pixels: at {@code size} if it fits,
   * else at the largest size down to {@link #MIN_SIZE} at which it fits, else at that size cut to fit with "...".
   * Returns the text drawn. Leaves the graphics' font set to the one used.
   */
  public static String drawTitle(Graphics2D g, String title, int x, int y, int maxWidth, int size) {
    if (maxWidth <= 0) {
      throw new IllegalArgumentException("title width must be positive, got " + maxWidth);
    }
    String text = fit(g, title, maxWidth, size);
    g.drawString(text, x, y);
    return text;
  }

  /** The text {@link #drawTitle} would draw, with the graphics' font set to the size it chose. */
  static String fit(Graphics2D g, String title, int maxWidth, int size) {
    for (int s = size; s >= MIN_SIZE; s--) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, s));
      if (g.getFontMetrics().stringWidth(title) <= maxWidth) {
        return title;
      }
    }
    String dots = "...";
    int end = title.length();
    while (end > 0 && g.getFontMetrics().stringWidth(title.substring(0, end).stripTrailing() + dots) > maxWidth) {
      end--;
    }
    return title.substring(0, end).stripTrailing() + dots;
  }
}
