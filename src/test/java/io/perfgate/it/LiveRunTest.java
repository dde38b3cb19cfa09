package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.perfgate.testing.Chromium;
import io.perfgate.testing.DevTools;
import io.perfgate.testing.PrometheusServer;
import io.perfgate.testing.RequiredTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live endpoint of real Gatling runs: a real Prometheus scraping a run of the demo service
 * agrees with the run's summary, a low-rate run shows each second's requests on /metrics within 2
 * s, and the live page in headless Chromium grows while the run goes. Each run gets a free port for
 * its endpoint with -Dlive.port.
 */
class LiveRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final String CONFIG = "src/test/resources/it/live.conf";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  /** A text GET of the run's endpoint; null while it does not answer. */
  static String get(int port, String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The sum of perfgate_requests_total in an exposition; -1 without the metric. */
  static long requestsTotal(String metrics) {
    long sum = -1;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("perfgate_requests_total{")) {
        sum =
            Math.max(sum, 0) + (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private Process start(Map<String, String> props, Path results, Path output) throws IOException {
    Map<String, String> p = new HashMap<>(props);
    p.put("perfgate.config", CONFIG);
    return GatlingProcess.start(GatlingProcess.CONFIGURED, p, results, output);
  }

  private static int await(Process run, Path output) throws Exception {
    if (!run.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      run.destroyForcibly().waitFor();
      fail("the run did not end within " + LIMIT + ":\n" + Files.readString(output));
    }
    return run.exitValue();
  }

  private static JsonNode summary(Path results) throws IOException {
    try (var dirs = Files.list(results)) {
      Path run =
          dirs.filter(d -> Files.isRegularFile(d.resolve("perfgate/summary.json")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no summary.json under " + results));
      return JSON.readTree(run.resolve("perfgate/summary.json").toFile());
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void prometheusScrapingARealRunOfTheDemoAgreesWithItsSummary() throws Exception {
    RequiredTool.require(
        PrometheusServer.installed(), "/usr/bin/prometheus (apt-get install prometheus)");
    int live = PrometheusServer.freePort();
    Path results = dir.resolve("results");
    Path output = dir.resolve("run.log");
    try (PrometheusServer prometheus = PrometheusServer.start(dir, live)) {
      Process run =
          start(Map.of("scenario", "watched", "live.port", String.valueOf(live)), results, output);
      // Reads the page's data all along, to see the "ended" state the run shows before it exits.
      AtomicReference<JsonNode> lastRead = new AtomicReference<>();
      Thread reader =
          new Thread(
              () -> {
                while (run.isAlive()) {
                  String body = get(live, "/live.json?from=100000");
                  if (body != null) {
                    try {
                      lastRead.set(JSON.readTree(body));
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
              });
      reader.start();
      int exit = await(run, output);
      reader.join(10_000);
      String console = Files.readString(output);
      assertTrue(exit == 0 || exit == 2, console);
      assertTrue(console.contains("live: live page http://127.0.0.1:" + live + "/"), console);

      JsonNode summary = summary(results);
      long global = summary.at("/global/count").asLong();
      long warmUp = summary.at("/run/warmUpMillis").asLong();
      long start = summary.at("/run/startEpochMillis").asLong();
      long exactP95 = summary.at("/measured/p95").asLong();
      assertTrue(global > 400, "the run made requests: " + global);

      // What Prometheus scraped last: the run's count, or less by what came after that scrape.
      double scraped =
          prometheus.value("sum(last_over_time(perfgate_requests_total{job=\"perfgate\"}[10m]))");
      long lastSecond = 0;
      for (JsonNode s : summary.path("perSecond")) {
        lastSecond = Math.max(lastSecond, s.at("/figures/count").asLong());
      }
      System.out.printf(
          "live run: summary.json counts %d requests, Prometheus scraped %.0f at its last scrape"
              + " (a second holds at most %d)%n",
          global, scraped, lastSecond);
      // The last scrape comes up to a second before the run's end, and the console summary it
      // reads up to a second after the requests: at most two seconds of requests are missed.
      assertTrue(
          scraped <= global && global - scraped <= 2 * lastSecond,
          "scraped " + scraped + " of " + global);

      Set<String> expected = new TreeSet<>();
      for (JsonNode r : summary.path("requests")) {
        expected.add(r.path("path").asText().replace(" / ", "/"));
      }
      assertEquals(Set.of("health", "browse/jobs"), expected);
      for (String metric :
          List.of("perfgate_requests_total", "perfgate_request_duration_seconds_count")) {
        Set<String> series = new TreeSet<>();
        for (JsonNode s :
            prometheus.query("count by (request) (last_over_time(" + metric + "[10m]))")) {
          series.add(s.at("/metric/request").asText());
        }
        assertEquals(expected, series, "each request has its series of " + metric);
      }

      // The histogram's p95 over the measured window: bucket counts at the run's end less those
      // at the end of its warm-up.
      double from = (start + warmUp) / 1000.0;
      double to = System.currentTimeMillis() / 1000.0;
      String buckets = "perfgate_request_duration_seconds_bucket{job=\"perfgate\"}";
      String promql =
          String.format(
              java.util.Locale.ROOT,
              "histogram_quantile(0.95, sum by (le) (last_over_time(%s[10m] @ %.3f)) - sum by (le)"
                  + " (last_over_time(%s[10m] @ %.3f)))",
              buckets,
              to,
              buckets,
              from);
      double p95 = prometheus.value(promql);
      List<Double> edges = new ArrayList<>();
      for (JsonNode s : prometheus.query("count by (le) (last_over_time(" + buckets + "[10m]))")) {
        String le = s.at("/metric/le").asText();
        if (!le.equals("+Inf")) {
          edges.add(Double.parseDouble(le));
        }
      }
      edges.sort(Double::compare);
      double exact = exactP95 / 1000.0;
      double lower = 0;
      double upper = Double.POSITIVE_INFINITY;
      for (double e : edges) {
        if (e >= exact) {
          upper = e;
          break;
        }
        lower = e;
      }
      System.out.printf(
          "live run: perfgate's exact measured p95 %d ms, Prometheus's histogram_quantile %.4f s,"
              + " bucket (%s s, %s s]%n",
          exactP95, p95, lower, upper);
      assertTrue(
          p95 > lower && p95 <= upper,
          "histogram_quantile " + p95 + " s lies in the bucket of the exact " + exactP95 + " ms");

      // The end of the run was visible before the JVM exited, with the reports to open.
      JsonNode seen = lastRead.get();
      assertTrue(seen != null, "the page's data was read");
      assertEquals("ended", seen.at("/run/state").asText(), seen.path("run").toString());
      assertEquals(2, seen.at("/run/reports").size(), seen.path("run").toString());
      assertTrue(seen.at("/run/reports/0/href").asText().endsWith("/index.html"));
      assertEquals(global, seen.at("/all/count").asLong(), "the page's last count is the run's");
    }
  }

  /** A target that answers every request at once and notes when each arrived. */
  private static final class TimedTarget implements AutoCloseable {
    final HttpServer server;
    final List<Long> arrivals = new ArrayList<>();

    TimedTarget() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            synchronized (arrivals) {
              arrivals.add(System.nanoTime());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
    }

    List<Long> arrivals() {
      synchronized (arrivals) {
        return List.copyOf(arrivals);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aLowRateRunShowsEachSecondsRequestsOnMetricsWithinTwoSeconds() throws Exception {
    int live = PrometheusServer.freePort();
    Path output = dir.resolve("run.log");
    try (TimedTarget target = new TimedTarget()) {
      Process run =
          start(
              Map.of(
                  "scenario",
                  "trickle",
                  "live.port",
                  String.valueOf(live),
                  "target.baseUrl",
                  "http://127.0.0.1:" + target.server.getAddress().getPort()),
              dir.resolve("results"),
              output);
      // Every 100 ms: when, and how many requests /metrics counts.
      List<long[]> polls = new ArrayList<>();
      while (run.isAlive()) {
        String metrics = get(live, "/metrics");
        long now = System.nanoTime();
        if (metrics != null) {
          polls.add(new long[] {now, requestsTotal(metrics)});
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      int exit = await(run, output);
      assertTrue(exit == 0 || exit == 2, Files.readString(output));
      List<Long> arrivals = target.arrivals();
      assertTrue(
          arrivals.size() >= 120 && arrivals.size() <= 180,
          "about 10 requests a second for 15 s: " + arrivals.size());
      long lastPoll = polls.get(polls.size() - 1)[0];
      long worst = 0;
      int checked = 0;
      for (int i = 0; i < arrivals.size(); i++) {
        long arrived = arrivals.get(i);
        if (arrived + TimeUnit.SECONDS.toNanos(2) > lastPoll) {
          break; // the endpoint closed before this one's 2 s were up
        }
        long shown = -1;
        for (long[] p : polls) {
          if (p[0] >= arrived && p[1] >= i + 1) {
            shown = p[0];
            break;
          }
        }
        assertTrue(shown > 0, "request " + (i + 1) + " never showed on /metrics");
        worst = Math.max(worst, shown - arrived);
        checked++;
      }
      System.out.printf(
          "low-rate run: %d requests at the target, %d checked; the latest showed on /metrics"
              + " %d ms after it arrived (/metrics read every 100 ms, %d reads)%n",
          arrivals.size(), checked, TimeUnit.NANOSECONDS.toMillis(worst), polls.size());
      assertTrue(checked > 100, "checked " + checked);
      assertTrue(
          worst <= TimeUnit.SECONDS.toNanos(2),
          "a request showed on /metrics " + TimeUnit.NANOSECONDS.toMillis(worst) + " ms late");
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void theLivePageGrowsInABrowserDuringARealRun() throws Exception {
    RequiredTool.require(Chromium.installed(), "/usr/bin/chromium (apt-get install chromium)");
    int live = PrometheusServer.freePort();
    Path output = dir.resolve("run.log");
    Process run =
        start(
            Map.of("scenario", "watched", "live.port", String.valueOf(live)),
            dir.resolve("results"),
            output);
    Path shots = Path.of("target");
    Files.createDirectories(shots);
    try (DevTools browser = DevTools.start(dir.resolve("browser"), 1280, 900)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (get(live, "/") == null) {
        assertTrue(run.isAlive(), "the run ended before its page answered");
        assertTrue(System.nanoTime() < deadline, "the page never answered");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      browser.navigate("http://127.0.0.1:" + live + "/");
      String points =
          "(function () { var e = document.getElementById('chart-throughput');"
              + " return e ? (e.getAttribute('data-points') || '0') : '0'; })()";
      browser.waitFor(
          "the throughput chart's first points",
          Duration.ofSeconds(40),
          () -> Integer.parseInt(browser.evaluate(points)) >= 3);
      int first = Integer.parseInt(browser.evaluate(points));
      browser.waitFor(
          "more points than " + first,
          Duration.ofSeconds(20),
          () -> Integer.parseInt(browser.evaluate(points)) > first);
      int second = Integer.parseInt(browser.evaluate(points));
      assertEquals("running", browser.evaluate("document.body.getAttribute('data-state')"));
      String requests = browser.evaluate("document.getElementById('requests').textContent");
      assertTrue(requests.contains("browse/jobs") && requests.contains("health"), requests);
      assertTrue(
          Integer.parseInt(
                  browser.evaluate(
                      "String(document.querySelectorAll('#request-charts .plot').length)"))
              >= 2,
          "a latency chart per request");
      String gates = browser.evaluate("document.getElementById('gates').textContent");
      assertTrue(gates.contains("global p95 < 500ms"), gates);
      Files.write(shots.resolve("live-page-real-run.png"), browser.screenshot());
      System.out.printf(
          "live page in a real run: %d then %d seconds plotted; screenshot %s%n",
          first, second, shots.resolve("live-page-real-run.png").toAbsolutePath());
      assertEquals("", browser.evaluate("document.documentElement.getAttribute('data-error')"));
      assertEquals(List.of(), browser.problems(), "nothing on the console");
      int exit = await(run, output);
      assertTrue(exit == 0 || exit == 2, Files.readString(output));
      // Once the JVM has exited, the page's next read of live.json is refused (Chromium names the
      // error, not always the address): that and nothing else.
      assertFalse(
          browser.problems().stream()
              .anyMatch(p -> !p.contains("live.json") && !p.contains("ERR_CONNECTION_REFUSED")),
          "only the lost connection at the JVM's exit: " + browser.problems());
    } finally {
      if (run.isAlive()) {
        run.destroyForcibly().waitFor();
      }
    }
  }
}
