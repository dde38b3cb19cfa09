package io.perfgate.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a gate measures. Latency metrics are in milliseconds, errors in percent, rps per second. */
public enum Metric {
  P50("p50", Kind.LATENCY, 50),
  P75("p75", Kind.LATENCY, 75),
  P95("p95", Kind.LATENCY, 95),
  P99("p99", Kind.LATENCY, 99),
  P999("p99.9", Kind.LATENCY, 99.9),
  MAX("max", Kind.LATENCY, 100),
  MEAN("mean", Kind.LATENCY, Double.NaN),
  ERRORS("errors", Kind.PERCENT, Double.NaN),
  RPS("rps", Kind.RATE, Double.NaN);

  /** The unit family of a metric, which decides how its threshold is written. */
  public enum Kind {
    LATENCY,
    PERCENT,
    RATE
  }

  private final String label;
  private final Kind kind;
  private final double percentile;

  Metric(String label, Kind kind, double percentile) {
    this.label = label;
    this.kind = kind;
    this.percentile = percentile;
  }

  public String label() {
    return label;
  }

  public Kind kind() {
    return kind;
  }

  /** The percentile rank for p50…p99.9; NaN for the others. */
  public double percentile() {
    return percentile;
  }

  public boolean isPercentile() {
    return kind == Kind.LATENCY && this != MAX && this != MEAN;
  }

  public static Optional<Metric> byLabel(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("p999")) {
      return Optional.of(P999);
    }
    return Arrays.stream(values()).filter(m -> m.label.equals(t)).findFirst();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Metric::label).collect(Collectors.joining(", "));
  }
}
