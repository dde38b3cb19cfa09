package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfgate.analysis.Explanations;
import io.perfgate.testing.PrometheusServer;
import io.perfgate.testing.RequiredTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes the live endpoint every second while a known run is
 * fed (answers to the probe, Gatling's summaries through the console feed); its HTTP API must then
 * give back the count that was fed and a p95 within the bucket of the exact one. .ci/run installs
 * Prometheus; without it this test is skipped and says so.
 */
class LivePrometheusTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void prometheusScrapesTheCountAndTheP95ThatWereFed() throws Exception {
    RequiredTool.require(
        PrometheusServer.installed(), "/usr/bin/prometheus (apt-get install prometheus)");
    LiveRecorder recorder = recorder();
    ConsoleFeed console = SyntheticFeed.start(recorder);
    try (LiveServer live = LiveServer.start(LiveSettings.defaults(), recorder);
        PrometheusServer prometheus = PrometheusServer.start(dir, live.port())) {
      prometheus.waitFor(
          "Prometheus to scrape the live endpoint",
          Duration.ofSeconds(30),
          () -> prometheus.value("up{job=\"perfgate\"}") == 1);

      SyntheticFeed feed = new SyntheticFeed();
      Thread feeder =
          new Thread(() -> feed.run(recorder, console, 400, Duration.ofSeconds(8)), "feeder");
      feeder.start();
      feeder.join(30_000);
      assertTrue(!feeder.isAlive(), "the feed ends");
      long fed = feed.fed();
      assertTrue(fed > 2_500, "fed " + fed);

      // The last scrape may have missed what was fed after it: the count catches up, never
      // passes what was fed.
      String count = "sum(perfgate_requests_total{job=\"perfgate\"})";
      prometheus.waitFor(
          "Prometheus's count to reach the " + fed + " requests fed",
          Duration.ofSeconds(20),
          () -> {
            double scraped = prometheus.value(count);
            assertTrue(scraped <= fed, "scraped " + scraped + " of " + fed);
            return scraped == fed;
          });
      assertEquals(
          feed.failed(),
          (long) prometheus.value("sum(perfgate_requests_total{job=\"perfgate\",status=\"ko\"})"));
      assertEquals(
          (double) feed.failed(),
          prometheus.value("sum(perfgate_errors_total{job=\"perfgate\",class=\"server-error\"})"));
      assertEquals(
          (double) fed,
          prometheus.value("sum(perfgate_request_duration_seconds_count{job=\"perfgate\"})"),
          "the probe timed every answer");

      Set<String> requests = new TreeSet<>();
      for (JsonNode s : prometheus.query("count by (request) (perfgate_requests_total)")) {
        requests.add(s.at("/metric/request").asText());
      }
      assertEquals(new TreeSet<>(SyntheticFeed.REQUESTS), requests, "each request has series");

      int exact = feed.quantile(0.95);
      assertEquals(45, exact, "the cycle's p95");
      double lower = 0.04;
      double upper = 0.05; // the bucket (40 ms, 50 ms] holds 45 ms
      double p95 =
          prometheus.value(
              "histogram_quantile(0.95, sum by (le) (rate("
                  + "perfgate_request_duration_seconds_bucket{job=\"perfgate\"}[1m])))");
      assertTrue(
          p95 > lower && p95 <= upper,
          "Prometheus's p95 " + p95 + " s lies in the bucket of the exact " + exact + " ms");

      System.out.printf(
          "Prometheus scraped %d of %d requests fed (%d failed); p95 exact %d ms,"
              + " histogram_quantile %.4f s%n",
          (long) prometheus.value(count), fed, feed.failed(), exact, p95);

      // Every expression of the Grafana dashboard is valid PromQL that Prometheus evaluates.
      for (String expr : GrafanaDashboardTest.expressions(GrafanaDashboardTest.dashboard())) {
        if (expr.startsWith("label_values(")) {
          continue; // Grafana's variable function, not PromQL
        }
        String promql = expr.replace("$__rate_interval", "1m").replaceAll("\\$[a-z]+", ".*");
        prometheus.query(promql);
      }
      double throughput =
          prometheus.value("sum(rate(perfgate_requests_total{injector=~\".*\"}[1m]))");
      assertTrue(throughput > 0, "the throughput panel has data");
    }
  }

  static LiveRecorder recorder() {
    return new LiveRecorder(
        LiveRecorderTest.LABELS,
        "http://127.0.0.1:8080",
        LiveSettings.defaults(),
        t -> t,
        Explanations::errorClass,
        System::currentTimeMillis);
  }
}
