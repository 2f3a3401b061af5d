package org.reasonbrain.data.families;

import org.reasonbrain.data.world.Scene;

/** A wrong outcome: what a model that did not reason would produce, and why it is wrong. */
public record Distractor(String reason, Scene scene) {
  public static final String NO_CHANGE = "no-change";
  public static final String WRONG_WAY = "wrong-way";
  public static final String WRONG_OBJECT = "wrong-object";
  public static final String WRONG_STAGE = "wrong-stage";
}
