package org.reasonbrain.data.world;

/** Every kind of object ReasonWorld can draw, with its canonical noun and its painter. */
public enum Kind {
  // melting and freezing
  ICE_CUBE("ice cube", Painters::iceCube),
  ICE_CREAM("ice cream", Painters::iceCream),
  BUTTER("butter", Painters::butter),
  SNOWMAN("snowman", Painters::snowman),
  WATER_GLASS("glass of water", Painters::waterGlass),
  POND("pond", Painters::pond),
  WATER_BUCKET("bucket of water", Painters::waterBucket),
  // weights
  SEESAW("seesaw", Painters::seesaw),
  ELEPHANT("elephant", Painters::elephant),
  MOUSE("mouse", Painters::mouse),
  BRICK("brick", Painters::brick),
  FEATHER("feather", Painters::feather),
  HIPPO("hippo", Painters::hippo),
  CAT("cat", Painters::cat),
  BOWLING_BALL("bowling ball", Painters::bowlingBall),
  TENNIS_BALL("tennis ball", Painters::tennisBall),
  // falling and breaking
  SHELF("shelf", Painters::shelf),
  EGG("egg", Painters::egg),
  VASE("vase", Painters::vase),
  CUP("cup", Painters::cup),
  PLATE("plate", Painters::plate),
  // burning down
  CANDLE("candle", Painters::candle),
  // rolling
  RAMP("slope", Painters::ramp),
  BALL("ball", Painters::ball),
  BARREL("barrel", Painters::barrel),
  WHEEL("wheel", Painters::wheel),
  // filling
  TAP("tap", Painters::tap),
  GLASS("glass", Painters::glass),
  BUCKET("bucket", Painters::bucket),
  // floating away
  BALLOON("balloon", Painters::balloon),
  // magnetism
  MAGNET("magnet", Painters::magnet),
  PAPER_CLIP("paper clip", Painters::paperClip),
  NAIL("nail", Painters::nail),
  SCREW("screw", Painters::screw),
  ERASER("eraser", Painters::eraser),
  // sinking and floating
  BLOCK("block", Painters::block),
  // growth and seasons
  TREE("tree", Painters::tree),
  SUNFLOWER("sunflower", Painters::sunflower),
  CACTUS("cactus", Painters::cactus),
  HOUSE("house", Painters::house),
  // ripening
  BANANA("banana", Painters::banana),
  TOMATO("tomato", Painters::tomato),
  APPLE("apple", Painters::apple),
  // fading
  FENCE("fence", Painters::fence),
  DOOR("door", Painters::door),
  CAR("car", Painters::car),
  // toasting
  TOASTER("toaster", Painters::toaster),
  BREAD("bread", Painters::bread),
  WAFFLE("waffle", Painters::waffle),
  // blooming
  ROSE("rose", Painters::rose),
  TULIP("tulip", Painters::tulip),
  DAISY("daisy", Painters::daisy),
  // causal
  DOMINO("domino", Painters::domino),
  HAND("hand", Painters::hand),
  FLAG("flag", Painters::flag),
  FAN("fan", Painters::fan),
  LAMP("lamp", Painters::lamp),
  SWITCH("switch", Painters::lightSwitch),
  WIRE("wire", Painters::wire),
  SOCCER_BALL("soccer ball", Painters::soccerBall),
  MATCH("match", Painters::match),
  PAPER("paper", Painters::paper),
  LEAF_PILE("pile of leaves", Painters::leafPile),
  LOG("log", Painters::log),
  // story
  KNIGHT("knight", Painters::knight),
  PUMPKIN("pumpkin", Painters::pumpkin),
  CARRIAGE("carriage", Painters::carriage),
  FROG("frog", Painters::frog),
  PRINCE("prince", Painters::prince),
  HORSE("horse", Painters::horse),
  CHEST("treasure chest", Painters::chest),
  BEAN("magic bean", Painters::bean),
  // bystanders that no intervention concerns
  ROCK("rock", Painters::rock),
  BOOK("book", Painters::book),
  POT_PLANT("potted plant", Painters::potPlant),
  TOY_BLOCK("toy block", Painters::toyBlock),
  // extra seen subjects, drawn only by a build with --extra-subjects (Family#extraSubjects)
  ICE_BLOCK("ice slab", Painters::iceCube),
  CHOCOLATE("chocolate bar", Painters::chocolate),
  JAR("jar", Painters::jar),
  PITCHER("pitcher", Painters::pitcher),
  BOWL("bowl", Painters::bowl),
  POT("cooking pot", Painters::pot),
  BOTTLE("bottle", Painters::bottle),
  CARDBOARD_BOX("cardboard box", Painters::cardboardBox),
  STRAW_BALE("bale of straw", Painters::strawBale),
  POPPY("poppy", Painters::poppy),
  LILY("lily", Painters::lily),
  PEAR("pear", Painters::pear),
  MANGO("mango", Painters::mango),
  WATER_BOWL("bowl of water", Painters::waterBowl),
  WATER_JUG("jug of water", Painters::waterJug),
  // shape-free subjects, drawn only by a build with --random-shapes (Family#shapeFreeSubject): every one a new
  // silhouette and colour (Painters#randomShape), so the rule is seen on objects no two alike
  WAX_FIGURE("wax figure", Painters::waxFigure),
  TRINKET("trinket", Painters::trinket),
  WOODEN_CARVING("wooden carving", Painters::woodenCarving),
  TOPIARY("topiary", Painters::topiary),
  WATER_VESSEL("vessel of water", Painters::waterVessel),
  FIGURINE("figurine", Painters::figurine);

  /** Draws one object in scene units. */
  @FunctionalInterface
  public interface Painter {
    void paint(Pen pen, SceneObject o);
  }

  private final String noun;
  private final Painter painter;

  Kind(String noun, Painter painter) {
    this.noun = noun;
    this.painter = painter;
  }

  /** The canonical English noun phrase ("ice cube"). */
  public String noun() {
    return noun;
  }

  public Painter painter() {
    return painter;
  }

  /**
   * For a container the tap family fills: the height of its opening above its base, as a share of its size
   * (where the tap's stream ends); 1 for anything else.
   */
  public double containerTop() {
    return switch (this) {
      case BUCKET, PITCHER -> 0.8;
      case JAR -> 0.9;
      case BOWL -> 0.5;
      case POT -> 0.7;
      default -> 1.0;
    };
  }
}
