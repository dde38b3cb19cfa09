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
 * @param after how long after the service starts the latency and error faults begin (a target that
 *     breaks half-way through a run); zero for from the start
 * @param capacity requests in progress the service handles at full speed; beyond it, every answer
 *     waits {@code overload} more (a saturated service); 0 for no limit
 * @param overload the extra wait of every answer while more than {@code capacity} are in progress
 * @param leakBytes memory kept for good on every request, outside the Java heap and written to so
 *     that it is resident: a leak whose rate is known (leak size times request rate); 0 for none
 */
public record DemoFaults(
    Duration latency,
    double errorRate,
    Duration after,
    int capacity,
    Duration overload,
    long leakBytes) {
  /** The most a single request may leak. */
  public static final long MAX_LEAK = 64L << 20;

  /** Latency and errors from the start, no capacity limit, no leak. */
  public DemoFaults(Duration latency, double errorRate) {
    this(latency, errorRate, 0);
  }

  /** Latency, errors and a leak from the start, no capacity limit. */
  public DemoFaults(Duration latency, double errorRate, long leakBytes) {
    this(latency, errorRate, Duration.ZERO, 0, Duration.ZERO, leakBytes);
  }

  public DemoFaults {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(overload, "overload");
    if (after.isNegative() || overload.isNegative() || capacity < 0) {
      throw new IllegalArgumentException(
          "Fault start, capacity and overload must be zero or positive, got "
              + after
              + ", "
              + capacity
              + ", "
              + overload
              + ".");
    }
    if (leakBytes < 0 || leakBytes > MAX_LEAK) {
      throw new IllegalArgumentException(
          "Injected leak must be from 0 to 64MB per request, got " + leakBytes + " bytes.");
    }
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
    return new DemoFaults(Duration.ZERO, 0.0, 0);
  }
}
