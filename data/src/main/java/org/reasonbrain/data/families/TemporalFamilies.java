package org.reasonbrain.data.families;

import static org.reasonbrain.data.world.Background.Setting.OUTDOOR;
import static org.reasonbrain.data.world.Background.Setting.TABLE;

import java.util.List;
import java.util.Random;
import org.reasonbrain.data.world.Background;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Layout;
import org.reasonbrain.data.world.Scene;

/** Temporal reasoning (about 30%): growth, time of day, ripening, seasons, fading, toasting, blooming. */
final class TemporalFamilies {
  private TemporalFamilies() {}

  static List<Family> all() {
    return List.of(new Grow(), new TimeOfDay(), new Ripen(), new Seasons(), new Fade(), new Toast(), new Bloom());
  }

  private static Scene plantScene(Random r, Kind k, String state, double size, int colour) {
    double x = range(r, 0.3, 0.7);
    Scene s = new Scene(BaseFamily.background(r, OUTDOOR),
        List.of(BaseFamily.obj(StateChainFamily.SUBJECT, k, x, Layout.surface(OUTDOOR), size, colour, state)));
    return BaseFamily.withBystanders(r, s, 1, List.of(x), 0.25);
  }

  private static double range(Random r, double lo, double hi) {
    return BaseFamily.range(r, lo, hi);
  }

  /** A plant after years: sapling -> young -> grown -> old. */
  static final class Grow extends StateChainFamily {
    Grow() {
      super("grow", Category.TEMPORAL, Kind.TREE, Kind.SUNFLOWER, Kind.CACTUS);
    }

    @Override List<String> states(Kind k) {
      return List.of("sapling", "young", "grown", "old");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      int colour = switch (k) {
        case SUNFLOWER -> jitter(r, 0xF5C518, 12);
        case CACTUS -> jitter(r, 0x4E9A4A, 12);
        default -> jitter(r, 0x3E9B3A, 15);
      };
      return plantScene(r, k, state, range(r, 0.5, 0.58), colour);
    }

    @Override List<String> clauses(Kind k, String to) {
      return List.of("ten years passed for {a}", "{a} was left to grow for many years", "a decade went by and {a} kept growing");
    }

    @Override String initial(Kind k, String to) {
      return switch (to) {
        case "young" -> "make {a} grow into a young plant";
        case "grown" -> "make {a} fully grown";
        default -> "make {a} old and even bigger";
      };
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a small " + k.noun() + " grows taller over the years", "plants grow bigger as time passes, never smaller");
    }
  }

  /** The sky over a house as hours pass: day -> sunset -> night (windows lit) -> dawn. */
  static final class TimeOfDay extends StateChainFamily {
    TimeOfDay() {
      super("time-of-day", Category.TEMPORAL, Kind.HOUSE);
    }

    @Override List<String> states(Kind k) {
      return List.of("DAY", "SUNSET", "NIGHT", "DAWN");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      double x = range(r, 0.3, 0.7);
      Scene s = new Scene(background(r, OUTDOOR), List.of(obj(SUBJECT, k, x, Layout.surface(OUTDOOR), range(r, 0.26, 0.32), vivid(r), "plain")));
      s = withBystanders(r, s, 1, List.of(x), 0.3);
      return apply(s, k, state);
    }

    @Override Scene apply(Scene s, Kind k, String state) {
      Background.TimeOfDay t = Background.TimeOfDay.valueOf(state);
      Scene out = s.withBackground(s.background().withTime(t));
      return out.update(SUBJECT, o -> o.withState(t == Background.TimeOfDay.NIGHT ? "lit" : "plain"));
    }

    @Override boolean changesBackground() {
      return true;
    }

    @Override List<String> clauses(Kind k, String to) {
      return switch (to) {
        case "SUNSET" -> List.of("a few hours passed over {a}", "the afternoon turned into evening around {a}", "time went on until the sun went down behind {a}");
        case "NIGHT" -> List.of("more hours passed and darkness fell on {a}", "the evening sky over {a} grew completely dark", "night came to {a}");
        default -> List.of("the night over {a} went by until the first light", "the hours passed until morning came to {a}");
      };
    }

