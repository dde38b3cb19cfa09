package io.perfgate.live;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The response-time histogram {@code perfgate_request_duration_seconds}, counted by the recorder
 * and exposed by the Prometheus client. An answer costs one binary search over 31 bounds and two
 * increments, inside the short lock the recorder already takes for it; a histogram of the client
 * would add an atomic counter, two adders and a double adder to every answer on the HTTP thread. At
 * a scrape, the recorder copies its counts and this collector hands them to the client as a classic
 * histogram snapshot, which the client writes in the text or OpenMetrics format as it writes its
 * own histograms: same name, unit, buckets, labels and {@code _count} and {@code _sum}.
 */
final class DurationBuckets {
  private DurationBuckets() {}

  /** Upper bounds in seconds, +Inf last, as the client's classic buckets take them. */
  private static final double[] UPPER_BOUNDS = withInfinity(LiveMetrics.BUCKETS);

  /**
   * For each bound, the most whole milliseconds an answer may take and still count in it: {@code ms
   * / 1000.0 <= bound}, the comparison the client makes.
   */
  private static final int[] MOST_MILLIS = mostMillis(LiveMetrics.BUCKETS);

  /** One request's counts; guarded by the recorder's lock. */
  static final class Counts {
    private final long[] buckets = new long[UPPER_BOUNDS.length];
    private long sumMillis;

    /** Counts an answer that took {@code ms} milliseconds (0 or more). */
    void add(int ms) {
      int i = Arrays.binarySearch(MOST_MILLIS, ms);
      buckets[i >= 0 ? i : -i - 1]++;
      sumMillis += ms;
    }

    /** A copy for a scrape. */
    Snapshot snapshot(String request) {
      return new Snapshot(request, buckets.clone(), sumMillis);
    }
  }

  /** One request's counts at a scrape: per bucket (not cumulative), +Inf last. */
  record Snapshot(String request, long[] buckets, long sumMillis) {}

  /** The collector of the histogram; {@code counts} copies every request's counts. */
  static Collector collector(
      String name, String help, Labels constant, Supplier<List<Snapshot>> counts) {
    return new Collector() {
      @Override
      public MetricSnapshot collect() {
        HistogramSnapshot.Builder histogram =
            HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
        for (Snapshot s : counts.get()) {
          histogram.dataPoint(
              HistogramSnapshot.HistogramDataPointSnapshot.builder()
                  .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS, s.buckets()))
                  .sum(s.sumMillis() / 1000.0)
                  .labels(constant.add("request", s.request()))
                  .build());
        }
        return histogram.build();
      }

      @Override
      public String getPrometheusName() {
        return name;
      }
    };
  }

  private static double[] withInfinity(double[] bounds) {
    double[] all = Arrays.copyOf(bounds, bounds.length + 1);
    all[bounds.length] = Double.POSITIVE_INFINITY;
    return all;
  }

  private static int[] mostMillis(double[] bounds) {
    int[] most = new int[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      int ms = (int) Math.ceil(bounds[i] * 1000) + 1;
      while (ms / 1000.0 > bounds[i]) {
        ms--;
      }
      most[i] = ms;
    }
    return most;
  }
}
