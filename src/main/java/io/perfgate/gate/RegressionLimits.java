package io.perfgate.gate;

import java.time.Duration;

/**
 * How regressions against a baseline are decided (sla.regression): the smallest changes that count
 * (each the larger of its relative and absolute part, so tiny baselines do not fail on noise), and
 * which baseline a run is compared with when none was saved.
 *
 * @param enabled whether runs get regression gates at all
 * @param latency the smallest increase of p95 and p99 that counts, as a fraction (0.05 = 5 %)
 * @param latencyFloor the smallest increase of p95 and p99 that counts, in time
 * @param throughput the smallest drop of throughput that counts, as a fraction
 * @param errorPoints the smallest rise of the error rate that counts, in percentage points
 * @param errorsFloor an error rate at or below this (percent) is never a regression
 * @param runs how many of the last passing runs make the baseline when none was saved; 0 for none
 */
public record RegressionLimits(
    boolean enabled,
    double latency,
    Duration latencyFloor,
    double throughput,
    double errorPoints,
    double errorsFloor,
    int runs) {
  /** 5 % and 5 ms, 5 % of throughput, 0.5 points of errors, 0.1 % always allowed, 5 runs. */
  public static final RegressionLimits DEFAULT =
      new RegressionLimits(true, 0.05, Duration.ofMillis(5), 0.05, 0.5, 0.1, 5);

  public RegressionLimits {
    if (runs < 0) {
      throw new IllegalArgumentException("the runs of a rolling baseline cannot be " + runs);
    }
  }

  /**
   * The highest p95 or p99 a fixed limit allows for a baseline value, in milliseconds: for a saved
   * baseline without stored distributions, which has no noise to judge against.
   */
  public long latencyLimit(double baselineMillis) {
    return (long)
        Math.ceil(
            Math.max(baselineMillis * (1 + latency), baselineMillis + latencyFloor.toMillis()));
  }

  /** The highest error percentage a fixed limit allows for a baseline error percentage. */
  public double errorLimit(double baselinePercent) {
    return Math.max(baselinePercent + errorPoints, errorsFloor);
  }

  /** The lowest throughput a fixed limit allows for a baseline throughput. */
  public double throughputLimit(double baselineRps) {
    return baselineRps * (1 - throughput);
  }
}
