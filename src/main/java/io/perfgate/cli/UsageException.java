package io.perfgate.cli;

/** A command line that cannot be run as typed; the message says why, usage follows it. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
