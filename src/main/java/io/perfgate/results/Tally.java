package io.perfgate.results;

import io.perfgate.summary.Figures;

/**
 * The running figures of one set of requests or group executions: the exact distribution of their
 * times, how many succeeded, and how many followed redirects failed after their first hop (see
 * {@link StatsCollector}). Its figures are computed on demand, never kept.
 */
final class Tally {
  /** Nearest ranks of the reported percentiles, as fractions: p50, p75, p95, p99, p99.9. */
  private static final long[][] PERCENTILES = {
    {50, 100}, {75, 100}, {95, 100}, {99, 100}, {999, 1000}
  };

  Distribution times;
  long ok;
  long failedHops;

  Tally() {
    this(new Distribution());
  }

  Tally(Distribution times) {
    this.times = times;
  }

  void add(int value, boolean isOk) {
    times.record(value);
    if (isOk) {
      ok++;
    }
  }

  void add(Tally other) {
    times.add(other.times);
    ok += other.ok;
    failedHops += other.failedHops;
  }

  /** Keeps the distribution in packed form from now on (see {@link Distribution#compact}). */
  void compact() {
    times = times.compact();
  }

  long count() {
    return times.count();
  }

  /**
   * The figures, throughput over {@code seconds} (0 seconds: rps 0). Failed redirect chains count
   * as failures of the requests that started them, never more failures than requests.
   */
  Figures figures(double seconds) {
    return figures(times, times.count() - ok + failedHops, seconds);
  }

  /** The figures of a span with no value: counts 0, times 0, NaN mean. */
  static Figures none(double seconds) {
    return new Figures(0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0);
  }

  static Figures figures(Distribution d, long failures, double seconds) {
    long n = d.count();
    long ko = Math.min(n, Math.max(0, failures));
    double rps = seconds > 0 ? n / seconds : 0;
    if (n == 0) {
      return none(seconds);
    }
    long[] ranks = new long[PERCENTILES.length];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = Distribution.rank(n, PERCENTILES[i][0], PERCENTILES[i][1]);
    }
    int[] p = d.valuesAtRanks(ranks);
    return new Figures(
        n, n - ko, ko, d.min(), d.max(), d.mean(), d.stdDev(), p[0], p[1], p[2], p[3], p[4], rps);
  }
}