    @Override String initial(Kind k, String to) {
      return switch (to) {
        case "SUNSET" -> "make the sky behind {a} a sunset with the sun low";
        case "NIGHT" -> "make it night with a moon and the windows of {a} lit";
        default -> "make it dawn behind {a}";
      };
    }

    @Override public List<String> facts(Kind k) {
      return List.of("the afternoon is followed by sunset", "after sunset comes the night and people turn on the lights",
          "after the night comes the dawn");
    }
  }

  /** Fruit left for days: green -> ripe -> overripe -> rotten. */
  static final class Ripen extends StateChainFamily {
    Ripen() {
      super("ripen", Category.TEMPORAL, Kind.BANANA, Kind.TOMATO, Kind.APPLE);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.PEAR, Kind.MANGO);
    }

    @Override List<String> states(Kind k) {
      return switch (k) {
        case BANANA, PEAR -> List.of("green", "yellow", "spotted", "brown");
        case TOMATO, MANGO -> List.of("green", "orange", "red", "rotten");
        default -> List.of("green", "red", "bruised", "rotten");
      };
    }

    @Override Scene scene(Random r, Kind k, String state) {
      double x = range(r, 0.25, 0.75);
      double size = k == Kind.BANANA ? range(r, 0.13, 0.16) : range(r, 0.1, 0.13);
      Scene s = new Scene(background(r, TABLE), List.of(obj(SUBJECT, k, x, Layout.surface(TABLE), size, 0, state)));
      return withBystanders(r, s, 1 + r.nextInt(2), List.of(x), 0.2);
    }

    @Override List<String> clauses(Kind k, String to) {
      return List.of("{a} was left on the counter for a week", "a week went by for {a}", "{a} sat in the kitchen for days");
    }

    @Override String initial(Kind k, String to) {
      return "make {a} " + to;
    }

