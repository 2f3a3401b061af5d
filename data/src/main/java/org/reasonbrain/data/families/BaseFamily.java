package org.reasonbrain.data.families;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.data.world.Background;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Layout;
import org.reasonbrain.data.world.Pen;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/** Shared plumbing for families: names, random scene parts, placement without overlap. */
abstract class BaseFamily implements Family {
  private final String name;
  private final Category category;
  private final List<Kind> subjects;

  BaseFamily(String name, Category category, Kind... subjects) {
    this.name = name;
    this.category = category;
    this.subjects = List.of(subjects);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Category category() {
    return category;
  }

  @Override
  public List<Kind> subjects() {
    return subjects;
  }

  @Override
  public Episode episode(Random rng, Kind subject, int steps) {
    if (!subjects.contains(subject) && !extraSubjects().contains(subject) && subject != shapeFreeSubject()) {
      throw new IllegalArgumentException(name + ": " + subject + " is not a subject of this family");
    }
    if (steps < 1 || steps > maxSteps()) {
      throw new IllegalArgumentException(name + ": supports 1.." + maxSteps() + " steps, asked for " + steps);
    }
    // Scramble: java.util.Random's first draws are correlated for nearby seeds.
    long z = rng.nextLong() + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return build(new Random(z ^ (z >>> 31)), subject, steps);
  }

  /** Builds the episode; arguments are already validated. */
  abstract Episode build(Random rng, Kind subject, int steps);

  // ---------------------------------------------------------------- random scene parts

  static double range(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static <T> T pick(Random r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  /** A colour near {@code rgb}: each channel moved by up to {@code amount} (0..255). */
  static int jitter(Random r, int rgb, int amount) {
    int red = clamp(((rgb >> 16) & 255) + r.nextInt(2 * amount + 1) - amount);
    int green = clamp(((rgb >> 8) & 255) + r.nextInt(2 * amount + 1) - amount);
    int blue = clamp((rgb & 255) + r.nextInt(2 * amount + 1) - amount);
    return (red << 16) | (green << 8) | blue;
  }

  /** A saturated colour from a palette, slightly varied. */
  static int vivid(Random r) {
    int[] palette = {0xD64541, 0x3A7BD5, 0x2EAD5B, 0xF2A33A, 0x8E44AD, 0xE84393, 0x16A3A3, 0xE0C030};
    return jitter(r, palette[r.nextInt(palette.length)], 18);
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static Background background(Random r, Background.Setting setting) {
    int tint = jitter(r, 0xC8C8C8, 55);
    return new Background(setting, Background.TimeOfDay.DAY, Background.Season.SUMMER,
        Background.Weather.CLEAR, range(r, 0.15, 0.85), tint);
  }

  static SceneObject obj(String id, Kind kind, double x, double y, double size, int rgb, String state) {
    return new SceneObject(id, kind, x, y, size, rgb, state, 0);
  }

  /**
   * Picks {@code n} horizontal positions in [lo, hi], each at least {@code gap} from the others and
   * from every position in {@code taken}. Falls back to evenly spaced positions if sampling fails.
   */
  static List<Double> spread(Random r, int n, double lo, double hi, double gap, List<Double> taken) {
    for (int attempt = 0; attempt < 200; attempt++) {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double x = range(r, lo, hi);
        boolean ok = true;
        for (double t : taken) {
          ok &= Math.abs(t - x) >= gap;
        }
        for (double t : out) {
          ok &= Math.abs(t - x) >= gap;
        }
        if (!ok) {
          break;
        }
        out.add(x);
      }
      if (out.size() == n) {
        return out;
      }
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(lo + (hi - lo) * (i + 0.5) / n);
    }
    return out;
  }

  private static final Kind[] BYSTANDERS = {Kind.ROCK, Kind.BOOK, Kind.POT_PLANT, Kind.TOY_BLOCK};

  /**
   * Adds {@code n} objects no intervention concerns (rocks, books, plants, toy blocks), away from the
   * positions in {@code taken}; they must come out of every edit unchanged.
   */
  static Scene withBystanders(Random r, Scene scene, int n, List<Double> taken, double gap) {
    double y = Layout.surface(scene.background().setting()) + range(r, -0.02, 0.02);
    List<Double> xs = spread(r, n, 0.08, 0.92, gap, taken);
    Scene out = scene;
    for (int i = 0; i < n; i++) {
      Kind k = BYSTANDERS[r.nextInt(BYSTANDERS.length)];
      out = out.add(obj("bystander" + i, k, xs.get(i), y + range(r, 0, 0.04), range(r, 0.07, 0.11), vivid(r), "plain"));
      taken = new ArrayList<>(taken);
      taken.add(xs.get(i));
    }
    return out;
  }

  /** A step builder that keeps family code short. */
  static Step step(Scene target, String initial, List<String> clauses, Map<String, String> slots,
      List<String> changed, boolean backgroundChanged, Distractor... distractors) {
    return new Step(target, initial, clauses, slots, changed, backgroundChanged, List.of(distractors));
  }

  static Distractor none(Scene before) {
    return new Distractor(Distractor.NO_CHANGE, before);
  }

  static Distractor wrongWay(Scene s) {
    return new Distractor(Distractor.WRONG_WAY, s);
  }

  static Distractor wrongObject(Scene s) {
    return new Distractor(Distractor.WRONG_OBJECT, s);
  }

  static Distractor wrongStage(Scene s) {
    return new Distractor(Distractor.WRONG_STAGE, s);
  }

  static int darker(int rgb) {
    return Pen.shade(rgb, 0.8);
  }
}
