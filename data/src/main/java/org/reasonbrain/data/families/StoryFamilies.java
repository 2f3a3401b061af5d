package org.reasonbrain.data.families;

import static org.reasonbrain.data.world.Background.Setting.OUTDOOR;
import static org.reasonbrain.data.world.Background.Setting.ROOM;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.reasonbrain.data.world.Background;
import org.reasonbrain.data.world.Category;
import org.reasonbrain.data.world.Kind;
import org.reasonbrain.data.world.Layout;
import org.reasonbrain.data.world.Scene;
import org.reasonbrain.data.world.SceneObject;

/** Story reasoning (about 10%): what happens to characters and objects in familiar tales. */
final class StoryFamilies {
  private StoryFamilies() {}

  private static final String S = StateChainFamily.SUBJECT;

  static List<Family> all() {
    return List.of(new Knight(), new Enchantment(), new TreasureChest(), new MagicBean());
  }

  /** A knight after the battle: shiny armour becomes dented and dirty. */
  static final class Knight extends BaseFamily {
    Knight() {
      super("knight", Category.STORY, Kind.KNIGHT);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.3, 0.7);
      Scene source = new Scene(background(r, OUTDOOR), List.of(obj(S, k, x, Layout.surface(OUTDOOR), range(r, 0.36, 0.42), vivid(r), "shiny")));
      source = withBystanders(r, source, 1, List.of(x), 0.25);
      Scene target = source.update(S, o -> o.withState("battered"));
      Scene golden = source.update(S, o -> o.withState("golden"));
      Step st = step(target, "make the armour of {a} dented and dirty",
          List.of("{a} came back from a long battle", "{a} fought in the great battle all day", "the battle was over for {a}"),
          Map.of("a", k.noun()), List.of(S), false, wrongWay(golden), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("after a battle a knight's armour is dented and dirty");
    }
  }

  /** Fairy-tale magic: pumpkin -> carriage, frog -> prince, mouse -> horse. */
  static final class Enchantment extends BaseFamily {
    Enchantment() {
      super("enchantment", Category.STORY, Kind.PUMPKIN, Kind.FROG, Kind.MOUSE);
    }

    private static Kind becomes(Kind k) {
      return switch (k) {
        case PUMPKIN -> Kind.CARRIAGE;
        case FROG -> Kind.PRINCE;
        default -> Kind.HORSE;
      };
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.3, 0.7);
      double ground = Layout.surface(OUTDOOR);
      int colour = switch (k) {
        case PUMPKIN -> jitter(r, 0xF08A24, 12);
        case FROG -> jitter(r, 0x4CAF50, 15);
        default -> jitter(r, 0x9A9AA4, 10);
      };
      double size = k == Kind.MOUSE ? 0.07 : 0.12;
      Background bg = background(r, OUTDOOR).withTime(Background.TimeOfDay.NIGHT);
      Scene source = new Scene(bg, List.of(obj(S, k, x, ground, size, colour, "plain")));
      source = withBystanders(r, source, 1, List.of(x), 0.25);
      Kind to = becomes(k);
      double newSize = to == Kind.PRINCE ? 0.34 : to == Kind.HORSE ? 0.26 : 0.26;
      int newColour = to == Kind.HORSE ? 0xF4F4F4 : to == Kind.PRINCE ? jitter(r, 0xB03030, 20) : colour;
      Scene target = source.update(S, o -> new SceneObject(o.id(), to, o.x(), o.y(), newSize, newColour, "plain", 0));
      Scene wrong = source.update(S, o -> switch (k) {
        case PUMPKIN -> o.withState("rotten");
        case FROG -> o.withState("crowned");
        default -> new SceneObject(o.id(), o.kind(), o.x(), o.y(), o.size() * 2.2, o.rgb(), o.state(), 0);
      });
      List<String> clauses = k == Kind.FROG
          ? List.of("the princess kissed {a}", "{a} was kissed by a princess", "a princess gave {a} a kiss")
          : List.of("the fairy godmother waved her wand over {a}", "the clock struck midnight and magic touched {a}", "a good fairy cast her spell on {a}");
      Step st = step(target, "turn {a} into a " + to.noun(), clauses, Map.of("a", k.noun()), List.of(S), false, wrongWay(wrong), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("in the fairy tale magic turns a " + k.noun() + " into a " + becomes(k).noun());
    }
  }

  /** Turning the key of a treasure chest opens it and shows the gold. */
  static final class TreasureChest extends BaseFamily {
    TreasureChest() {
      super("treasure-chest", Category.STORY, Kind.CHEST);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.3, 0.7);
      Scene source = new Scene(background(r, ROOM), List.of(obj(S, k, x, Layout.surface(ROOM), range(r, 0.18, 0.22), jitter(r, 0x8B5A2B, 20), "closed")));
      source = withBystanders(r, source, 1, List.of(x), 0.25);
      Scene target = source.update(S, o -> o.withState("open-gold"));
      Scene empty = source.update(S, o -> o.withState("open-empty"));
      Step st = step(target, "open {a} to show the gold inside",
          List.of("the key was turned in the lock of {a}", "someone unlocked {a} and lifted its lid", "{a} was opened with its key"),
          Map.of("a", k.noun()), List.of(S), false, wrongWay(empty), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("a treasure chest is full of gold coins", "turning the key opens the chest");
    }
  }

  /** A magic bean planted overnight grows into a beanstalk up to the sky. */
  static final class MagicBean extends BaseFamily {
    MagicBean() {
      super("magic-bean", Category.STORY, Kind.BEAN);
    }

    @Override Episode build(Random r, Kind k, int steps) {
      double x = range(r, 0.3, 0.7);
      Scene source = new Scene(background(r, OUTDOOR), List.of(obj(S, k, x, Layout.surface(OUTDOOR), 0.14, jitter(r, 0x9C5FB5, 20), "planted")));
      source = withBystanders(r, source, 1, List.of(x), 0.25);
      Scene target = source.update(S, o -> o.withState("beanstalk"));
      Scene sprout = source.update(S, o -> o.withState("sprout"));
      Step st = step(target, "grow a giant beanstalk from {a} up into the sky",
          List.of("{a} was planted and left overnight", "a night passed after {a} went into the ground", "{a} was watered at bedtime"),
          Map.of("a", k.noun()), List.of(S), false, wrongWay(sprout), none(source));
      return new Episode(this, k, source, List.of(st));
    }

    @Override public List<String> facts(Kind k) {
      return List.of("in the story a magic bean grows into a giant beanstalk overnight");
    }
  }
}
