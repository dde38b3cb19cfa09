package io.perfgate.analysis;

import java.time.Duration;

/**
 * Thresholds of the analysis (reference.conf's `analysis` section).
 *
 * @param latencyCritical a request whose measured p99 is above this is a critical bottleneck
 * @param latencyWarning above this, a warning
 * @param errorCritical error percentage above which a request is a critical bottleneck
 * @param varianceRatio max above this many times p99 is high variance
 * @param apdexThreshold Apdex T: satisfied at or under T, tolerating under 4T
 * @param saturationEfficiency a step whose added users bring less than this share of the throughput
 *     they would bring with linear scaling marks the capacity knee
 */
public record AnalysisSettings(
    Duration latencyCritical,
    Duration latencyWarning,
    double errorCritical,
    double varianceRatio,
    Duration apdexThreshold,
    double saturationEfficiency) {
  public static AnalysisSettings defaults() {
    return new AnalysisSettings(
        Duration.ofMillis(500), Duration.ofMillis(300), 1.0, 3.0, Duration.ofMillis(500), 0.5);
  }
}
