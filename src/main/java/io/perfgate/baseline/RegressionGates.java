package io.perfgate.baseline;

import io.perfgate.gate.Comparison;
import io.perfgate.gate.Criterion;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Metric;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.gate.Scope;
import java.util.List;
import java.util.Optional;

/**
 * The gates a baseline adds: the whole run's p95, p99 and error rate may not get worse than the
 * limits.
 */
public final class RegressionGates {
  private RegressionGates() {}

  public static List<Gate> of(Baseline b, RegressionLimits limits) {
    if (!limits.enabled()) {
      return List.of();
    }
    String origin = "baseline " + b.runId() + " (" + b.file() + ")";
    return List.of(
        gate(Metric.P95, limits.latencyLimit(b.summary().measured().p95()), origin),
        gate(Metric.P99, limits.latencyLimit(b.summary().measured().p99()), origin),
        gate(Metric.ERRORS, limits.errorLimit(b.summary().measured().errorPercent()), origin));
  }

  private static Gate gate(Metric metric, double limit, String origin) {
    return new Gate(
        Gate.Kind.REGRESSION,
        Scope.global(),
        new Criterion(metric, Comparison.LTE, limit),
        origin,
        Optional.empty());
  }
}
