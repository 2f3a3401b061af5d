package org.reasonbrain.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.reasonbrain.core.image.BarChart;
import org.reasonbrain.core.image.Images;
import org.reasonbrain.core.io.AtomicFiles;
import org.reasonbrain.core.progress.Progress;
import org.reasonbrain.data.format.Dataset;
import org.reasonbrain.data.format.Sample;

/**
 * Controls that show whether a model's edits need the instruction and the image. The same judged
 * single-step samples are edited and scored under:
 * <ol>
 *   <li>{@code real}: the sample's instruction;
 *   <li>{@code neutral}: the instruction {@value #NEUTRAL} (a model that scores here without the
 *       instruction is reading the answer off the scene);
 *   <li>{@code other-family}: the instruction of the next sample (in list order, cyclically) of another
 *       family, judged against the real target;
 *   <li>{@code mirrored}: for families whose outcome depends on where things are (which seesaw side
 *       holds the heavy object, which way the slope falls, which glass is under the tap, ...), the
 *       source mirrored left-right, judged against the mirrored target and distractors: the renderer
 *       and the world's rules are mirror-symmetric, so the mirrored truth is exact, and its outcome sits
 *       on the other side;
 *   <li>{@code mirrored-vs-unmirrored-truth}: the same edits judged against the original target, which
 *       a model that reads the image should now miss;
 *   <li>{@code neutral-vs-unchanged}: the neutral control's edits judged against the source (the right answer to a
 *       request that asks for nothing), the real target and the other wrong outcomes as distractors;
 *   <li>{@code other-family-vs-unchanged}: the other-family control's edits, where that instruction names no object
 *       the scene holds, judged the same way: asked about an absent object, the scene should stay as it is.
 * </ol>
 * Each control reports its sample count, lenient and strict accuracy with a 95% Wilson interval, and its
 * chance level (the mean of 1 / (1 + number of distractors)).
 */
public final class Controls {
  /** The neutral instruction of control (2). */
  public static final String NEUTRAL = "Show the scene.";
  /** Families whose outcome depends on a left/right arrangement in the image. */
  public static final Set<String> MIRROR_FAMILIES = Set.of("seesaw", "slope", "tap", "switch", "wind", "dominoes", "magnet");

  private Controls() {}

  /** One control's score. */
  public record Result(String control, int n, double lenient, double strict, double lo, double hi, double chance) {}

  /** One edit to make and how to judge it. */
  record Case(Sample sample, String instruction, UnaryOperator<BufferedImage> input, UnaryOperator<BufferedImage> truth) {}

  /**
   * The samples the controls use: single-step samples with distractors, outside counterfactual sets (a set asks its
   * own null and absent-object questions; {@link CounterfactualReport}).
   */
  public static List<Sample> eligible(List<Sample> samples) {
    return samples.stream().filter(s -> s.steps().isEmpty() && !s.distractorTargets().isEmpty() && !s.inSet()).toList();
  }

  /** The cases of every control, deterministic for a list of samples. */
  static Map<String, List<Case>> cases(List<Sample> samples) {
    List<Sample> ss = eligible(samples);
    UnaryOperator<BufferedImage> same = i -> i;
    Map<String, List<Case>> out = new LinkedHashMap<>();
    List<Case> real = new ArrayList<>();
    List<Case> neutral = new ArrayList<>();
    List<Case> other = new ArrayList<>();
    List<Case> mirrored = new ArrayList<>();
    List<Case> mirroredOld = new ArrayList<>();
    List<Case> otherAbsent = new ArrayList<>();
    for (int i = 0; i < ss.size(); i++) {
      Sample s = ss.get(i);
      real.add(new Case(s, s.instruction(), same, same));
      neutral.add(new Case(s, NEUTRAL, same, same));
      for (int k = 1; k < ss.size(); k++) {
        Sample o = ss.get((i + k) % ss.size());
        if (o.family() != null && !o.family().equals(s.family())) {
          other.add(new Case(s, o.instruction(), same, same));
          if (namesNothingPresent(s, o)) {
            otherAbsent.add(new Case(s, o.instruction(), same, same));
          }
          break;
        }
      }
      if (s.family() != null && MIRROR_FAMILIES.contains(s.family())) {
        mirrored.add(new Case(s, s.instruction(), Controls::mirror, Controls::mirror));
        mirroredOld.add(new Case(s, s.instruction(), Controls::mirror, same));
      }
    }
    out.put("real", real);
    out.put("neutral", neutral);
    out.put("other-family", other);
    out.put("mirrored", mirrored);
    out.put("mirrored-vs-unmirrored-truth", mirroredOld);
    out.put(NEUTRAL_UNCHANGED, neutral);
    out.put(OTHER_UNCHANGED, otherAbsent);
    return out;
  }

