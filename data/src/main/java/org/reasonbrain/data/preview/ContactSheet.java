package org.reasonbrain.data.preview;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Html;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/**
 * A contact sheet of a dataset: one row per family (or per category for datasets without families)
 * showing source, instruction, target and distractors, as a PNG and as an HTML page.
 */
public final class ContactSheet {
  private static final int CELL = 128;
  private static final int TEXT_W = 360;
  private static final int PAD = 8;

  private ContactSheet() {}

  /** Writes {@code <out>.png} and {@code <out>.html}; returns the number of rows. */
  public static int write(Dataset ds, Path outBase) throws IOException {
    Map<String, Sample> rows = new LinkedHashMap<>();
    for (Sample s : ds.samples()) {
      String key = s.family() != null ? s.family() : s.category();
      Sample have = rows.get(key);
      if (have == null || (have.distractorTargets().isEmpty() && !s.distractorTargets().isEmpty())) {
        rows.put(key, s);
      }
    }
    int maxD = rows.values().stream().mapToInt(s -> s.distractorTargets().size()).max().orElse(0);
    int cols = 2 + maxD;
    int rowH = CELL + 2 * PAD;
    int width = TEXT_W + cols * (CELL + PAD) + PAD;
    int height = 30 + rows.size() * rowH;
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString("family / instruction", PAD, 20);
    String[] heads = new String[cols];
    heads[0] = "source";
    heads[1] = "target";
    for (int j = 0; j < maxD; j++) {
      heads[2 + j] = "distractor " + (j + 1);
    }
    for (int c = 0; c < cols; c++) {
      g.drawString(heads[c], TEXT_W + c * (CELL + PAD), 20);
    }
    StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Dataset preview</title>"
        + "<style>body{font-family:sans-serif}td{vertical-align:top;padding:4px}img{width:128px;image-rendering:pixelated}"
        + ".r{font-size:11px;color:#666}</style><h1>Dataset preview</h1><p>" + ds.samples().size()
        + " samples, one row per family.</p><table><tr><th>family</th><th>instruction</th><th>source</th><th>target</th><th>distractors</th></tr>");
    int y = 30;
    Path htmlDir = outBase.toAbsolutePath().getParent();
    for (var e : rows.entrySet()) {
      Sample s = e.getValue();
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
      g.drawString(e.getKey() + " (" + s.category() + ", " + s.split() + ")", PAD, y + PAD + 12);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      int ty = y + PAD + 28;
      for (String line : wrap(g.getFontMetrics(), s.instruction(), TEXT_W - 2 * PAD)) {
        g.drawString(line, PAD, ty);
        ty += 14;
      }
      g.setColor(Color.GRAY);
      for (String line : wrap(g.getFontMetrics(), "initial: " + s.initialInstruction(), TEXT_W - 2 * PAD)) {
        g.drawString(line, PAD, ty);
        ty += 14;
      }
      List<String> paths = new ArrayList<>(List.of(s.source(), s.target()));
      s.distractorTargets().forEach(d -> paths.add(d.path()));
      for (int c = 0; c < paths.size(); c++) {
        BufferedImage img = ds.image(paths.get(c));
        g.drawImage(img, TEXT_W + c * (CELL + PAD), y + PAD, CELL, CELL, null);
      }
      html.append("<tr><td><b>").append(Html.escape(e.getKey())).append("</b><div class=r>").append(Html.escape(s.category()))
          .append(", ").append(Html.escape(s.split())).append("</div></td><td>").append(Html.escape(s.instruction()))
          .append("<div class=r>initial: ").append(Html.escape(s.initialInstruction())).append("</div></td>");
      html.append("<td><img src='").append(rel(htmlDir, ds.dir().resolve(s.source()))).append("'></td>");
      html.append("<td><img src='").append(rel(htmlDir, ds.dir().resolve(s.target()))).append("'></td><td>");
      for (Sample.DistractorRef d : s.distractorTargets()) {
        html.append("<img title='").append(Html.escape(d.reason())).append("' src='").append(rel(htmlDir, ds.dir().resolve(d.path())))
            .append("'><div class=r>").append(Html.escape(d.reason())).append("</div>");
      }
      html.append("</td></tr>");
      y += rowH;
    }
    g.dispose();
    html.append("</table>");
    Images.writePng(Path.of(outBase + ".png"), sheet);
    AtomicFiles.writeString(Path.of(outBase + ".html"), html.toString());
    return rows.size();
  }

  /** The relative path, escaped for an attribute (manifest paths are user data). */
  private static String rel(Path from, Path to) {
    return Html.escape(from.relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/'));
  }

  private static List<String> wrap(FontMetrics fm, String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String w : text.split(" ")) {
      String next = line.length() == 0 ? w : line + " " + w;
      if (fm.stringWidth(next) > width && line.length() > 0) {
        out.add(line.toString());
        line = new StringBuilder(w);
      } else {
        line = new StringBuilder(next);
      }
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }
}
