package org.reasonbrain.data.text;

import java.util.List;

/**
 * Hypothetical frames; {E} is the event clause. The last {@value #HELD_OUT} frames are held out of
 * training and appear only in test-phrasing.
 */
public final class Templates {
  public static final int HELD_OUT = 3;

  private static final List<String> FRAMES = List.of(
      "What would happen if {E}?",
      "What if {E}?",
      "Imagine {E}. What would it look like?",
      "Suppose {E}. Show the result.",
      "How would this scene look if {E}?",
      "Show what would happen if {E}.",
      "If {E}, what would we see?",
      "Picture the scene if {E}.",
      "What would this look like if {E}?",
      // held out
      "Consider what happens if {E}.",
      "Let's say {E}; how does the picture change?",
      "Predict the outcome if {E}.");

  private Templates() {}

  public static List<String> all() {
    return FRAMES;
  }

  public static List<String> seen() {
    return FRAMES.subList(0, FRAMES.size() - HELD_OUT);
  }

  public static List<String> heldOut() {
    return FRAMES.subList(FRAMES.size() - HELD_OUT, FRAMES.size());
  }
}
