package org.reasonbrain.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTextTest {
  private static Graphics2D graphics() {
    return new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
  }

  @Test
  void aTitleThatFitsIsDrawnWholeAtItsSize() {
    Graphics2D g = graphics();
    assertEquals("Loss", ChartText.fit(g, "Loss", 700, 14));
    assertEquals(14, g.getFont().getSize());
  }

  @Test
  void aSomewhatLongTitleShrinksBeforeItIsCut() {
    Graphics2D g = graphics();
    String title = "Unseen seed 7, 400 per split: reasoning accuracy (lenient judge)";
    int width14 = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 14)).stringWidth(title);
    int width10 = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 10)).stringWidth(title);
    int room = (width14 + width10) / 2;   // too narrow at 14, wide enough at 10
    assertEquals(title, ChartText.fit(g, title, room, 14));
    assertTrue(g.getFont().getSize() < 14 && g.getFont().getSize() >= ChartText.MIN_SIZE, "size " + g.getFont().getSize());
    assertTrue(g.getFontMetrics().stringWidth(title) <= room);
  }

  @Test
  void aTitleTooLongAtTheSmallestSizeIsCutWithAnEllipsisInsideTheWidth() {
    Graphics2D g = graphics();
    String title = "a title far longer than the chart is wide ".repeat(10).strip();
    String drawn = ChartText.fit(g, title, 300, 14);
    assertTrue(drawn.endsWith("..."), drawn);
    assertTrue(title.startsWith(drawn.substring(0, drawn.length() - 3)), drawn);
    assertEquals(ChartText.MIN_SIZE, g.getFont().getSize());
    assertTrue(g.getFontMetrics().stringWidth(drawn) <= 300, drawn);
  }

  @Test
  void aNonPositiveWidthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChartText.drawTitle(graphics(), "t", 0, 10, 0, 14));
  }

  @Test
  void aBarChartsLongTitleStopsBeforeTheRightEdge() {
    String title = "Unseen seed 7, 400 per split: 200 x 64 from the default (s32, rb-pc31), six rows, two splits";
    BufferedImage img = BarChart.draw(title, List.of("test-id", "test-composition"), List.of("a", "b"),
        new double[][] {{0.8, 0.5}, {0.6, 0.4}});
    for (int x = img.getWidth() - 20; x < img.getWidth(); x++) {
      for (int y = 8; y < 30; y++) {
        assertEquals(0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "title ink at (" + x + ", " + y + ")");
      }
    }
  }
}
