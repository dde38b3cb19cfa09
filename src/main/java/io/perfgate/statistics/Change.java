package io.perfgate.statistics;

/**
 * How a figure changed from a baseline to the current run, with an interval for the change and a
 * note of how the interval was estimated.
 *
 * <p>The change and its interval are kept in the figure's own unit (ms, requests per second,
 * percentage points). Latency and throughput are written relative to the baseline value ("+12 % [+8
 * %, +16 %]"): the interval of the difference divided by the baseline's value. The error rate is
 * written in percentage points ("+1.2 points [+0.8, +1.6]"), and so is any figure whose baseline is
 * zero, in its own unit ("+2 ms [+1, +3]").
 *
 * @param figure what changed
 * @param baseline the baseline's value: the pinned run's, or the mean of the baseline runs
 * @param current the current run's value
 * @param difference current − baseline, in the figure's unit; NaN when either is undefined
 * @param low the interval's lower end for the difference; NaN when the noise was not estimated
 * @param high the interval's upper end for the difference; NaN when the noise was not estimated
 * @param confidence the interval's two-sided confidence, e.g. 0.95
 * @param against what the run was compared with, for sentences: "the baseline run", "the last 5
 *     runs"
 * @param method how the interval was estimated, e.g. "block bootstrap over 57 s (baseline 60 s),
 *     2,000 replicates of 4 s blocks"
 * @param values how many values the noise was estimated from: the current run's seconds for the
 *     block bootstrap, the baseline runs for the spread between runs; 0 when it was not estimated
 */
public record Change(
    Figure figure,
    double baseline,
    double current,
    double difference,
    double low,
    double high,
    double confidence,
    String against,
    String method,
    int values) {

  /** Whether an interval was estimated. */
  public boolean hasInterval() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /** Whether the change is written relative to the baseline (latency, throughput) or absolute. */
  public boolean isRelative() {
    return !(figure instanceof Figure.Errors) && baseline > 0 && Double.isFinite(baseline);
  }

  /** The change relative to the baseline (0.12 = +12 %); NaN when the baseline is not positive. */
  public double relative() {
    return baseline > 0 ? difference / baseline : Double.NaN;
  }

  /** The interval's lower end relative to the baseline; NaN without an interval or baseline. */
  public double relativeLow() {
    return baseline > 0 ? low / baseline : Double.NaN;
  }

  /** The interval's upper end relative to the baseline; NaN without an interval or baseline. */
  public double relativeHigh() {
    return baseline > 0 ? high / baseline : Double.NaN;
  }

  /**
   * The change as perfgate writes it: "p95 +12 % [+8 %, +16 %] against the last 5 runs",
   * "throughput -31 % [-35 %, -27 %] against the baseline run", "errors +1.2 points [+0.8, +1.6]
   * against the last 5 runs".
   */
  public String sentence() {
    if (Double.isNaN(difference)) {
      return figure.label() + " not compared against " + against;
    }
    StringBuilder s = new StringBuilder(figure.label()).append(' ');
    if (isRelative()) {
      s.append(percent(relative()));
      if (hasInterval()) {
        s.append(" [")
            .append(percent(relativeLow()))
            .append(", ")
            .append(percent(relativeHigh()))
            .append(']');
      }
    } else {
      s.append(Numbers.signed(difference)).append(' ').append(figure.unit());
      if (hasInterval()) {
        s.append(" [")
            .append(Numbers.signed(low))
            .append(", ")
            .append(Numbers.signed(high))
            .append(']');
      }
    }
    return s.append(" against ").append(against).toString();
  }

  private static String percent(double fraction) {
    return Numbers.signed(100 * fraction) + " %";
  }
}
