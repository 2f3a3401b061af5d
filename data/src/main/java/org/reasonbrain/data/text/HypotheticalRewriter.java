package org.reasonbrain.data.text;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stage (b) of the construction pipeline: rewrites an explicit initial instruction into a
 * hypothetical one. The paper uses GPT; the default here is a grammar, and {@link ChatRewriter}
 * reaches any OpenAI-compatible chat endpoint.
 */
public interface HypotheticalRewriter {

  /**
   * What the rewriter gets: the explicit instruction, the event clauses of the intervention
   * ("{a} was left in the sun") and what each slot names (slot -> lexicon key).
   */
  record Request(String initialInstruction, List<String> eventClauses, Map<String, String> slots,
      Phrasing phrasing) {}

  /** Returns one hypothetical instruction. */
  String rewrite(Request request, Random rng);
}
