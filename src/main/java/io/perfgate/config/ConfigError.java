package io.perfgate.config;

/**
 * A user's configuration mistake, found before any load is sent. Its message is the whole story
 * (what is wrong, where, what is allowed) and is printed as it is, never with a stack trace.
 */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigError(String message) {
    super(message, null, false, false);
  }

  /** An invalid value: names the key, where it was set, what is wrong and what is allowed. */
  public static ConfigError at(String key, String where, String problem, String allowed) {
    StringBuilder sb = new StringBuilder("Invalid setting '").append(key).append('\'');
    if (where != null && !where.isEmpty()) {
      sb.append(" (").append(where).append(')');
    }
    sb.append(": ").append(problem);
    if (allowed != null && !allowed.isEmpty()) {
      sb.append(". Allowed: ").append(allowed);
    }
    return new ConfigError(sb.append('.').toString());
  }
}
