package org.reasonbrain.data.world;

/** Every kind of object ReasonWorld can draw, with its canonical noun and its painter. */
public enum Kind {
  // melting and freezing
  ICE_CUBE("ice cube", PhysicalPainters::iceCube),
  ICE_CREAM("ice cream", PhysicalPainters::iceCream),
  BUTTER("butter", PhysicalPainters::butter),
  SNOWMAN("snowman", PhysicalPainters::snowman),
  WATER_GLASS("glass of water", PhysicalPainters::waterGlass),
  POND("pond", PhysicalPainters::pond),
  WATER_BUCKET("bucket of water", PhysicalPainters::waterBucket),
  // weights
  SEESAW("seesaw", PhysicalPainters::seesaw),
  ELEPHANT("elephant", PhysicalPainters::elephant),
  MOUSE("mouse", PhysicalPainters::mouse),
  BRICK("brick", PhysicalPainters::brick),
  FEATHER("feather", PhysicalPainters::feather),
  HIPPO("hippo", PhysicalPainters::hippo),
  CAT("cat", PhysicalPainters::cat),
  BOWLING_BALL("bowling ball", PhysicalPainters::bowlingBall),
  TENNIS_BALL("tennis ball", PhysicalPainters::tennisBall),
  // falling and breaking
  SHELF("shelf", PhysicalPainters::shelf),
  EGG("egg", PhysicalPainters::egg),
  VASE("vase", PhysicalPainters::vase),
  CUP("cup", PhysicalPainters::cup),
  PLATE("plate", PhysicalPainters::plate),
  // burning down
  CANDLE("candle", PhysicalPainters::candle),
  // rolling
  RAMP("slope", PhysicalPainters::ramp),
  BALL("ball", PhysicalPainters::ball),
  BARREL("barrel", PhysicalPainters::barrel),
  WHEEL("wheel", PhysicalPainters::wheel),
  // filling
  TAP("tap", PhysicalPainters::tap),
  GLASS("glass", PhysicalPainters::glass),
  BUCKET("bucket", PhysicalPainters::bucket),
  // floating away
  BALLOON("balloon", PhysicalPainters::balloon),
  // magnetism
  MAGNET("magnet", PhysicalPainters::magnet),
  PAPER_CLIP("paper clip", PhysicalPainters::paperClip),
  NAIL("nail", PhysicalPainters::nail),
  SCREW("screw", PhysicalPainters::screw),
  ERASER("eraser", PhysicalPainters::eraser),
  // sinking and floating
  BLOCK("block", PhysicalPainters::block),
  // growth and seasons
  TREE("tree", TemporalPainters::tree),
  SUNFLOWER("sunflower", TemporalPainters::sunflower),
  CACTUS("cactus", TemporalPainters::cactus),
  HOUSE("house", TemporalPainters::house),
  // ripening
  BANANA("banana", TemporalPainters::banana),
  TOMATO("tomato", TemporalPainters::tomato),
  APPLE("apple", TemporalPainters::apple),
  // fading
  FENCE("fence", TemporalPainters::fence),
  DOOR("door", TemporalPainters::door),
  CAR("car", TemporalPainters::car),
  // toasting
  TOASTER("toaster", TemporalPainters::toaster),
  BREAD("bread", TemporalPainters::bread),
  WAFFLE("waffle", TemporalPainters::waffle),
  // blooming
  ROSE("rose", TemporalPainters::rose),
  TULIP("tulip", TemporalPainters::tulip),
  DAISY("daisy", TemporalPainters::daisy),
  // causal
  DOMINO("domino", CausalPainters::domino),
  HAND("hand", CausalPainters::hand),
  FLAG("flag", CausalPainters::flag),
  FAN("fan", CausalPainters::fan),
  LAMP("lamp", CausalPainters::lamp),
  SWITCH("switch", CausalPainters::lightSwitch),
  WIRE("wire", CausalPainters::wire),
  SOCCER_BALL("soccer ball", CausalPainters::soccerBall),
  MATCH("match", CausalPainters::match),
  PAPER("paper", CausalPainters::paper),
  LEAF_PILE("pile of leaves", CausalPainters::leafPile),
  LOG("log", CausalPainters::log),
  // story
  KNIGHT("knight", StoryPainters::knight),
  PUMPKIN("pumpkin", StoryPainters::pumpkin),
  CARRIAGE("carriage", StoryPainters::carriage),
  FROG("frog", StoryPainters::frog),
  PRINCE("prince", StoryPainters::prince),
  HORSE("horse", StoryPainters::horse),
  CHEST("treasure chest", StoryPainters::chest),
  BEAN("magic bean", StoryPainters::bean),
  // bystanders that no intervention concerns
  ROCK("rock", BystanderPainters::rock),
  BOOK("book", BystanderPainters::book),
  POT_PLANT("potted plant", BystanderPainters::potPlant),
  TOY_BLOCK("toy block", BystanderPainters::toyBlock),
  // extra seen subjects, drawn only by a build with --extra-subjects (Family#extraSubjects)
  ICE_BLOCK("ice slab", PhysicalPainters::iceCube),
  CHOCOLATE("chocolate bar", PhysicalPainters::chocolate),
  JAR("jar", PhysicalPainters::jar),
  PITCHER("pitcher", PhysicalPainters::pitcher),
  BOWL("bowl", PhysicalPainters::bowl),
  POT("cooking pot", PhysicalPainters::pot),
  BOTTLE("bottle", PhysicalPainters::bottle),
  CARDBOARD_BOX("cardboard box", CausalPainters::cardboardBox),
  STRAW_BALE("bale of straw", CausalPainters::strawBale),
  POPPY("poppy", TemporalPainters::poppy),
  LILY("lily", TemporalPainters::lily),
  PEAR("pear", TemporalPainters::pear),
  MANGO("mango", TemporalPainters::mango),
  WATER_BOWL("bowl of water", PhysicalPainters::waterBowl),
  WATER_JUG("jug of water", PhysicalPainters::waterJug),
  // shape-free subjects, drawn only by a build with --random-shapes (Family#shapeFreeSubject): every one a new
  // silhouette and colour (ShapeFreePainters#randomShape), so the rule is seen on objects no two alike
  WAX_FIGURE("wax figure", ShapeFreePainters::waxFigure),
  TRINKET("trinket", ShapeFreePainters::trinket),
  WOODEN_CARVING("wooden carving", ShapeFreePainters::woodenCarving),
  TOPIARY("topiary", ShapeFreePainters::topiary),
  WATER_VESSEL("vessel of water", ShapeFreePainters::waterVessel),
  FIGURINE("figurine", ShapeFreePainters::figurine);

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
