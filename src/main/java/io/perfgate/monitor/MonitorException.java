package io.perfgate.monitor;

/** The configured process to sample cannot be found: a mistake to explain before any load. */
public final class MonitorException extends RuntimeException {
  private final String key;
  private final String allowed;

  public MonitorException(String key, String problem, String allowed) {
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
