package org.reasonbrain.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.io.Html;
import org.reasonbrain.infer.EditPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reasonbrain demo}: the shipped default model edits the bundled example images with their
 * hypothetical instructions; writes an HTML page and a PNG of before/after pairs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Edit the bundled example images with the default model; writes demo.html, demo.png and each edit.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model folder (default: the shipped models/default).")
  Path model;

  @Option(names = "--examples", description = "Folder with examples.json and its images (default: examples/ of the repository).")
  Path examples;

  @Option(names = "--out", defaultValue = "out/demo", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @picocli.CommandLine.Mixin
  SamplingOptions sampling;

  record Example(String name, String instruction, BufferedImage image) {}

  static List<Example> readExamples(Path dir) throws Exception {
    Path list = dir.resolve("examples.json");
    if (!Files.isRegularFile(list)) {
      throw new UserError(list + ": no examples list");
    }
    JsonNode arr;
    try {
      arr = new ObjectMapper().readTree(list.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UserError(list + ": not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
    }
    if (!arr.isArray() || arr.isEmpty()) {
      throw new UserError(list + ": expected a non-empty JSON array of {name, file, instruction}");
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      for (String field : new String[] {"name", "file", "instruction"}) {
        if (!e.path(field).isTextual() || e.path(field).asText().isBlank()) {
          throw new UserError(list + ": entry " + (i + 1) + " has no '" + field + "'");
        }
      }
      out.add(new Example(e.get("name").asText(), e.get("instruction").asText(), Images.read(dir.resolve(e.get("file").asText()))));
    }
    return out;
  }

  @Override
  public Integer call() throws Exception {
    Path modelDir = DefaultModel.resolve(model);
    List<Example> ex = readExamples(examples != null ? examples : DefaultModel.home().resolve("examples"));
    EditPipeline.Options o = sampling.options();
    ProgressBar bar = new ProgressBar(System.err);
    List<EditPipeline.Result> results;
    long t0 = System.nanoTime();
    try (EditPipeline p = EditPipeline.load(modelDir)) {
      sampling.apply(p);
      bar.start("editing " + ex.size() + " examples", o.steps());
      try {
        results = p.editBatch(ex.stream().map(Example::image).toList(), ex.stream().map(Example::instruction).toList(), o,
            (d, t) -> bar.advance(1));
      } finally {
        bar.finish();
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Files.createDirectories(out);
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset='utf-8'><title>ReasonBrain demo</title><style>"
        + "body{font-family:sans-serif;margin:2em}td{padding:6px;vertical-align:middle}img{width:192px;image-rendering:pixelated}"
        + "th{text-align:left}</style></head><body><h1>ReasonBrain demo</h1>");
    html.append("<p>Model <code>").append(Html.escape(modelDir.toString())).append("</code>, ").append(o.steps())
        .append(" DDIM steps, seed ").append(o.seed()).append(String.format(Locale.ROOT, "; %d edits in %.1f s.</p>", ex.size(), secs));
    html.append("<table><tr><th>source</th><th>hypothetical instruction</th><th>edit</th><th>inferred</th></tr>");
    for (int i = 0; i < ex.size(); i++) {
      Example e = ex.get(i);
      EditPipeline.Result r = results.get(i);
      Images.writePng(out.resolve(e.name() + "-edit.png"), r.image());
      html.append("<tr><td><img src='").append(Html.dataUrl(e.image())).append("'></td><td>").append(Html.escape(e.instruction()))
          .append("</td><td><img src='").append(Html.dataUrl(r.image())).append("'></td><td>category: ").append(Html.escape(r.category()))
          .append("<br>objects: ").append(Html.escape(String.join(", ", r.objects()))).append("</td></tr>");
    }
    html.append("</table></body></html>\n");
    AtomicFiles.writeString(out.resolve("demo.html"), html.toString());
    Images.writePng(out.resolve("demo.png"), sheet(ex, results));
    System.out.printf(Locale.ROOT, "edited %d examples in %.1f s with %s%n", ex.size(), secs, modelDir);
    System.out.println("open " + out.resolve("demo.html") + " (or demo.png)");
    return 0;
  }

  /** Before/after pairs, four times enlarged, with the instruction under each pair. */
  static BufferedImage sheet(List<Example> ex, List<EditPipeline.Result> results) {
    int cell = 192;
    int cols = 2;
    int rows = (ex.size() + cols - 1) / cols;
    int pairW = 2 * cell + 12;
    int pairH = cell + 40;
    BufferedImage img = new BufferedImage(cols * (pairW + 24) + 24, rows * (pairH + 16) + 16, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < ex.size(); i++) {
      int x = 24 + (i % cols) * (pairW + 24);
      int y = 16 + (i / cols) * (pairH + 16);
      g.drawImage(ex.get(i).image(), x, y, cell, cell, null);
      g.drawImage(results.get(i).image(), x + cell + 12, y, cell, cell, null);
      g.setColor(Color.DARK_GRAY);
      String s = ex.get(i).instruction();
      g.drawString(s.length() > 64 ? s.substring(0, 64) : s, x, y + cell + 14);
      if (s.length() > 64) {
        g.drawString(s.substring(64, Math.min(s.length(), 128)), x, y + cell + 28);
      }
    }
    g.dispose();
    return img;
  }
}
