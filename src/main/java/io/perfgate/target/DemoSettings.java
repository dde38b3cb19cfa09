package io.perfgate.target;

import java.time.Duration;

/**
 * How to run the embedded demo service: its port (0 = any free port), cache TTL, and the faults it
 * injects so that gates can be made to fail on purpose: latency and errors (from {@code
 * faultsAfter} on), a capacity beyond which every answer waits {@code overload} more, and a leak.
 *
 * @param leakBytes memory the service keeps for good on every request, to show a leak; 0 for none
 */
public record DemoSettings(
    int port,
    Duration cacheTtl,
    Duration latency,
    double errorRate,
    Duration faultsAfter,
    int capacity,
    Duration overload,
    long leakBytes) {
  /** Latency and errors from the start, no capacity limit, no leak. */
  public DemoSettings(int port, Duration cacheTtl, Duration latency, double errorRate) {
    this(port, cacheTtl, latency, errorRate, Duration.ZERO, 0, Duration.ZERO, 0);
  }
}
