package io.perfgate.analysis;

/**
 * The figures of one set of requests over one time window, as Gatling reports them: counts,
 * response times in milliseconds (rounded as Gatling rounds them), and requests per second.
 */
public record Figures(
    long count,
    long ok,
    long ko,
    long min,
    long max,
    long mean,
    long stdDev,
    long p50,
    long p75,
    long p95,
    long p99,
    long p999,
    double rps) {
  public static final Figures EMPTY = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Failed requests as a percentage of all requests; 0 when there were none. */
  public double errorPercent() {
    return count == 0 ? 0 : ko * 100.0 / count;
  }
}