  /** The neutral control's edits judged against the unchanged source. */
  public static final String NEUTRAL_UNCHANGED = "neutral-vs-unchanged";
  /** The other-family control's edits (absent objects only) judged against the unchanged source. */
  public static final String OTHER_UNCHANGED = "other-family-vs-unchanged";
  /** Distractor reasons whose picture is the source itself (dropped when the source becomes the truth). */
  private static final Set<String> SOURCE_REASONS = Set.of("no-change", "chain-not-started");

  /**
   * True when {@code other}'s instruction names objects and none of them is in {@code s}'s scene (by the instance
   * masks' labels): the right answer to it is then the unchanged scene.
   */
  static boolean namesNothingPresent(Sample s, Sample other) {
    if (other.objects().isEmpty() || s.masks().isEmpty()) {
      return false;
    }
    Set<String> present = new java.util.HashSet<>();
    s.masks().forEach(m -> present.add(m.label()));
    return other.objects().stream().noneMatch(present::contains);
  }

  /** Left-right mirror image. */
  public static BufferedImage mirror(BufferedImage img) {
    BufferedImage rgb = Images.toRgb(img);
    AffineTransform t = AffineTransform.getScaleInstance(-1, 1);
    t.translate(-rgb.getWidth(), 0);
    BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
    new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(rgb, out);
    return out;
  }

  /** Edits and judges every control's cases, {@code batch} edits at a time. */
  public static List<Result> run(Dataset ds, List<Sample> samples, Evaluator.BatchEditor editor, int batch, Progress progress)
      throws IOException {
    Map<String, List<Case>> all = cases(samples);
    int total = all.values().stream().mapToInt(List::size).sum();
    List<Result> out = new ArrayList<>();
    progress.start("controls", total);
    try {
      // The mirrored-vs-unmirrored-truth control judges the mirrored control's edits again, and the two
      // vs-unchanged controls the neutral and other-family ones'.
      Map<Sample, BufferedImage> mirroredEdits = new LinkedHashMap<>();
      Map<Sample, BufferedImage> neutralEdits = new LinkedHashMap<>();
      Map<Sample, BufferedImage> otherEdits = new LinkedHashMap<>();
      for (var e : all.entrySet()) {
        List<Case> cs = e.getValue();
        int lenient = 0;
        int strict = 0;
        double chance = 0;
        for (int from = 0; from < cs.size(); from += batch) {
          List<Case> group = cs.subList(from, Math.min(cs.size(), from + batch));
          List<BufferedImage> edits;
          if (e.getKey().equals("mirrored-vs-unmirrored-truth")) {
            edits = group.stream().map(c -> mirroredEdits.get(c.sample())).toList();
          } else if (e.getKey().equals(NEUTRAL_UNCHANGED)) {
            edits = group.stream().map(c -> neutralEdits.get(c.sample())).toList();
          } else if (e.getKey().equals(OTHER_UNCHANGED)) {
            edits = group.stream().map(c -> otherEdits.get(c.sample())).toList();
          } else {
            List<BufferedImage> imgs = new ArrayList<>();
            List<String> instrs = new ArrayList<>();
            for (Case c : group) {
              imgs.add(c.input().apply(ds.image(c.sample().source())));
              instrs.add(c.instruction());
            }
            edits = editor.apply(imgs, instrs);
          }
          for (int i = 0; i < group.size(); i++) {
            Case c = group.get(i);
            switch (e.getKey()) {
              case "mirrored" -> mirroredEdits.put(c.sample(), edits.get(i));
              case "neutral" -> neutralEdits.put(c.sample(), edits.get(i));
              case "other-family" -> otherEdits.put(c.sample(), edits.get(i));
              default -> { }
            }
            boolean unchanged = e.getKey().endsWith("-vs-unchanged");
            Judge.Verdict v = unchanged ? judgeUnchanged(ds, c.sample(), edits.get(i)) : judge(ds, c, edits.get(i));
            lenient += v.lenient() ? 1 : 0;
            strict += v.strict() ? 1 : 0;
            chance += 1.0 / (1 + (unchanged ? unchangedDistractors(c.sample()).size() + 1 : c.sample().distractorTargets().size()));
          }
          progress.advance(group.size());
        }
        int n = cs.size();
        double[] ci = wilson(lenient, n);
        out.add(new Result(e.getKey(), n, n == 0 ? Double.NaN : lenient / (double) n, n == 0 ? Double.NaN : strict / (double) n,
            ci[0], ci[1], n == 0 ? Double.NaN : chance / n));
      }
    } finally {
      progress.finish();
    }
    return out;
  }

