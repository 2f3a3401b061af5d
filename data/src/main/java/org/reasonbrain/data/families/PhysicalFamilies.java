package org.reasonbrain.data.families;

import static org.reasonbrain.data.world.Background.Setting.OUTDOOR;
import static org.reasonbrain.data.world.Background.Setting.ROOM;
import static org.reasonbrain.data.world.Background.Setting.TABLE;
import static org.reasonbrain.data.world.Background.Setting.WATER_TANK;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.data.world.Background;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Layout;
import org.reasonbrain.data.world.RampGeometry;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;
import org.reasonbrain.data.world.SeesawGeometry;
import org.reasonbrain.data.world.TankGeometry;

/** Physical reasoning (about 40% of samples): melting, weight, breaking, burning, rolling, filling, floating. */
final class PhysicalFamilies {
  private PhysicalFamilies() {}

  static List<Family> all() {
    return List.of(new Melt(), new Seesaw(), new Drop(), new Candle(), new Slope(), new Tap(), new Balloon(),
        new Magnet(), new SinkOrFloat(), new Freeze());
  }

  /** Ice cube / ice cream / butter / snowman in the sun: solid -> puddle -> damp patch. */
  static final class Melt extends StateChainFamily {
    Melt() {
      super("melt", Category.PHYSICAL, Kind.ICE_CUBE, Kind.ICE_CREAM, Kind.BUTTER, Kind.SNOWMAN);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.ICE_BLOCK, Kind.CHOCOLATE);
    }

    @Override public Kind shapeFreeSubject() {
      return Kind.WAX_FIGURE;
    }

    @Override List<String> states(Kind k) {
      return List.of("solid", "puddle", "damp");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      double x = range(r, 0.2, 0.8);
      int colour = switch (k) {
        case ICE_CUBE, ICE_BLOCK -> jitter(r, 0xA8D8F0, 12);
        case CHOCOLATE -> jitter(r, 0x5A3220, 10);
        case ICE_CREAM -> jitter(r, pick(r, List.of(0xF7B6D2, 0xF3E5AB, 0x8B5A3C, 0xB5E3B0)), 10);
        case BUTTER -> jitter(r, 0xF6DC6B, 10);
        default -> vivid(r);
      };
      double size = switch (k) {
        case SNOWMAN -> range(r, 0.28, 0.34);
        case ICE_BLOCK -> range(r, 0.2, 0.28);
        case WAX_FIGURE -> range(r, 0.11, 0.34);   // as small as the seen subjects, as large as the snowman
        default -> range(r, 0.11, 0.15);
      };
      Scene s = new Scene(background(r, OUTDOOR), List.of(obj(SUBJECT, k, x, Layout.surface(OUTDOOR), size, colour, state)));
      return withBystanders(r, s, 1 + r.nextInt(2), List.of(x), 0.2);
    }

    @Override List<String> clauses(Kind k, String to) {
      return to.equals("puddle")
          ? List.of("{a} was left in the sun", "{a} sat out in the hot sun for an hour", "the sun beat down on {a} all afternoon")
          : List.of("the puddle left by {a} dried in the sun all day", "what was left of {a} stayed in the heat until evening");
    }

    @Override String initial(Kind k, String to) {
      return to.equals("puddle") ? "make {a} melt into a puddle" : "make the puddle from {a} evaporate, leaving a damp patch";
    }

