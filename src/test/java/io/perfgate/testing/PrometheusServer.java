package io.perfgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A real Prometheus (Debian's package; .ci/run installs it) on a free 127.0.0.1 port, with its data
 * in a temporary folder, scraping one target every second; and its HTTP API's instant queries.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI api;
  private final Path log;

  private PrometheusServer(Process process, URI api, Path log) {
    this.process = process;
    this.api = api;
    this.log = log;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** A free TCP port of 127.0.0.1, for a server to bind next. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts Prometheus scraping {@code http://127.0.0.1:<targetPort>/metrics} every second as job
   * "perfgate"; returns once it is ready (the target may not be up yet).
   */
  public static PrometheusServer start(Path dir, int targetPort) throws Exception {
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
            "      - targets: ['127.0.0.1:" + targetPort + "']",
            ""));
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server =
        new PrometheusServer(p, URI.create("http://127.0.0.1:" + port + "/"), log);
    server.waitFor("Prometheus to be ready", Duration.ofSeconds(40), server::ready);
    return server;
  }

  private boolean ready() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(api.resolve("-/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The result vector of an instant query; fails on any error Prometheus reports. */
  public JsonNode query(String promql) {
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

  /** The single value of a query's result vector; NaN when it is empty. */
  public double value(String promql) {
    JsonNode result = query(promql);
    if (result.size() == 0) {
      return Double.NaN;
    }
    assertEquals(1, result.size(), "one series: " + result);
    return Double.parseDouble(result.get(0).at("/value/1").asText());
  }

  /** Waits for a condition with a deadline; fails with Prometheus's log. */
  public void waitFor(String what, Duration limit, BooleanSupplier done) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
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

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
