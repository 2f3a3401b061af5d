package org.reasonbrain.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The default rewriter: picks an event clause, fills its slots with synonyms and wraps it in a
 * hypothetical frame. With {@link Phrasing#SEEN} only training templates and synonyms are used;
 * with {@link Phrasing#HELD_OUT} at least one held-out template or synonym is used.
 */
public final class GrammarRewriter implements HypotheticalRewriter {

  @Override
  public String rewrite(Request req, Random rng) {
    String clause = req.eventClauses().get(rng.nextInt(req.eventClauses().size()));
    Map<String, String> slots = new TreeMap<>(req.slots());
    boolean heldOut = req.phrasing() == Phrasing.HELD_OUT;
    // Decide where the held-out material goes: the frame, a synonym, or both.
    List<String> slotsWithHeldOut = new ArrayList<>();
    for (var e : slots.entrySet()) {
      if (clause.contains("{" + e.getKey() + "}") && Lexicon.heldOut(e.getValue()) != null) {
        slotsWithHeldOut.add(e.getKey());
      }
    }
    boolean heldOutFrame = heldOut && (slotsWithHeldOut.isEmpty() || rng.nextBoolean());
    String heldOutSlot = heldOut && !heldOutFrame ? slotsWithHeldOut.get(rng.nextInt(slotsWithHeldOut.size())) : null;
    for (var e : slots.entrySet()) {
      String noun;
      if (e.getKey().equals(heldOutSlot)) {
        noun = Lexicon.heldOut(e.getValue());
      } else if (heldOut) {
        List<String> all = Lexicon.synonyms(e.getValue());
        noun = all.get(rng.nextInt(all.size()));
      } else {
        List<String> seen = Lexicon.seen(e.getValue());
        noun = seen.get(rng.nextInt(seen.size()));
      }
      clause = clause.replace("{" + e.getKey() + "}", "the " + noun);
    }
    List<String> frames = heldOutFrame ? Templates.heldOut() : heldOut ? Templates.all() : Templates.seen();
    String frame = frames.get(rng.nextInt(frames.size()));
    String text = frame.replace("{E}", clause);
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
