package io.perfgate.monitor;

import java.util.List;

/**
 * One sampled metric over the run.
 *
 * @param source who was sampled: {@link #TARGET} (a local process), {@link #PROMETHEUS} (the
 *     target's endpoint) or {@link #INJECTOR} (this load generator's JVM)
 * @param metric e.g. "rss", "cpu", or a Prometheus sample name with its labels
 * @param unit "bytes", "%", "count", "ms/s" or "" for a value as the exporter gave it
 */
public record Series(String source, String metric, String unit, List<Point> points) {
  public static final String TARGET = "target";
  public static final String PROMETHEUS = "prometheus";
  public static final String INJECTOR = "injector";

  public Series {
    points = List.copyOf(points);
  }

  /** One sample: when (epoch milliseconds) and the value. */
  public record Point(long epochMillis, double value) {}

  /** "target rss", "prometheus process_open_fds". */
  public String key() {
    return source + " " + metric;
  }
}
