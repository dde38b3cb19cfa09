package io.perfgate.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the demo service injects into every request, {@code /health} included, so a load profile
 * can be tried against a slow or flaky target without a real one.
 *
 * @param latency fixed delay added before each answer; zero for none
 * @param errorRate fraction of requests, from 0 to 1, answered with 500 {@code {"error":"injected
 *     fault"}}
 */
public record DemoFaults(Duration latency, double errorRate) {

  public DemoFaults {
    Objects.requireNonNull(latency, "latency must not be null; use Duration.ZERO for no delay");
    if (latency.isNegative()) {
      throw new IllegalArgumentException(
          "Injected latency must be zero or positive, got " + latency + ".");
    }
    // NaN fails both comparisons, so test for the valid range rather than the invalid one.
    if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
      throw new IllegalArgumentException(
          "Injected error rate must be a fraction between 0 and 1 (0.05 = 5% of requests), got "
              + errorRate
              + ".");
    }
  }

  /** No added latency and no injected errors. */
  public static DemoFaults none() {
    return new DemoFaults(Duration.ZERO, 0.0);
  }
}
