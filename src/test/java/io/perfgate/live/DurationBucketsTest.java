package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * perfgate counts the response-time histogram itself; what Prometheus reads must be exactly what
 * the client's own classic histogram with the same buckets writes for the same answers.
 */
class DurationBucketsTest {
  private static final String HELP = "response times";

  @Test
  void theExpositionEqualsTheClientsOwnHistogramForTheSameAnswers() throws IOException {
    Labels constant = Labels.of("simulation", "s", "injector", "1");
    PrometheusRegistry theirs = new PrometheusRegistry();
    Histogram histogram =
        Histogram.builder()
            .name(LiveMetrics.REQUEST_DURATION)
            .unit(Unit.SECONDS)
            .help(HELP)
            .labelNames("request")
            .constLabels(constant)
            .classicOnly()
            .classicUpperBounds(LiveMetrics.BUCKETS)
            .withoutExemplars()
            .register(theirs);
    DurationBuckets.Counts home = new DurationBuckets.Counts();
    DurationBuckets.Counts search = new DurationBuckets.Counts();
    histogram.labelValues("search"); // a request with no answer yet has its zero buckets
    Random random = new Random(7);
    // Every whole millisecond around each bound (7 and 8 ms around 7.5 ms), 0 ms, past the last
    // bound, and a long random tail.
    List<Integer> values = new ArrayList<>(List.of(0, 60_000, 60_001, 3_600_000));
    for (double bound : LiveMetrics.BUCKETS) {
      int ms = (int) Math.round(bound * 1000);
      for (int d = -1; d <= 1; d++) {
        values.add(Math.max(0, ms + d));
      }
    }
    for (int i = 0; i < 5_000; i++) {
      values.add((int) Math.min(Integer.MAX_VALUE, Math.round(Math.exp(random.nextDouble() * 12))));
    }
    for (int ms : values) {
      home.add(ms);
      histogram.labelValues("home").observe(ms / 1000.0);
    }
    PrometheusRegistry ours = new PrometheusRegistry();
    ours.register(
        DurationBuckets.collector(
            LiveMetrics.REQUEST_DURATION,
            HELP,
            constant,
            () -> List.of(search.snapshot("search"), home.snapshot("home"))));

    String expected = LiveRecorderTest.metricsText(theirs);
    String actual = LiveRecorderTest.metricsText(ours);
    assertTrue(expected.contains("_bucket{"), expected);
    // Every line but _sum is the same; the client adds doubles one answer at a time, perfgate
    // adds whole milliseconds, so its sum is the exact one and the client's is within rounding.
    assertEquals(sorted(withoutSums(expected)), sorted(withoutSums(actual)));
    long exactMillis = values.stream().mapToLong(Integer::longValue).sum();
    assertEquals(exactMillis / 1000.0, sum(actual, "home"));
    assertEquals(exactMillis / 1000.0, sum(expected, "home"), 1e-6);
    assertEquals(0.0, sum(actual, "search"));
  }

  private static String withoutSums(String text) {
    return text.lines()
        .filter(l -> !l.startsWith(LiveMetrics.REQUEST_DURATION + "_sum"))
        .collect(Collectors.joining("\n"));
  }

  private static double sum(String text, String request) {
    String line =
        text.lines()
            .filter(l -> l.startsWith(LiveMetrics.REQUEST_DURATION + "_sum{"))
            .filter(l -> l.contains("request=\"" + request + "\""))
            .findFirst()
            .orElseThrow();
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  @Test
  void anAnswerOnABoundCountsInThatBucket() throws IOException {
    DurationBuckets.Counts c = new DurationBuckets.Counts();
    c.add(5); // le=0.005
    c.add(7); // le=0.0075
    c.add(8); // le=0.01
    long[] b = c.snapshot("r").buckets();
    assertEquals(LiveMetrics.BUCKETS.length + 1, b.length);
    assertEquals(1, b[4], "5 ms in le=0.005");
    assertEquals(1, b[5], "7 ms in le=0.0075");
    assertEquals(1, b[6], "8 ms in le=0.01");
    assertEquals(20, c.snapshot("r").sumMillis());
  }

  private static String sorted(String text) {
    return text.lines().sorted().collect(Collectors.joining("\n"));
  }
}
