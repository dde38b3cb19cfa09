package io.perfgate.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of a set of requests (or group executions): counts, response times in milliseconds
 * over every status (as Gatling's statistics table shows them), and throughput.
 *
 * <p>The top-level components are unrounded: {@code mean} and {@code stdDev} from exact sums, the
 * percentiles straight from the t-digest, {@code rps} = count / {@code seconds}. {@link #gatling}
 * holds the same figures rounded exactly as Gatling 3.15.1 rounds them in index.html, so that they
 * can be compared with the report and with Gatling's assertions. With no request at all, the
 * response times and % KO are NaN, rps is 0, and {@code gatling} is null (Gatling shows "-").
 *
 * @param seconds the denominator of rps: for a whole run Gatling's, ceil((last event - first event)
 *     / 1000); for a window its length within the run
 * @param koPercent ko * 100 / count
 */
public record Stats(
    long count,
    long ok,
    long ko,
    double min,
    double max,
    double mean,
    double stdDev,
    double p50,
    double p75,
    double p95,
    double p99,
    double p999,
    double seconds,
    double rps,
    double koPercent,
    Gatling gatling) {

  /**
   * The figures as Gatling 3.15.1 shows them: response times as whole milliseconds (min and max
   * truncated, the rest rounded half up, as GeneralStatsBuffer does), rps and % KO with at most two
   * decimals, half-even (the report's DecimalFormat "###.##").
   */
  public record Gatling(
      int min,
      int max,
      int mean,
      int stdDev,
      int p50,
      int p75,
      int p95,
      int p99,
      int p999,
      double rps,
      double koPercent) {}

  public boolean isEmpty() {
    return count == 0;
  }

  /** No request: counts 0, figures NaN. */
  static Stats empty(double seconds) {
    double nan = Double.NaN;
    return new Stats(0, 0, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan, seconds, 0, nan, null);
  }

  /** Two decimals, half-even, as java.text.DecimalFormat("###.##") rounds a double. */
  static double twoDecimals(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
