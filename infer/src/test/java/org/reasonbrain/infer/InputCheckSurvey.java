package org.reasonbrain.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.reasonbrain.core.image.Images;

/**
 * A program, not a test: the {@link InputCheck} score of a model on ReasonWorld builds, by split, and on pictures
 * of a folder, for setting and checking the threshold (docs/ood-warning.md). Every val and test row is scored,
 * a quarter of the train rows (by id hash), and the val targets as well.
 *
 * <p>Usage: {@code InputCheckSurvey MODEL_DIR [--pictures DIR] DATASET_DIR...}
 */
public final class InputCheckSurvey {
  private InputCheckSurvey() {}

  public static void main(String[] args) throws Exception {
    Path pictures = null;
    List<Path> builds = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--pictures")) {
        pictures = Path.of(args[++i]);
      } else {
        builds.add(Path.of(args[i]));
      }
    }
    ObjectMapper json = new ObjectMapper();
    try (EditPipeline p = EditPipeline.load(Path.of(args[0]))) {
      for (Path build : builds) {
        Map<String, List<Double>> scores = new TreeMap<>();
        for (String line : Files.readAllLines(build.resolve("manifest.jsonl"))) {
          JsonNode row = json.readTree(line);
          String split = row.path("split").asText();
          if (split.equals("train") && Math.floorMod(row.path("id").asText().hashCode(), 4) != 0) {
            continue;
          }
          scores.computeIfAbsent(split, s -> new ArrayList<>()).add(score(p, build.resolve(row.path("source").asText())));
          if (split.equals("val")) {
            scores.computeIfAbsent("val-targets", s -> new ArrayList<>()).add(score(p, build.resolve(row.path("target").asText())));
          }
        }
        System.out.println("== " + build);
        scores.forEach((split, v) -> System.out.println(summary(split, v)));
      }
      if (pictures != null) {
        try (Stream<Path> files = Files.list(pictures)) {
          for (Path f : files.sorted().toList()) {
            BufferedImage img = Images.read(f);
            InputCheck.Report r = p.checkInput(img);
            System.out.printf(Locale.ROOT, "%-36s %5dx%-5d error %.4f  %s%n", f.getFileName(), img.getWidth(), img.getHeight(),
                r.reconstructionError(), r.outOfDomain() ? "far from the training scenes" : "-");
          }
        }
      }
    }
  }

  private static double score(EditPipeline p, Path image) throws Exception {
    return p.checkInput(Images.read(image)).reconstructionError();
  }

  private static String summary(String name, List<Double> v) {
    double[] x = v.stream().mapToDouble(d -> d).sorted().toArray();
    return String.format(Locale.ROOT, "%-20s n=%5d  min %.4f  p50 %.4f  p90 %.4f  p99 %.4f  p99.5 %.4f  max %.4f", name, x.length,
        x[0], quantile(x, 0.5), quantile(x, 0.9), quantile(x, 0.99), quantile(x, 0.995), x[x.length - 1]);
  }

  /** The smallest value with at least a share {@code q} of the values at or below it. */
  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }
}