    @Override List<Distractor> extraDistractors(Random r, Scene before, Kind k, String to) {
      List<Distractor> out = new ArrayList<>();
      for (SceneObject o : before.objects()) {
        if (o.id().startsWith("bystander") && to.equals("puddle")) {
          out.add(wrongObject(before.update(o.id(), b -> new SceneObject(b.id(), Kind.ICE_CUBE, b.x(), b.y(), b.size(), b.rgb(), "puddle", 0))));
          break;
        }
      }
      return out;
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a " + k.noun() + " melts in the sun", "a melted " + k.noun() + " becomes a puddle",
          "a puddle dries up in the sun and leaves a damp patch");
    }
  }

  /** Two objects of different weight on a seesaw: it tilts down on the heavier side. */
  static final class Seesaw extends BaseFamily {
    Seesaw() {
      super("seesaw", Category.PHYSICAL, Kind.ELEPHANT, Kind.BRICK, Kind.HIPPO, Kind.BOWLING_BALL);
    }

    /** More heavy riders, each with a light partner (drawn only by --extra-subjects builds). */
    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.STRAW_BALE, Kind.POT);
    }

    private static Kind light(Kind heavy) {
      return switch (heavy) {
        case ELEPHANT -> Kind.MOUSE;
        case BRICK -> Kind.FEATHER;
        case HIPPO -> Kind.CAT;
        case STRAW_BALE -> Kind.MOUSE;
        case POT -> Kind.FEATHER;
        default -> Kind.TENNIS_BALL;
      };
    }

    private static double size(Kind k) {
      return switch (k) {
        case ELEPHANT -> 0.2;
        case HIPPO -> 0.16;
        case STRAW_BALE -> 0.13;
        case POT -> 0.1;
        case MOUSE, TENNIS_BALL -> 0.07;
        case BRICK, BOWLING_BALL, CAT -> 0.09;
        default -> 0.06;
      };
    }

    private static int colour(Random r, Kind k) {
      return switch (k) {
        case ELEPHANT, MOUSE -> jitter(r, 0x8C8C96, 10);
        case BRICK -> jitter(r, 0xA84432, 12);
        case FEATHER -> jitter(r, 0xF4F4F4, 6);
        case HIPPO -> jitter(r, 0x8A7A9A, 10);
        case CAT -> jitter(r, 0xE08A3C, 15);
        case BOWLING_BALL -> jitter(r, 0x2A3A7A, 15);
        case STRAW_BALE -> jitter(r, 0xD9B44A, 10);
        case POT -> jitter(r, 0x5A5F66, 10);
        default -> jitter(r, 0xCFE04A, 10);
      };
    }

    /** The seesaw at {@code tilt} with both riders standing on the plank ends. */
    private static Scene pose(Scene s, double tilt) {
      Scene out = s.update("seesaw", o -> o.withParam(tilt));
      SceneObject plank = out.get("seesaw");
      for (String id : List.of("left", "right")) {
        double along = (id.equals("left") ? -1 : 1) * plank.size() * 0.38;
        double[] p = SeesawGeometry.pointOnPlank(plank, along);
        out = out.update(id, o -> o.at(p[0], p[1]));
      }
      return out;
    }

    @Override Episode build(Random r, Kind heavy, int steps) {
      Kind lightKind = light(heavy);
      boolean heavyLeft = r.nextBoolean();
      double cx = range(r, 0.4, 0.6);
      Background bg = background(r, OUTDOOR);
      double ground = Layout.surface(OUTDOOR);
      List<SceneObject> objs = new ArrayList<>();
      objs.add(new SceneObject("seesaw", Kind.SEESAW, cx, ground, 0.62, jitter(r, 0xB5834F, 20), "plain", 0));
      Kind left = heavyLeft ? heavy : lightKind;
      Kind right = heavyLeft ? lightKind : heavy;
      objs.add(obj("left", left, cx, ground, size(left), colour(r, left), "plain"));
      objs.add(obj("right", right, cx, ground, size(right), colour(r, right), "plain"));
      Scene source = pose(new Scene(bg, objs), 0);
      double down = heavyLeft ? -1 : 1;
      Scene target = pose(source, down);
      boolean heavyFirst = r.nextBoolean();
      Map<String, String> slots = Map.of("a", (heavyFirst ? heavy : lightKind).noun(), "b", (heavyFirst ? lightKind : heavy).noun(),
          "h", heavy.noun());
      Step st = step(target, "tilt the seesaw down on the side of the " + heavy.noun() + ", lifting the " + lightKind.noun(),
          List.of("{a} and {b} sat on the two ends of the seesaw", "{a} and {b} got onto the seesaw at the same time",
              "the seesaw was let go with {a} and {b} on it"),
          withoutH(slots), List.of("seesaw", "left", "right"), false, wrongWay(pose(source, -down)), none(source));
      return new Episode(this, heavy, source, List.of(st));
    }

    private static Map<String, String> withoutH(Map<String, String> slots) {
      return Map.of("a", slots.get("a"), "b", slots.get("b"));
    }

    @Override public List<String> facts(Kind heavy) {
      return List.of("a " + heavy.noun() + " is heavier than a " + light(heavy).noun(),
          "a seesaw tips down on the side of the heavier load");
    }
  }

  /** Breakables knocked off a shelf: they land on the floor below, broken. */
  static final class Drop extends BaseFamily {
    Drop() {
      super("drop", Category.PHYSICAL, Kind.EGG, Kind.VASE, Kind.CUP, Kind.PLATE);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.BOWL, Kind.BOTTLE);
    }

    @Override public Kind shapeFreeSubject() {
      return Kind.TRINKET;
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double shelfX = range(r, 0.3, 0.7);
      double shelfY = range(r, 0.4, 0.5);
      double floor = Layout.surface(ROOM);
      int colour = k == Kind.EGG ? jitter(r, 0xF3E9D2, 10) : vivid(r);
      double size = k == Kind.EGG ? 0.08 : range(r, 0.1, 0.13);
      double x = shelfX + (r.nextBoolean() ? -1 : 1) * 0.1;
      double bookX = shelfX - (x - shelfX);
      Scene source = new Scene(background(r, ROOM), List.of(
          new SceneObject("shelf", Kind.SHELF, shelfX, shelfY, 0.38, jitter(r, 0x8B5A2B, 15), "plain", 0),
          obj("book", Kind.BOOK, bookX, shelfY, 0.08, vivid(r), "plain"),
          obj(StateChainFamily.SUBJECT, k, x, shelfY, size, colour, "intact")));
      source = withBystanders(r, source, 1, List.of(x, bookX), 0.18);
      Scene target = source.update(StateChainFamily.SUBJECT, o -> o.at(o.x(), floor).withState("broken"));
      Scene intact = source.update(StateChainFamily.SUBJECT, o -> o.at(o.x(), floor));
      Scene bookFell = source.update("book", o -> o.at(o.x(), floor));
      Step st = step(target, "show {a} smashed on the floor below the shelf",
          List.of("{a} fell off the shelf", "{a} was knocked off the shelf", "someone bumped the shelf and {a} tipped over the edge"),
          Map.of("a", k.noun()), List.of(StateChainFamily.SUBJECT), false, wrongWay(intact), wrongObject(bookFell), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a " + k.noun() + " breaks when it falls on a hard floor", "things that fall off a shelf land on the floor");
    }
  }

  /** A lit candle left burning: tall -> short -> burnt out. */
  static final class Candle extends StateChainFamily {
    Candle() {
      super("candle", Category.PHYSICAL, Kind.CANDLE);
    }

    @Override List<String> states(Kind k) {
      return List.of("tall", "short", "out");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      double x = range(r, 0.25, 0.75);
      Scene s = new Scene(background(r, TABLE), List.of(obj(SUBJECT, k, x, Layout.surface(TABLE), range(r, 0.28, 0.34), vivid(r), state)));
      return withBystanders(r, s, 1 + r.nextInt(2), List.of(x), 0.18);
    }

    @Override List<String> clauses(Kind k, String to) {
      return to.equals("short")
          ? List.of("{a} was left burning for hours", "{a} burned all evening", "nobody blew out {a} for several hours")
          : List.of("{a} kept burning through the night", "{a} was left alight until the wax ran out");
    }

    @Override String initial(Kind k, String to) {
      return to.equals("short") ? "make {a} burn down to a short stub" : "let {a} burn out completely";
    }

    @Override List<Distractor> extraDistractors(Random r, Scene before, Kind k, String to) {
      return List.of(wrongWay(before.update(SUBJECT, o -> new SceneObject(o.id(), o.kind(), o.x(), o.y(), o.size() * 1.35, o.rgb(), o.state(), 0))));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a burning candle gets shorter as the wax melts", "a candle goes out when its wax is used up");
    }
  }

  /** A round object released at the top of a slope ends at the bottom, on the side the slope descends to. */
  static final class Slope extends BaseFamily {
    Slope() {
      super("slope", Category.PHYSICAL, Kind.BALL, Kind.BARREL, Kind.WHEEL);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double dir = r.nextBoolean() ? 1 : -1;
      double ground = Layout.surface(OUTDOOR);
      SceneObject ramp = new SceneObject("slope", Kind.RAMP, range(r, 0.42, 0.58), ground, 0.46, jitter(r, 0x9C7B55, 20), "plain", dir);
      double d = k == Kind.BARREL ? 0.11 : 0.09;
      double[] top = RampGeometry.top(ramp, d);
      int colour = k == Kind.BARREL ? jitter(r, 0x8B5A2B, 15) : vivid(r);
      Scene source = new Scene(background(r, OUTDOOR), List.of(ramp, obj(StateChainFamily.SUBJECT, k, top[0], top[1], d, colour, "plain")));
      double[] bottom = RampGeometry.bottom(ramp, d);
      Scene target = source.update(StateChainFamily.SUBJECT, o -> o.at(bottom[0], bottom[1]));
      Scene wrong = source.update(StateChainFamily.SUBJECT, o -> o.at(ramp.x() - dir * (ramp.size() / 2 + d * 0.7), ground));
      Step st = step(target, "move {a} to the bottom of the slope",
          List.of("{a} was let go at the top of the slope", "someone released {a} on the slope", "{a} was nudged off its spot on the slope"),
          Map.of("a", k.noun()), List.of(StateChainFamily.SUBJECT), false, wrongWay(wrong), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a " + k.noun() + " rolls down a slope to the bottom", "things roll downhill, never uphill");
    }
  }

  /** Two containers, one under a running tap: only that one fills. */
  static final class Tap extends BaseFamily {
    Tap() {
      super("tap", Category.PHYSICAL, Kind.GLASS, Kind.BUCKET);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.JAR, Kind.PITCHER, Kind.BOWL, Kind.POT);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double surface = Layout.surface(TABLE);
      List<Double> xs = spread(r, 2, 0.2, 0.8, 0.3, List.of());
      double size = switch (k) {
        case BUCKET -> 0.14;
        case PITCHER, POT -> 0.12;
        case JAR -> 0.15;
        case BOWL -> 0.1;
        default -> 0.16;
      };
      int colour = switch (k) {
        case GLASS -> 0xD7E6EC;
        case JAR -> 0xCFE3DA;
        case POT -> jitter(r, 0x8E969E, 10);
        default -> vivid(r);
      };
      double tapSize = 0.1;
      double spoutY = surface - size - 0.2;
      double stream = surface - size * k.containerTop() - spoutY;
      Scene source = new Scene(background(r, TABLE), List.of(
          new SceneObject("tap", Kind.TAP, xs.get(0), spoutY + tapSize, tapSize, 0x9AA3AB, "running", stream),
          obj("under", k, xs.get(0), surface, size, colour, "empty"),
          obj("other", k, xs.get(1), surface, size, colour, "empty")));
      Scene target = source.update("under", o -> o.withState("full"));
      Scene other = source.update("other", o -> o.withState("full"));
      Step st = step(target, "fill the " + k.noun() + " under {a} with water",
          List.of("{a} was left running for a minute", "nobody turned off {a} for a while", "the water kept flowing from {a}"),
          Map.of("a", "tap"), List.of("under"), false, wrongObject(other), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("water from a running tap fills the " + k.noun() + " below it", "water falls straight down");
    }
  }

  /** A helium balloon that is let go rises into the sky. */
  static final class Balloon extends BaseFamily {
    Balloon() {
      super("balloon", Category.PHYSICAL, Kind.BALLOON);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.25, 0.75);
      double ground = Layout.surface(OUTDOOR);
      double size = range(r, 0.26, 0.32);
      double handY = ground - 0.16;
      Scene source = new Scene(background(r, OUTDOOR), List.of(obj(StateChainFamily.SUBJECT, k, x, handY, size, vivid(r), "held")));
      source = withBystanders(r, source, 1, List.of(x), 0.2);
      double drift = range(r, -0.08, 0.08);
      Scene target = source.update(StateChainFamily.SUBJECT, o -> o.at(x + drift, range(r, 0.32, 0.38)).withState("floating"));
      Scene fell = source.update(StateChainFamily.SUBJECT, o -> o.at(x + drift, ground).withState("floating"));
      Step st = step(target, "make {a} float up into the sky",
          List.of("the child let go of {a}", "{a} slipped out of the hand holding it", "nobody held on to {a} any more"),
          Map.of("a", k.noun()), List.of(StateChainFamily.SUBJECT), false, wrongWay(fell), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a helium balloon rises when it is let go", "a balloon filled with helium is lighter than air");
    }
  }

  /** A magnet pulls metal objects to it and leaves the eraser where it is. */
  static final class Magnet extends BaseFamily {
    Magnet() {
      super("magnet", Category.PHYSICAL, Kind.PAPER_CLIP, Kind.NAIL, Kind.SCREW);
    }

    private static String plural(Kind k) {
      return switch (k) {
        case PAPER_CLIP -> "paper clips";
        case NAIL -> "nails";
        default -> "screws";
      };
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double surface = Layout.surface(TABLE);
      boolean magnetLeft = r.nextBoolean();
      double mx = magnetLeft ? range(r, 0.15, 0.25) : range(r, 0.75, 0.85);
      List<SceneObject> objs = new ArrayList<>();
      objs.add(obj("magnet", Kind.MAGNET, mx, surface, 0.14, jitter(r, 0xD0312D, 15), "plain"));
      List<Double> xs = spread(r, 4, magnetLeft ? 0.4 : 0.1, magnetLeft ? 0.9 : 0.6, 0.1, List.of());
      int metal = jitter(r, 0xA0A6AE, 12);
      for (int i = 0; i < 3; i++) {
        objs.add(obj("metal" + i, k, xs.get(i), surface - r.nextDouble() * 0.03, 0.07, metal, "plain"));
      }
      objs.add(obj("eraser", Kind.ERASER, xs.get(3), surface, 0.07, jitter(r, 0xF4A6B8, 15), "plain"));
      Scene source = new Scene(background(r, TABLE), objs);
      Scene target = source;
      Scene far = source;
      Scene eraserToo = source;
      for (int i = 0; i < 3; i++) {
        double y = surface - 0.14 - 0.035 * i;
        double side = magnetLeft ? 0.09 : -0.09;
        int idx = i;
        target = target.update("metal" + i, o -> o.at(mx + side, y));
        eraserToo = eraserToo.update("metal" + i, o -> o.at(mx + side, y));
        far = far.update("metal" + i, o -> o.at(magnetLeft ? 0.9 - 0.05 * idx : 0.1 + 0.05 * idx, o.y()));
      }
      eraserToo = eraserToo.update("eraser", o -> o.at(mx + (magnetLeft ? 0.09 : -0.09), surface - 0.03));
      Step st = step(target, "put the " + plural(k) + " onto {a}",
          List.of("{a} was pushed close to {b}", "someone brought {a} near {b}", "{a} was placed beside {b}"),
          Map.of("a", "magnet", "b", plural(k)), List.of("metal0", "metal1", "metal2"), false,
          wrongObject(eraserToo), wrongWay(far), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a magnet attracts metal " + plural(k), "a magnet does not attract a rubber eraser");
    }
  }

  /** An object dropped into water: wood and rubber float, stone and metal sink. */
  static final class SinkOrFloat extends BaseFamily {
    SinkOrFloat() {
      super("sink-or-float", Category.PHYSICAL, Kind.BLOCK, Kind.BALL);
    }

    /** Metal sinks, plastic floats, as for the held-out ball (drawn only by --extra-subjects builds). */
    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.BOTTLE, Kind.JAR, Kind.POT);
    }

    /** A figurine of a new shape in every sample, metal (sinks) or plastic (floats) as the held-out ball (--random-shapes builds). */
    @Override public Kind shapeFreeSubject() {
      return Kind.FIGURINE;
    }

    @Override Episode build(Random r, Kind k, int steps) {
      boolean heavy = r.nextBoolean();
      double x = range(r, 0.3, 0.7);
      double size = k == Kind.FIGURINE ? range(r, 0.08, 0.12) : 0.1;
      int colour = k == Kind.BLOCK ? (heavy ? jitter(r, 0x8A8A8A, 10) : jitter(r, 0xB07A45, 12))
          : (heavy ? jitter(r, 0xB8BEC6, 8) : vivid(r));
      SceneObject held = new SceneObject(StateChainFamily.SUBJECT, k, x, 0.3, size, colour, "plain", heavy ? 1 : 0);
      Scene source = new Scene(background(r, WATER_TANK), List.of(held));
      double floatY = TankGeometry.SURFACE + size * 0.45;
      Scene floats = source.update(StateChainFamily.SUBJECT, o -> o.at(x, floatY));
      Scene sinks = source.update(StateChainFamily.SUBJECT, o -> o.at(x, TankGeometry.BOTTOM));
      Step st = step(heavy ? sinks : floats, heavy ? "move {a} to the bottom of the water" : "make {a} float on the water surface",
          List.of("{a} was dropped into the water", "{a} fell into the tank", "someone let go of {a} above the water"),
          Map.of("a", k.noun()), List.of(StateChainFamily.SUBJECT), false, wrongWay(heavy ? floats : sinks), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      if (extraSubjects().contains(k) || k == shapeFreeSubject()) {
        return List.of("a plastic " + k.noun() + " floats on water", "a metal " + k.noun() + " sinks in water");
      }
      return List.of("a wooden " + k.noun() + " floats on water", "a stone " + k.noun() + " sinks in water",
          "a rubber ball floats and a metal ball sinks");
    }
  }

  /** Water left out on a freezing night turns to ice. */
  static final class Freeze extends BaseFamily {
    Freeze() {
      super("freeze", Category.PHYSICAL, Kind.WATER_GLASS, Kind.POND, Kind.WATER_BUCKET);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.WATER_BOWL, Kind.WATER_JUG);
    }

    /** A clear vessel of a new shape in every sample, its water freezing as the held-out bucket's would (--random-shapes builds). */
    @Override public Kind shapeFreeSubject() {
      return Kind.WATER_VESSEL;
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.25, 0.75);
      Background bg = background(r, OUTDOOR).withTime(Background.TimeOfDay.NIGHT).withSeason(Background.Season.WINTER);
      double size = k == Kind.POND ? 0.14 : range(r, 0.13, 0.16);
      int water = jitter(r, 0x4A90D9, 10);
      Scene source = new Scene(bg, List.of(obj(StateChainFamily.SUBJECT, k, x, Layout.surface(OUTDOOR), size, water, "water")));
      source = withBystanders(r, source, 1, List.of(x), 0.22);
      Scene target = source.update(StateChainFamily.SUBJECT, o -> o.withState("ice"));
      Scene empty = source.update(StateChainFamily.SUBJECT, o -> o.withState("empty"));
      Step st = step(target, "turn the water in {a} into ice",
          List.of("{a} was left outside on a freezing night", "the temperature dropped far below zero around {a}",
              "{a} sat out in the frost all night"),
          Map.of("a", k.noun()), List.of(StateChainFamily.SUBJECT), false, wrongWay(empty), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("water freezes into ice below zero degrees", "the water in a " + k.noun() + " freezes on a frosty night");
    }
  }
}
