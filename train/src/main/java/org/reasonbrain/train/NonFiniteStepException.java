package org.reasonbrain.train;

/**
 * A training step whose gradient (so its loss) is not finite: {@link AdamW} refuses the update, so the weights, the
 * moments and the EMA stay those of the step before, and the trainer stops saying where (a NaN written into the
 * weights would otherwise train on silently for hours).
 */
public final class NonFiniteStepException extends ArithmeticException {
  public NonFiniteStepException(String message) {
    super(message);
  }
}