  private static Judge.Verdict judge(Dataset ds, Case c, BufferedImage edit) throws IOException {
    BufferedImage target = c.truth().apply(ds.image(c.sample().target()));
    int w = target.getWidth();
    int h = target.getHeight();
    // The source in the truth's frame is the judge's "no change" reference.
    BufferedImage source = Images.resize(c.truth().apply(ds.image(c.sample().source())), w, h);
    List<BufferedImage> distractors = new ArrayList<>();
    for (var d : c.sample().distractorTargets()) {
      distractors.add(c.truth().apply(ds.image(d.path())));
    }
    return Judge.judge(Images.resize(Images.toRgb(edit), w, h), source, target, distractors);
  }

  /** The distractors of a sample other than those that picture the source itself. */
  private static List<Sample.DistractorRef> unchangedDistractors(Sample s) {
    return s.distractorTargets().stream().filter(d -> !SOURCE_REASONS.contains(d.reason())).toList();
  }

  /**
   * An edit judged with the source as the truth: the wrong outcomes are the sample's real target and its distractors
   * that are not the source itself.
   */
  static Judge.Verdict judgeUnchanged(Dataset ds, Sample s, BufferedImage edit) throws IOException {
    BufferedImage source = ds.image(s.source());
    int w = source.getWidth();
    int h = source.getHeight();
    List<BufferedImage> distractors = new ArrayList<>();
    distractors.add(ds.image(s.target()));
    for (var d : unchangedDistractors(s)) {
      distractors.add(ds.image(d.path()));
    }
    return Judge.judge(Images.resize(Images.toRgb(edit), w, h), source, source, distractors);
  }

  /** The 95% Wilson score interval of k successes in n trials. */
  public static double[] wilson(int k, int n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = 1.96;
    double p = k / (double) n;
    double d = 1 + z * z / n;
    double centre = (p + z * z / (2 * n)) / d;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** Writes controls.json, controls.md and controls.png into {@code dir}. */
  public static void write(Path dir, String title, List<Result> results) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    AtomicFiles.writeString(dir.resolve("controls.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
    StringBuilder md = new StringBuilder("# Controls: " + title + "\n\n| control | samples | lenient | 95% interval | strict | chance |\n|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f-%.3f | %.3f | %.3f |%n", r.control(), r.n(), r.lenient(), r.lo(), r.hi(),
          r.strict(), r.chance()));
    }
    md.append("\nreal: the sample's instruction; neutral: \"").append(NEUTRAL).append("\"; other-family: another family's instruction, ")
        .append("judged against the real target; mirrored: source, target and distractors mirrored left-right (families ")
        .append(String.join(", ", new java.util.TreeSet<>(MIRROR_FAMILIES)))
        .append("); mirrored-vs-unmirrored-truth: those edits judged against the original target; neutral-vs-unchanged and ")
        .append("other-family-vs-unchanged: the neutral edits, and the other-family edits whose instruction names no object ")
        .append("in the scene, judged against the unchanged source (the real target among the wrong outcomes).\n");
    AtomicFiles.writeString(dir.resolve("controls.md"), md.toString());
    List<String> names = results.stream().map(Result::control).toList();
    double[][] values = new double[2][names.size()];
    for (int i = 0; i < names.size(); i++) {
      values[0][i] = results.get(i).lenient();
      values[1][i] = results.get(i).chance();
    }
    Images.writePng(dir.resolve("controls.png"), BarChart.draw("Controls: " + title, names, List.of("accuracy (lenient)", "chance"), values));
  }
}
