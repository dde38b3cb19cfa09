package io.perfgate.profile;

/** An override that cannot apply to the chosen profile; {@link #key()} names the override. */
public final class PlanException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String allowed;

  PlanException(String key, String problem, String allowed) {
    super(problem);
    this.key = key;
    this.allowed = allowed;
  }

  public String key() {
    return key;
  }

  public String allowed() {
    return allowed;
  }
}
