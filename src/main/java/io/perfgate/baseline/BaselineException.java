package io.perfgate.baseline;

/** A baseline that cannot be read or saved; the message says what to do. */
public final class BaselineException extends Exception {
  private static final long serialVersionUID = 1L;

  public BaselineException(String message) {
    super(message, null, false, false);
  }
}
