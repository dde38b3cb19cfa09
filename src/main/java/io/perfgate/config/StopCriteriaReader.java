package io.perfgate.config;

import io.perfgate.profile.StopCriteria;
import io.perfgate.units.Durations;
import io.perfgate.units.Percent;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a profile's stop criteria: its own {@code abort} block, key by key, over {@code run.abort}.
 * A criterion set to {@code off} (or null) is not judged.
 */
final class StopCriteriaReader {
  private static final Set<String> KEYS =
      Set.of("enabled", "window", "errorRate", "p95", "errors", "minRequests", "gates");
  private static final String OFF = "off";

  private StopCriteriaReader() {}

  /**
   * @param own the profile's {@code abort} block, or null when it has none
   * @param defaults {@code run.abort}
   */
  static StopCriteria read(Node own, Node defaults) {
    defaults.rejectUnknown(KEYS);
    if (own != null) {
      own.rejectUnknown(KEYS);
    }
    Node enabled = pick(own, defaults, "enabled");
    Node window = pick(own, defaults, "window");
    Duration w = window.duration("window", false);
    if (w.toMillis() < 1000) {
      throw window.error("window", "'" + window.raw("window") + "' is too short", "1s or more");
    }
    Node minRequests = pick(own, defaults, "minRequests");
    Node gates = pick(own, defaults, "gates");
    return new StopCriteria(
        enabled.bool("enabled"),
        w,
        errorRate(pick(own, defaults, "errorRate")),
        p95(pick(own, defaults, "p95")),
        errors(pick(own, defaults, "errors")),
        minRequests.integer("minRequests", 1),
        gates.bool("gates"));
  }

  /** The node that holds {@code key}: the profile's block when it sets it, else run.abort. */
  private static Node pick(Node own, Node defaults, String key) {
    return own != null && own.hasOrNull(key) ? own : defaults;
  }

  private static boolean off(Node n, String key) {
    return !n.has(key) || OFF.equals(n.raw(key).trim().toLowerCase(Locale.ROOT));
  }

  private static OptionalDouble errorRate(Node n) {
    if (off(n, "errorRate")) {
      return OptionalDouble.empty();
    }
    String raw = n.raw("errorRate").trim();
    OptionalDouble p = Percent.parse(raw);
    if (p.isEmpty() || p.getAsDouble() >= 100) {
      throw n.error(
          "errorRate",
          "'" + raw + "' is not a usable error rate",
          "a percentage below 100%, or off");
    }
    return p;
  }

  private static Optional<Duration> p95(Node n) {
    if (off(n, "p95")) {
      return Optional.empty();
    }
    String raw = n.raw("p95").trim();
    Optional<Duration> d = Durations.parse(raw);
    if (d.isEmpty() || d.get().isZero()) {
      throw n.error("p95", "'" + raw + "' is not a latency", Durations.ALLOWED + ", or off");
    }
    return d;
  }

  private static OptionalLong errors(Node n) {
    if (off(n, "errors")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(n.integer("errors", 1));
  }
}
