package org.reasonbrain.app;

/** A mistake in what the user asked for; printed as a message without a stack trace. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }
}
