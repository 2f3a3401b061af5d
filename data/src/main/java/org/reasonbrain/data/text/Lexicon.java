package org.reasonbrain.data.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synonyms for every object the instructions name. The first synonym is the canonical noun; when
 * there are three or more, the last is held out of training (it appears only in test-phrasing).
 */
public final class Lexicon {
  private static final Map<String, List<String>> SYNONYMS = new LinkedHashMap<>();

  static {
    put("ice cube", "block of ice", "frozen cube", "cube of ice");
    put("ice cream", "ice cream cone", "scoop of ice cream", "gelato cone");
    put("butter", "stick of butter", "butter block", "slab of butter");
    put("snowman", "snow figure", "man made of snow");
    put("elephant", "big elephant", "grey elephant", "pachyderm");
    put("mouse", "little mouse", "tiny mouse", "small rodent");
    put("brick", "heavy brick", "clay brick", "building brick");
    put("feather", "light feather", "bird feather", "plume");
    put("hippo", "hippopotamus", "river horse");
    put("cat", "little cat", "kitty", "house cat");
    put("bowling ball", "heavy bowling ball", "ten-pin ball");
    put("tennis ball", "fuzzy tennis ball", "light tennis ball");
    put("egg", "hen's egg", "raw egg", "fresh egg");
    put("vase", "flower vase", "ceramic vase", "china vase");
    put("cup", "mug", "coffee cup", "teacup");
    put("plate", "dinner plate", "china plate");
    put("candle", "wax candle", "lit candle", "taper");
    put("ball", "round ball", "rubber ball", "sphere");
    put("barrel", "wooden barrel", "cask", "keg");
    put("wheel", "old wheel", "cart wheel");
    put("tap", "faucet", "water tap", "spigot");
    put("balloon", "party balloon", "helium balloon", "toy balloon");
    put("magnet", "horseshoe magnet", "red magnet", "U-shaped magnet");
    put("paper clips", "metal clips", "clips", "steel paper clips");
    put("nails", "iron nails", "metal nails", "steel nails");
    put("screws", "metal screws", "steel screws");
    put("block", "cube", "chunk", "solid block");
    put("glass of water", "water glass", "full glass", "tumbler of water");
    put("pond", "small pond", "garden pond", "pool of water");
    put("bucket of water", "water bucket", "pail of water");
    put("tree", "young tree", "little tree", "sapling tree");
    put("sunflower", "sunflower plant", "tall sunflower", "helianthus");
    put("cactus", "cactus plant", "desert cactus");
    put("house", "little house", "cottage", "home");
    put("banana", "yellow fruit", "plantain", "banana fruit");
    put("tomato", "tomato fruit", "garden tomato", "ripening tomato");
    put("apple", "apple fruit", "orchard apple");
    put("fence", "picket fence", "wooden fence", "garden fence");
    put("door", "front door", "wooden door", "entrance door");
    put("car", "automobile", "parked car", "old car");
    put("bread", "slice of bread", "bread slice", "piece of bread");
    put("waffle", "frozen waffle", "breakfast waffle");
    put("rose", "rose plant", "red rose", "rosebush");
    put("tulip", "tulip plant", "tulip stem", "garden tulip");
    put("daisy", "daisy plant", "white daisy");
    put("dominoes", "row of dominoes", "domino tiles", "standing dominoes");
    put("flag", "banner", "flag on the pole", "pennant");
    put("fan", "electric fan", "desk fan", "blower");
    put("switch", "light switch", "power switch", "toggle switch");
    put("soccer ball", "football", "ball", "kickball");
    put("paper", "sheet of paper", "piece of paper", "page");
    put("pile of leaves", "leaf pile", "heap of dry leaves", "mound of leaves");
    put("log", "wooden log", "piece of firewood");
    put("knight", "armoured knight", "brave knight", "warrior in armour");
    put("pumpkin", "big pumpkin", "orange pumpkin", "gourd");
    put("frog", "green frog", "little frog", "toad");
    put("treasure chest", "chest", "locked chest", "treasure box");
    put("magic bean", "bean", "enchanted bean", "strange bean");
    // extra seen subjects (Family#extraSubjects)
    put("ice slab", "slab of ice", "large ice block", "frozen slab");
    put("chocolate bar", "bar of chocolate", "chocolate", "candy bar");
    put("jar", "glass jar", "empty jar", "mason jar");
    put("pitcher", "water pitcher", "large pitcher", "ewer");
    put("bowl", "round bowl", "soup bowl", "basin");
    put("cooking pot", "pot", "saucepan", "stockpot");
    put("bottle", "glass bottle", "wine bottle", "flask");
    put("cardboard box", "carton", "paper box", "card box");
    put("bale of straw", "straw bale", "haystack", "bundle of hay");
    put("poppy", "red poppy", "poppy plant", "field poppy");
    put("lily", "lily plant", "garden lily", "lilium");
    put("pear", "pear fruit", "orchard pear", "ripening pear");
    put("mango", "mango fruit", "tropical mango", "ripening mango");
    put("bowl of water", "water bowl", "dish of water", "basin of water");
    put("jug of water", "water jug", "full jug", "carafe of water");
    // subjects no family's instruction names, only the take-away rule (TakeAway); every synonym keeps the noun's
    // head word, so the hybrid scorer's reading of every other build stays as it was
    put("glass", "drinking glass", "empty glass", "clear glass");
    put("bucket", "metal bucket", "empty bucket", "tin bucket");
    put("lamp", "table lamp", "desk lamp", "reading lamp");
    // shape-free subjects (Family#shapeFreeSubject)
    put("wax figure", "wax sculpture", "wax model", "lump of wax");
    put("trinket", "ornament", "knick-knack", "keepsake");
    put("wooden carving", "wood carving", "carved piece of wood", "whittled carving");
    put("topiary", "clipped shrub", "topiary bush", "sculpted hedge");
    put("vessel of water", "water vessel", "vessel full of water", "container of water");
    put("figurine", "statuette", "little figure", "small figurine");
  }