    @Override public List<String> facts(Kind k) {
      List<String> st = states(k);
      return List.of("a " + st.get(0) + " " + k.noun() + " turns " + st.get(1) + " as it ripens",
          "a " + st.get(1) + " " + k.noun() + " becomes " + st.get(2) + " after some days",
          "an old " + k.noun() + " ends up " + st.get(3));
    }
  }

  /** A tree through the seasons: summer -> autumn -> winter -> spring; the ground changes with it. */
  static final class Seasons extends StateChainFamily {
    Seasons() {
      super("seasons", Category.TEMPORAL, Kind.TREE);
    }

    @Override List<String> states(Kind k) {
      return List.of("summer", "autumn", "winter", "spring");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      Scene s = plantScene(r, k, "summer", range(r, 0.5, 0.58), jitter(r, 0x3E9B3A, 15));
      return apply(s, k, state);
    }

    @Override Scene apply(Scene s, Kind k, String state) {
      Background.Season season = Background.Season.valueOf(state.toUpperCase());
      return s.withBackground(s.background().withSeason(season)).update(SUBJECT, o -> o.withState(state));
    }

    @Override boolean changesBackground() {
      return true;
    }

    @Override List<String> clauses(Kind k, String to) {
      return List.of("a few months went by for {a}", "the season changed around {a}", "{a} went through the next season");
    }

    @Override String initial(Kind k, String to) {
      return "show {a} in " + to;
    }

    @Override public List<String> facts(Kind k) {
      return List.of("summer is followed by autumn, when leaves turn orange and fall",
          "in winter a tree is bare and snow covers the ground", "in spring a tree blossoms again");
    }
  }

  /** Paint left in the weather for decades fades and cracks. */
  static final class Fade extends BaseFamily {
    Fade() {
      super("fade", Category.TEMPORAL, Kind.FENCE, Kind.DOOR, Kind.CAR);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.3, 0.7);
      double size = k == Kind.CAR ? 0.12 : k == Kind.DOOR ? 0.3 : 0.16;
      int colour = vivid(r);
      Scene source = new Scene(background(r, OUTDOOR), List.of(obj(StateChainFamily.SUBJECT, k, x, Layout.surface(OUTDOOR), size, colour, "fresh")));
      source = withBystanders(r, source, 1, List.of(x), 0.3);
      Scene target = source.update(StateChainFamily.SUBJECT, o -> o.withState("faded"));
      int other = (colour & 0xFF0000) == 0 ? 0xD64541 : 0x3A7BD5;
      Scene repainted = source.update(StateChainFamily.SUBJECT, o -> o.withColor(other));
      Step st = step(target, "make the paint on {a} faded and cracked",
          List.of("{a} was left out in the weather for decades", "decades of sun and rain hit {a}", "{a} was not repainted for thirty years"),
          java.util.Map.of("a", k.noun()), List.of(StateChainFamily.SUBJECT), false, wrongWay(repainted), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("paint on a " + k.noun() + " fades and cracks after decades outdoors", "sunlight bleaches bright colours over time");
    }
  }

  /** Bread or waffle in a toaster: raw -> toasted -> burnt. */
  static final class Toast extends StateChainFamily {
    Toast() {
      super("toast", Category.TEMPORAL, Kind.BREAD, Kind.WAFFLE);
    }

    @Override List<String> states(Kind k) {
      return List.of("raw", "toasted", "burnt");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      double x = range(r, 0.3, 0.7);
      double surface = Layout.surface(TABLE);
      double ts = 0.16;
      Scene s = new Scene(background(r, TABLE), List.of(
          obj(SUBJECT, k, x, surface - ts * 0.5, 0.14, k == Kind.BREAD ? jitter(r, 0xF1DDB0, 8) : jitter(r, 0xE8C47A, 8), state),
          obj("toaster", Kind.TOASTER, x, surface, ts, jitter(r, 0xB8BEC6, 15), "plain")));
      return withBystanders(r, s, 1, List.of(x), 0.25);
    }

    @Override List<String> clauses(Kind k, String to) {
      return to.equals("toasted")
          ? List.of("{a} was left in the toaster for a few minutes", "the toaster was switched on with {a} inside", "{a} stayed in the hot toaster a while")
          : List.of("{a} was left in the toaster far too long", "nobody took {a} out of the toaster for ages");
    }

    @Override String initial(Kind k, String to) {
      return to.equals("toasted") ? "make {a} golden brown and toasted" : "make {a} burnt black and smoking";
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a toaster turns " + k.noun() + " golden brown", k.noun() + " left too long in a toaster burns black");
    }
  }

  /** A flower over weeks: sprout -> bud -> bloom -> wilted. */
  static final class Bloom extends StateChainFamily {
    Bloom() {
      super("bloom", Category.TEMPORAL, Kind.ROSE, Kind.TULIP, Kind.DAISY);
    }

    @Override public List<Kind> extraSubjects() {
      return List.of(Kind.POPPY, Kind.LILY);
    }

    @Override List<String> states(Kind k) {
      return List.of("sprout", "bud", "bloom", "wilted");
    }

    @Override Scene scene(Random r, Kind k, String state) {
      int colour = switch (k) {
        case DAISY -> jitter(r, 0xF8F8F8, 5);
        case TULIP -> jitter(r, pick(r, List.of(0xE23C5A, 0xF2A33A, 0xB05AC8)), 12);
        case POPPY -> jitter(r, 0xE8502A, 12);
        case LILY -> jitter(r, pick(r, List.of(0xF4A6C8, 0xF7A24A)), 12);
        default -> jitter(r, 0xD0283E, 15);
      };
      return plantScene(r, k, state, range(r, 0.24, 0.3), colour);
    }

    @Override List<String> clauses(Kind k, String to) {
      return List.of("a few weeks passed for {a}", "{a} was watered and left in the sun for weeks", "{a} was given a few more weeks to grow");
    }

    @Override String initial(Kind k, String to) {
      return switch (to) {
        case "bud" -> "give {a} a closed bud";
        case "bloom" -> "make {a} open into a full bloom";
        default -> "make {a} wilt and droop";
      };
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a " + k.noun() + " sprout grows a bud, the bud opens into a flower",
          "a flower in bloom wilts and droops after some weeks");
    }
  }
}
