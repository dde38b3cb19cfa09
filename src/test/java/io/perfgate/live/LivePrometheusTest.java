package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes the live endpoint every second while a known stream
 * is fed; its HTTP API must then give back the count that was fed and a p95 within the bucket of
 * the exact one. .ci/run installs Prometheus; without it this test is skipped and says so.
 */
class LivePrometheusTest {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void prometheusScrapesTheCountAndTheP95ThatWereFed() throws Exception {
    assumeTrue(
        Files.isExecutable(PROMETHEUS),
        "/usr/bin/prometheus is missing, so the live endpoint is not checked against a real"
            + " Prometheus here (apt-get install -y prometheus; CI installs it).");
    LiveRecorder recorder =
        new LiveRecorder(
            LiveRecorderTest.LABELS, "http://127.0.0.1:8080", LiveSettings.defaults(), t -> t);
    long start = SyntheticFeed.header(recorder);
    try (LiveServer live = LiveServer.start(LiveSettings.defaults(), recorder, null)) {
      int port = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global:",
              "  scrape_interval: 1s",
              "  scrape_timeout: 1s",
              "  evaluation_interval: 1s",
              "scrape_configs:",
              "  - job_name: perfgate",
              "    metrics_path: /metrics",
              "    static_configs:",
              "      - targets: ['127.0.0.1:" + live.port() + "']",
              ""));
      Path log = dir.resolve("prometheus.log");
      Process prometheus =
          new ProcessBuilder(
                  PROMETHEUS.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        URI api = URI.create("http://127.0.0.1:" + port + "/");
        waitFor(
            "Prometheus to be ready",
            Duration.ofSeconds(40),
            () -> status(api.resolve("-/ready")) == 200,
            log);
        waitFor(
            "Prometheus to scrape the live endpoint",
            Duration.ofSeconds(30),
            () -> value(query(api, "up{job=\"perfgate\"}")) == 1,
            log);

        SyntheticFeed feed = new SyntheticFeed();
        Thread feeder =
            new Thread(() -> feed.run(recorder, start, 400, Duration.ofSeconds(8)), "feeder");
        feeder.start();
        feeder.join(30_000);
        assertTrue(!feeder.isAlive(), "the feed ends");
        long fed = feed.fed();
        assertTrue(fed > 2_500, "fed " + fed);

        // The last scrape may have missed what was fed after it: the count catches up, never
        // passes what was fed.
        String count = "sum(perfgate_request_duration_seconds_count{job=\"perfgate\"})";
        waitFor(
            "Prometheus's count to reach the " + fed + " requests fed",
            Duration.ofSeconds(20),
            () -> {
              double scraped = value(query(api, count));
              assertTrue(scraped <= fed, "scraped " + scraped + " of " + fed);
              return scraped == fed;
            },
            log);
        assertEquals(
            feed.failed(),
            (long)
                value(
                    query(
                        api,
                        "sum(perfgate_request_duration_seconds_count{job=\"perfgate\","
                            + "status=\"ko\"})")));
        assertEquals(
            (double) feed.failed(),
            value(query(api, "sum(perfgate_errors_total{job=\"perfgate\",class=\"http-5xx\"})")));

        Set<String> requests = new TreeSet<>();
        for (JsonNode s :
            query(api, "count by (request) (perfgate_request_duration_seconds_count)")) {
          requests.add(s.at("/metric/request").asText());
        }
        assertEquals(new TreeSet<>(SyntheticFeed.REQUESTS), requests, "each request has series");

        int exact = feed.quantile(0.95);
        assertEquals(45, exact, "the cycle's p95");
        double lower = 0.04;
        double upper = 0.05; // the bucket (40 ms, 50 ms] holds 45 ms
        double p95 =
            value(
                query(
                    api,
                    "histogram_quantile(0.95, sum by (le) (rate("
                        + "perfgate_request_duration_seconds_bucket{job=\"perfgate\"}[1m])))"));
        assertTrue(
            p95 > lower && p95 <= upper,
            "Prometheus's p95 " + p95 + " s lies in the bucket of the exact " + exact + " ms");

        System.out.printf(
            "Prometheus scraped %d of %d requests fed (%d failed); p95 exact %d ms,"
                + " histogram_quantile %.4f s%n",
            (long) value(query(api, count)), fed, feed.failed(), exact, p95);

        // Every expression of the Grafana dashboard is valid PromQL that Prometheus evaluates.
        for (String expr : GrafanaDashboardTest.expressions(GrafanaDashboardTest.dashboard())) {
          if (expr.startsWith("label_values(")) {
            continue; // Grafana's variable function, not PromQL
          }
          String promql = expr.replace("$__rate_interval", "1m").replaceAll("\\$[a-z]+", ".*");
          query(api, promql);
        }
        double throughput =
            value(
                query(
                    api,
                    "sum(rate(perfgate_request_duration_seconds_count{injector=~\".*\"}[1m]))"));
        assertTrue(throughput > 0, "the throughput panel has data");
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static int status(URI uri) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The result vector of an instant query; fails on any error Prometheus reports. */
  static JsonNode query(URI api, String promql) {
    URI uri =
        api.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      assertEquals("success", body.path("status").asText(), promql + ": " + r.body());
      return body.at("/data/result");
    } catch (IOException e) {
      throw new AssertionError("Prometheus did not answer " + promql, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The single value of a result vector; NaN when it is empty. */
  static double value(JsonNode result) {
    if (result.size() == 0) {
      return Double.NaN;
    }
    assertEquals(1, result.size(), "one series: " + result);
    return Double.parseDouble(result.get(0).at("/value/1").asText());
  }

  static void waitFor(String what, Duration limit, Supplier<Boolean> done, Path log)
      throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.get()) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    fail(
        "Waited "
            + limit.toSeconds()
            + " s for "
            + what
            + "; Prometheus's log:\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"));
  }
}
