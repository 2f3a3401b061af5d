package org.reasonbrain.data.families;

import static org.reasonbrain.data.world.Background.Setting.OUTDOOR;
import static org.reasonbrain.data.world.Background.Setting.ROOM;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.data.world.Background;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Layout;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/** Causal reasoning (about 20%): chain reactions, rain, wind, circuits, impacts, fire. */
final class CausalFamilies {
  private CausalFamilies() {}

  private static final String S = StateChainFamily.SUBJECT;

  static List<Family> all() {
    return List.of(new Dominoes(), new Rain(), new Wind(), new LightSwitch(), new Window(), new Burn());
  }

  /** A hand pushes the first domino of a row: all fall away from the hand. */
  static final class Dominoes extends BaseFamily {
    Dominoes() {
      super("dominoes", Category.CAUSAL, Kind.DOMINO);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      int n = 4 + r.nextInt(3);
      boolean handLeft = r.nextBoolean();
      double ground = Layout.surface(OUTDOOR);
      double gap = 0.085;
      double start = range(r, 0.22, 0.9 - gap * (n - 1) - 0.1);
      int colour = jitter(r, pick(r, List.of(0x222222, 0x7A1F1F, 0x1F3A7A)), 10);
      List<SceneObject> objs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        objs.add(obj("domino" + i, k, start + i * gap, ground, 0.14, colour, "standing"));
      }
      double handX = handLeft ? start - 0.09 : start + (n - 1) * gap + 0.09;
      objs.add(new SceneObject("hand", Kind.HAND, handX, ground - 0.05, 0.08, jitter(r, 0xF1C8A0, 10), "plain", handLeft ? 1 : -1));
      Scene source = new Scene(background(r, OUTDOOR), objs);
      String away = handLeft ? "fallen-right" : "fallen-left";
      String toward = handLeft ? "fallen-left" : "fallen-right";
      Scene target = source;
      Scene wrong = source;
      List<String> changed = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        target = target.update("domino" + i, o -> o.withState(away));
        wrong = wrong.update("domino" + i, o -> o.withState(toward));
        changed.add("domino" + i);
      }
      String first = "domino" + (handLeft ? 0 : n - 1);
      Scene onlyFirst = source.update(first, o -> o.withState(away));
      Step st = step(target, "knock all {a} over, falling away from the hand",
          List.of("the hand pushed the nearest of {a}", "the first of {a} was tipped over", "someone flicked the first of {a}"),
          Map.of("a", "dominoes"), changed, false, wrongWay(wrong), wrongStage(onlyFirst), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a falling domino knocks over the next one", "dominoes fall away from the push");
    }
  }

  /** Heavy rain: grey sky, rain, wet dark ground and puddles. */
  static final class Rain extends BaseFamily {
    Rain() {
      super("rain", Category.CAUSAL, Kind.HOUSE);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.3, 0.7);
      Scene source = new Scene(background(r, OUTDOOR), List.of(obj(S, k, x, Layout.surface(OUTDOOR), range(r, 0.26, 0.32), vivid(r), "plain")));
      source = withBystanders(r, source, 1, List.of(x), 0.3);
      Scene target = source.withBackground(source.background().withWeather(Background.Weather.RAIN));
      Scene snow = source.withBackground(source.background().withSeason(Background.Season.WINTER));
      Scene dry = source.withBackground(source.background().withTime(Background.TimeOfDay.SUNSET));
      Step st = step(target, "make it rain heavily on {a}, with puddles on the ground",
          List.of("a heavy storm rolled in over {a}", "it rained hard for an hour around {a}", "dark clouds opened up above {a}"),
          Map.of("a", k.noun()), List.of(), true, wrongWay(snow), wrongStage(dry), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("heavy rain makes the ground wet and leaves puddles", "rain comes from dark grey clouds");
    }
  }

  /** A fan is switched on: the flag or tree bends away from it. */
  static final class Wind extends BaseFamily {
    Wind() {
      super("wind", Category.CAUSAL, Kind.FLAG, Kind.TREE);
    }

    /** Tall flowers that lean away from the fan as the held-out tree would (drawn only by --extra-subjects builds). */
    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.POPPY, Kind.LILY);
    }

    /** A topiary clipped to a new shape in every sample, bending as the held-out tree would (--random-shapes builds). */
    @Override public Kind shapeFreeSubject() {
      return Kind.TOPIARY;
    }

    @Override Episode build(Random r, Kind k, int steps) {
      boolean fanLeft = r.nextBoolean();
      double dir = fanLeft ? 1 : -1;
      double ground = Layout.surface(OUTDOOR);
      double fanX = fanLeft ? range(r, 0.1, 0.18) : range(r, 0.82, 0.9);
      double x = fanLeft ? range(r, 0.4, 0.55) : range(r, 0.45, 0.6);
      boolean flower = extraSubjects().contains(k);
      double size = k == Kind.FLAG ? range(r, 0.4, 0.46) : flower ? range(r, 0.36, 0.42)
          : k == Kind.TOPIARY ? range(r, 0.42, 0.5) : range(r, 0.46, 0.52);
      int colour = k == Kind.FLAG ? vivid(r)
          : k == Kind.TOPIARY ? jitter(r, pick(r, List.of(0x2F7A34, 0x4E9A3E, 0x6B8E23, 0x3C6E47)), 18)
          : k == Kind.POPPY ? jitter(r, 0xE8502A, 12)
          : k == Kind.LILY ? jitter(r, pick(r, List.of(0xF4A6C8, 0xF7A24A)), 12)
          : jitter(r, 0x3E9B3A, 15);
      String state = k == Kind.FLAG || k == Kind.TOPIARY ? "plain" : flower ? "bloom" : "grown";
      Scene source = new Scene(background(r, OUTDOOR), List.of(
          new SceneObject("fan", Kind.FAN, fanX, ground, 0.2, jitter(r, 0x5B8DB8, 20), "off", dir),
          obj(S, k, x, ground, size, colour, state)));
      Scene target = source.update("fan", o -> o.withState("on")).update(S, o -> o.withParam(dir));
      Scene toward = source.update("fan", o -> o.withState("on")).update(S, o -> o.withParam(-dir));
      Step st = step(target, "make {a} bend away from {b}",
          List.of("{b} was switched on at full power", "someone turned on {b} next to {a}", "{b} started blowing hard at {a}"),
          Map.of("a", k.noun(), "b", "fan"), List.of("fan", S), false, wrongWay(toward), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("wind from a fan pushes a " + k.noun() + " away from the fan", "a strong wind bends flags and trees");
    }
  }

  /** A switch wired to one of two lamps: flipping it lights that lamp only. */
  static final class LightSwitch extends BaseFamily {
    LightSwitch() {
      super("switch", Category.CAUSAL, Kind.LAMP);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double floor = Layout.surface(ROOM);
      List<Double> xs = spread(r, 3, 0.12, 0.88, 0.24, List.of());
      xs.sort(Double::compare);
      // The switch stands in the middle position; the wire runs to the left or right lamp.
      boolean wiredLeft = r.nextBoolean();
      double lampL = xs.get(0);
      double sw = xs.get(1);
      double lampR = xs.get(2);
      int shade = jitter(r, pick(r, List.of(0xE8D8B0, 0xB0C8E8, 0xE8B0C0)), 15);
      Background bg = background(r, ROOM).withTime(Background.TimeOfDay.NIGHT);
      Scene source = new Scene(bg, List.of(
          new SceneObject("wire", Kind.WIRE, sw, floor + 0.01, 0.012, 0x333333, "plain", wiredLeft ? lampL : lampR),
          obj("lampL", k, lampL, floor, 0.3, shade, "off"),
          obj("lampR", k, lampR, floor, 0.3, shade, "off"),
          obj("switch", Kind.SWITCH, sw, floor, 0.1, 0xEEEEEE, "off")));
      String wired = wiredLeft ? "lampL" : "lampR";
      String other = wiredLeft ? "lampR" : "lampL";
      Scene flipped = source.update("switch", o -> o.withState("on"));
      Scene target = flipped.update(wired, o -> o.withState("on"));
      Scene wrong = flipped.update(other, o -> o.withState("on"));
      Scene both = target.update(other, o -> o.withState("on"));
      Step st = step(target, "turn on the lamp that is wired to {a}",
          List.of("{a} was flipped", "someone pressed {a}", "{a} on the floor was turned on"),
          Map.of("a", "switch"), List.of("switch", wired), false, wrongObject(wrong), wrongWay(both), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a switch lights only the lamp it is wired to", "electricity flows along a wire");
    }
  }

  /** A ball kicked at a house breaks the window it is lined up with. */
  static final class Window extends BaseFamily {
    Window() {
      super("window", Category.CAUSAL, Kind.SOCCER_BALL);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double ground = Layout.surface(OUTDOOR);
      double hx = range(r, 0.4, 0.6);
      double hs = range(r, 0.34, 0.38);
      boolean left = r.nextBoolean();
      double winX = hx + (left ? -1 : 1) * hs * 1.2 * 0.3;
      Scene source = new Scene(background(r, OUTDOOR), List.of(
          obj("house", Kind.HOUSE, hx, ground - 0.04, hs, vivid(r), "plain"),
          obj(S, k, winX, ground + 0.12, 0.06, 0xFFFFFF, "plain")));
      Scene target = source.update("house", o -> o.withState(left ? "broken-left" : "broken-right"))
          .update(S, o -> o.at(winX + (left ? -0.03 : 0.03), ground - 0.01));
      Scene wrong = source.update("house", o -> o.withState(left ? "broken-right" : "broken-left"))
          .update(S, o -> o.at(winX + (left ? -0.03 : 0.03), ground - 0.01));
      Step st = step(target, "break the window of {b} in line with {a}",
          List.of("{a} was kicked hard at {b}", "someone kicked {a} straight at {b}", "{a} flew into {b}"),
          Map.of("a", k.noun(), "b", "house"), List.of("house", S), false, wrongObject(wrong), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a ball kicked hard at a window breaks the glass", "a ball flies in a straight line toward where it is kicked");
    }
  }

  /** A lit match dropped on something that burns: it burns to ash; the stone nearby does not. */
  static final class Burn extends BaseFamily {
    Burn() {
      super("burn", Category.CAUSAL, Kind.PAPER, Kind.LEAF_PILE, Kind.LOG);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.CARDBOARD_BOX, Kind.STRAW_BALE);
    }

    @Override public Kind shapeFreeSubject() {
      return Kind.WOODEN_CARVING;
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double ground = Layout.surface(OUTDOOR);
      List<Double> xs = spread(r, 2, 0.2, 0.8, 0.35, List.of());
      int colour = switch (k) {
        case PAPER -> jitter(r, 0xF4F1E8, 8);
        case LEAF_PILE -> jitter(r, 0xC8702A, 15);
        case CARDBOARD_BOX -> jitter(r, 0xB8894F, 12);
        case STRAW_BALE -> jitter(r, 0xD9B85A, 12);
        case WOODEN_CARVING -> jitter(r, pick(r, List.of(0x7A5230, 0xA0703C, 0xC49A6C, 0x5C3A1E)), 20);
        default -> jitter(r, 0x7A5230, 15);
      };
      double size = switch (k) {
        case LOG -> 0.12;
        case WOODEN_CARVING -> range(r, 0.1, 0.2);   // a shape-free subject: from the paper's size to twice the log's
        default -> 0.14;
      };
      Scene source = new Scene(background(r, OUTDOOR), List.of(
          obj(S, k, xs.get(0), ground, size, colour, "plain"),
          obj("match", Kind.MATCH, xs.get(0) + 0.02, ground - size * 0.5, 0.1, 0, "lit"),
          obj("book", Kind.BOOK, xs.get(1), ground, 0.1, vivid(r), "plain")));
      Scene target = source.update(S, o -> o.withState("burnt")).update("match", o -> o.withState("burnt"));
      Scene wrong = source.update("book", o -> new SceneObject(o.id(), Kind.PAPER, o.x(), o.y(), o.size(), o.rgb(), "burnt", 0))
          .update("match", o -> o.withState("burnt"));
      Scene fizzled = source.update("match", o -> o.withState("burnt"));
      Step st = step(target, "burn {a} to ashes",
          List.of("the lit match was dropped on {a}", "{a} caught the flame of the match", "the burning match touched {a}"),
          Map.of("a", k.noun()), List.of(S, "match"), false, wrongObject(wrong), wrongWay(fizzled), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a lit match sets dry " + k.noun() + " on fire", "burnt things turn black and leave ash");
    }
  }
}
