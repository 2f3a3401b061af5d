package org.reasonbrain.app;

/** A mistake in what the user asked for; printed as a message without a stack trace. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
