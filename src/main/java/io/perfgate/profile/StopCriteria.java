package io.perfgate.profile;

import io.perfgate.units.Durations;
import io.perfgate.units.Percent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * When a run stops itself before its plan ends: conditions judged while it goes, over a sliding
 * window of the last {@code window} of the log. The first one met stops the injection; the run is
 * then marked aborted with the reason, and every report is still written.
 *
 * @param errorRate stop when the window's error rate (percent) is above this
 * @param p95 stop when the window's 95th percentile is above this; judged after the warm-up only
 * @param errors stop once this many requests have failed since the start
 * @param minRequests a window with fewer requests is not judged on rate or percentile
 * @param gates also stop when one of the run's whole-run gates (latency percentiles, errors) is
 *     breached on the window: the breakpoint profile finds capacity with it
 */
public record StopCriteria(
    boolean enabled,
    Duration window,
    OptionalDouble errorRate,
    Optional<Duration> p95,
    OptionalLong errors,
    int minRequests,
    boolean gates) {
  /** No criterion at all: the run always goes to the end of its plan. */
  public static final StopCriteria NONE =
      new StopCriteria(
          false,
          Duration.ofSeconds(10),
          OptionalDouble.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          1,
          false);

  public StopCriteria {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(errorRate, "errorRate");
    Objects.requireNonNull(p95, "p95");
    Objects.requireNonNull(errors, "errors");
    if (window.toMillis() < 1000) {
      throw new IllegalArgumentException("the stop window must be at least 1s");
    }
    if (minRequests < 1) {
      throw new IllegalArgumentException("minRequests must be at least 1");
    }
  }

  /** Whether any criterion can stop a run. */
  public boolean active() {
    return enabled && (errorRate.isPresent() || p95.isPresent() || errors.isPresent() || gates);
  }

  /** The criteria as printed in a run's plan, e.g. "errors > 50% or p95 > 2s over 10s". */
  public String describe() {
    if (!active()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    errorRate.ifPresent(e -> parts.add("errors > " + Percent.format(e)));
    p95.ifPresent(p -> parts.add("p95 > " + Durations.format(p)));
    if (gates) {
      parts.add("a whole-run gate breached");
    }
    String windowed =
        parts.isEmpty() ? "" : String.join(" or ", parts) + " over " + Durations.format(window);
    String count = errors.isPresent() ? errors.getAsLong() + " failed requests in all" : "";
    return windowed.isEmpty() ? count : count.isEmpty() ? windowed : windowed + ", or " + count;
  }
}