  private Lexicon() {}

  private static void put(String... words) {
    SYNONYMS.put(words[0], List.of(words));
  }

  /** All synonyms of {@code key} (canonical first); fails with the key's name if it is unknown. */
  public static List<String> synonyms(String key) {
    List<String> s = SYNONYMS.get(key);
    if (s == null) {
      throw new IllegalArgumentException("no synonyms for '" + key + "'");
    }
    return s;
  }

  /** Synonyms allowed in training: all but the held-out last one when there are three or more. */
  public static List<String> seen(String key) {
    List<String> s = synonyms(key);
    return s.size() >= 3 ? s.subList(0, s.size() - 1) : s;
  }

  /** The held-out synonym of {@code key}, or null. */
  public static String heldOut(String key) {
    List<String> s = synonyms(key);
    return s.size() >= 3 ? s.get(s.size() - 1) : null;
  }

  /**
   * {@code sentence} with every mention of {@code key}'s object (any synonym, with its article) replaced by "the
   * object" ("an object" after "a"/"an"), so the sentence no longer says which kind of object it is about; the
   * sentence unchanged when it names the object by none of them (or {@code key} has no synonyms).
   */
  public static String generic(String sentence, String key) {
    List<String> s = SYNONYMS.get(key);
    if (s == null) {
      return sentence;
    }
    List<String> bySize = new java.util.ArrayList<>(s);
    bySize.sort(java.util.Comparator.comparingInt(String::length).reversed());
    String out = sentence;
    for (String w : bySize) {
      String q = java.util.regex.Pattern.quote(w);
      out = out.replaceAll("(?i)\\b(a|an) " + q + "\\b", "an object");
      out = out.replaceAll("(?i)\\b" + q + "\\b", "object");
    }
    return out;
  }

  /** Every key, in declaration order. */
  public static List<String> keys() {
    return List.copyOf(SYNONYMS.keySet());
  }

  /** The key whose synonyms include {@code phrase} (case-insensitive), or null. */
  public static String keyOf(String phrase) {
    String p = phrase.toLowerCase().trim();
    for (var e : SYNONYMS.entrySet()) {
      for (String s : e.getValue()) {
        if (s.equalsIgnoreCase(p)) {
          return e.getKey();
        }
      }
    }
    return null;
  }
}
