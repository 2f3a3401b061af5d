package org.reasonbrain.data.text;

/** Which templates and synonyms a split may use. */
public enum Phrasing {
  /** Only templates and synonyms seen in training (train, val, test-id, test-composition, test-multistep). */
  SEEN,
  /** At least one held-out template or synonym in every instruction (test-phrasing). */
  HELD_OUT
}
