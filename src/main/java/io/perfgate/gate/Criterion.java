package io.perfgate.gate;

import io.perfgate.units.Percent;
import java.util.Locale;
import java.util.Objects;

/**
 * A condition as people say it: {@code p95 < 500ms}, {@code errors < 1%}, {@code rps > 100}.
 * Latency thresholds are whole milliseconds, errors a percentage, rps requests per second.
 */
public record Criterion(Metric metric, Comparison op, double threshold) {
  public Criterion {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(op, "op");
  }

  public boolean holds(double actual) {
    return op.holds(actual, threshold);
  }

  /** The threshold with its unit: "500ms", "1%", "100/s". */
  public String thresholdText() {
    return switch (metric.kind()) {
      case LATENCY -> ((long) threshold) + "ms";
      case PERCENT -> Percent.format(threshold);
      case RATE -> trim(threshold) + "/s";
    };
  }

  private static String trim(double v) {
    return v == Math.rint(v)
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }

  @Override
  public String toString() {
    return metric.label() + " " + op.symbol() + " " + thresholdText();
  }
}
