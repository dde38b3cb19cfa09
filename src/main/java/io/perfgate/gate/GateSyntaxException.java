package io.perfgate.gate;

/**
 * A gate that cannot be read; the message says what is wrong, {@link #allowed()} what is allowed.
 */
public final class GateSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String allowed;

  GateSyntaxException(String problem, String allowed) {
    super(problem);
    this.allowed = allowed;
  }

  public String allowed() {
    return allowed;
  }
}
