package io.perfgate.gate;

import io.perfgate.statistics.EnoughData;
import io.perfgate.statistics.Quantile;
import java.util.Optional;

/**
 * When a percentile gate has enough values to be judged (sla.enoughData): at least {@code
 * valuesBeyond} values must lie beyond the percentile, so p99 needs 1,000 requests at the default
 * of 10 (see {@link EnoughData}). Below that the gate is neither passed nor failed, unless {@code
 * fail} makes it fail, for pipelines that would rather stop than not know.
 *
 * @param valuesBeyond values that must lie beyond a percentile, at least 1
 * @param fail whether a gate without enough data fails the run instead of being left unjudged
 */
public record EnoughDataRule(int valuesBeyond, boolean fail) {
  /** 10 values beyond the percentile; too little data leaves the gate unjudged. */
  public static final EnoughDataRule DEFAULT = new EnoughDataRule(EnoughData.DEFAULT_BEYOND, false);

  public EnoughDataRule {
    if (valuesBeyond < 1) {
      throw new IllegalArgumentException(
          "the values beyond a percentile must be at least 1, not " + valuesBeyond);
    }
  }

  /** The statistics' rule. */
  public EnoughData rule() {
    return new EnoughData(valuesBeyond);
  }

  /** The quantile a metric reads, for the percentiles p50 to p99.9; empty for the others. */
  public static Optional<Quantile> quantile(Metric metric) {
    return metric.isPercentile()
        ? Optional.of(Quantile.ofPercent(metric.percentile()))
        : Optional.empty();
  }

  /** How many values a gate needs to be judged; 0 for a gate that is not on a percentile. */
  public long required(Gate gate) {
    return quantile(gate.criterion().metric()).map(q -> rule().required(q)).orElse(0L);
  }

  /**
   * Why a gate cannot be judged on {@code count} values: "not enough data: 25 requests, p99 needs
   * 1,000" (groups for a group's gate); empty when the count is enough or the gate is not on a
   * percentile.
   */
  public Optional<String> shortfall(Gate gate, long count) {
    Optional<Quantile> q = quantile(gate.criterion().metric());
    if (q.isEmpty() || rule().isEnough(q.get(), count)) {
      return Optional.empty();
    }
    return Optional.of(rule().notEnough(q.get(), count, noun(gate.scope())));
  }

  /** What a scope's values are called: requests, or group executions. */
  public static EnoughData.Noun noun(Scope scope) {
    return scope.kind() == Scope.Kind.GROUP ? EnoughData.Noun.GROUPS : EnoughData.Noun.REQUESTS;
  }
}
