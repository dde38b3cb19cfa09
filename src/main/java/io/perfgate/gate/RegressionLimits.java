package io.perfgate.gate;

import java.time.Duration;

/**
 * How much worse than its baseline a run may be (sla.regression). Each limit is the larger of the
 * relative and the absolute one, so tiny baselines do not fail on noise.
 *
 * @param latency relative increase allowed for p95 and p99, as a fraction (0.05 = 5 %)
 * @param latencyFloor smallest increase that counts
 * @param errorPoints percentage points the error rate may rise
 * @param errorsFloor the error percentage always allowed
 */
public record RegressionLimits(
    boolean enabled,
    double latency,
    Duration latencyFloor,
    double errorPoints,
    double errorsFloor) {
  /** The p95/p99 limit for a baseline value, in milliseconds. */
  public long latencyLimit(double baselineMillis) {
    return (long)
        Math.ceil(
            Math.max(baselineMillis * (1 + latency), baselineMillis + latencyFloor.toMillis()));
  }

  /** The error-percentage limit for a baseline error percentage. */
  public double errorLimit(double baselinePercent) {
    return Math.max(baselinePercent + errorPoints, errorsFloor);
  }
}
