package io.perfgate.results;

import com.tdunning.math.stats.AVLTreeDigest;

/**
 * The running figures of one set of values, kept as gatling-charts' GeneralStatsBuffer keeps them:
 * a count, a long sum and sum of squares, and a t-digest fed in arrival order. Constant size.
 */
final class Accumulator {
  private long count;
  private long ok;
  private long sum;
  private long sumOfSquares;
  private int min = Integer.MAX_VALUE;
  private int max = Integer.MIN_VALUE;
  private final AVLTreeDigest digest = Digests.create();

  void add(int value, boolean isOk) {
    count++;
    if (isOk) {
      ok++;
    }
    sum += value;
    sumOfSquares += (long) value * value;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    digest.add(value);
  }

  long count() {
    return count;
  }

  double quantile(double q) {
    return count == 0 ? Double.NaN : digest.quantile(q);
  }

  /**
   * The figures, computed with the same operations as GeneralStatsBuffer.stats and ReportsGenerator
   * (so that the rounded ones are bit for bit Gatling's).
   */
  Stats toStats(double seconds) {
    if (count == 0) {
      return Stats.empty(seconds);
    }
    double n = count;
    double mean = sum / n;
    double stdDev = Math.sqrt(sumOfSquares / n - Math.pow(mean, 2.0));
    double rps = count / seconds;
    long ko = count - ok;
    double koPercent = ko * 100.0 / n;
    double p50 = digest.quantile(50 / 100.0);
    double p75 = digest.quantile(75 / 100.0);
    double p95 = digest.quantile(95 / 100.0);
    double p99 = digest.quantile(99 / 100.0);
    double p999 = digest.quantile(99.9 / 100.0);
    Stats.Gatling g =
        new Stats.Gatling(
            (int) digest.quantile(0.0),
            (int) digest.quantile(1.0),
            (int) Math.round(mean),
            (int) Math.round(stdDev),
            (int) Math.round(p50),
            (int) Math.round(p75),
            (int) Math.round(p95),
            (int) Math.round(p99),
            (int) Math.round(p999),
            Stats.twoDecimals(rps),
            Stats.twoDecimals(koPercent));
    return new Stats(
        count, ok, ko, min, max, mean, stdDev, p50, p75, p95, p99, p999, seconds, rps, koPercent,
        g);
  }
}
