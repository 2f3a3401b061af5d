package org.reasonbrain.data.text;

import java.util.List;
import java.util.Random;

/**
 * A small grammar of requests that ask for nothing: "What if nothing happened at all?". The truth of such a request
 * is the source picture. Held-out phrasings never appear in train, val or test-counterfactual; the phrasings
 * {@code eval --controls} uses ("Leave everything exactly as it is.", "Show the scene.") are in neither list, so the
 * controls stay a test of what the model learnt, not of a phrasing it saw.
 */
public final class NullRequests {
  private static final List<String> FRAMES = List.of(
      "What would happen if {E}?", "What if {E}?", "Imagine that {E}.", "Suppose {E}.",
      "What would the scene look like if {E}?", "Picture the scene if {E}.");
  private static final List<String> EVENTS = List.of(
      "nothing happened at all", "nothing changed", "nobody touched anything", "everything stayed as it is",
      "no time passed", "we just left it alone", "nothing was done to it", "the moment froze just as it is");
  private static final List<String> HELD_OUT = List.of(
      "How would it look if nothing at all happened?", "Keep the picture exactly as it is.",
      "What if we changed nothing?", "Suppose the scene stayed untouched.");

  private NullRequests() {}

  /** One request for no change, from the seen grammar or (with {@link Phrasing#HELD_OUT}) the held-out list. */
  public static String draw(Phrasing phrasing, Random r) {
    if (phrasing == Phrasing.HELD_OUT) {
      return HELD_OUT.get(r.nextInt(HELD_OUT.size()));
    }
    String frame = FRAMES.get(r.nextInt(FRAMES.size()));
    return frame.replace("{E}", EVENTS.get(r.nextInt(EVENTS.size())));
  }

  /** Every seen phrasing (frames x events), for tests and for external programs' task lists. */
  public static List<String> seen() {
    return FRAMES.stream().flatMap(f -> EVENTS.stream().map(e -> f.replace("{E}", e))).toList();
  }

  /** The held-out phrasings. */
  public static List<String> heldOut() {
    return HELD_OUT;
  }
}
