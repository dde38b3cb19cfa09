package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.config.ConfigError;
import io.perfgate.results.GroupPath;
import io.perfgate.results.RunHeader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveServerTest {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static LiveRecorder recorder() {
    LiveRecorder r =
        new LiveRecorder(
            LiveRecorderTest.LABELS,
            "http://127.0.0.1:8080",
            LiveSettings.defaults(),
            LiveRecorderTest::mask);
    r.header(
        new RunHeader("3.15.1", "TrackerSimulation", System.currentTimeMillis(), "", List.of()));
    return r;
  }

  static HttpResponse<String> get(URI uri, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageItsDataAndTheExporterOnAFreeLoopbackPort() throws Exception {
    LiveRecorder r = recorder();
    r.request(GroupPath.ROOT, "home", 0, 12, true, "");
    r.request(GroupPath.ROOT, "home", 0, 30, false, "status.find.in(200), found 502");
    r.phase("ramp");
    try (LiveServer server = LiveServer.start(LiveSettings.defaults(), r, null)) {
      URI base = server.uri();
      assertEquals("127.0.0.1", base.getHost());
      assertTrue(server.port() > 0);
      assertEquals(
          "live page "
              + base
              + " \u00b7 Prometheus metrics "
              + base
              + "metrics (this machine only)",
          server.startLine());

      HttpResponse<String> page = get(base, null);
      assertEquals(200, page.statusCode());
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").get());
      assertTrue(
          page.body()
              .contains("<title>perfgate live \u00b7 TrackerSimulation \u00b7 smoke</title>"));
      assertTrue(
          page.headers()
              .firstValue("Content-Security-Policy")
              .get()
              .contains("connect-src 'self'"));
      assertFalse(
          page.body().contains("http://") && page.body().contains("src=\"http"), "no remote asset");

      HttpResponse<String> data = get(base.resolve("live.json?from=0"), null);
      assertEquals(200, data.statusCode());
      JsonNode json = new ObjectMapper().readTree(data.body());
      assertEquals(1, json.get("schema").asInt());
      assertEquals("running", json.at("/run/state").asText());
      assertEquals(2, json.at("/all/count").asLong());
      assertEquals("home", json.at("/requests/0/name").asText());
      assertEquals("http-5xx", json.at("/errors/classes/0/name").asText());

      // The exporter's own handler, in both formats Prometheus asks for.
      HttpResponse<String> text = get(base.resolve("metrics"), null);
      assertEquals(200, text.statusCode());
      assertTrue(text.headers().firstValue("Content-Type").get().startsWith("text/plain"));
      assertTrue(text.body().contains("perfgate_request_duration_seconds_bucket{"), text.body());
      assertTrue(text.body().contains("perfgate_errors_total{class=\"http-5xx\""), text.body());
      HttpResponse<String> open =
          get(base.resolve("metrics"), "application/openmetrics-text;version=1.0.0");
      assertTrue(
          open.headers()
              .firstValue("Content-Type")
              .get()
              .startsWith("application/openmetrics-text"));
      assertTrue(open.body().contains("# TYPE perfgate_run_phase info"), open.body());
      assertTrue(open.body().strip().endsWith("# EOF"));

      assertEquals(404, get(base.resolve("nothing-here"), null).statusCode());
    }
  }

  @Test
  void anotherInterfaceIsRefusedBeforeAnythingListens() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () ->
                LiveServer.start(
                    LiveSettings.defaults().withBind("0.0.0.0", false), recorder(), null));
    assertTrue(e.getMessage().contains("live.allowRemote = true"), e.getMessage());
  }

  @Test
  void anotherInterfaceWithTheOptInSaysSoAtStart() throws Exception {
    try (LiveServer server =
        LiveServer.start(LiveSettings.defaults().withBind("0.0.0.0", true), recorder(), null)) {
      assertTrue(server.startLine().contains("open to other machines"), server.startLine());
      assertTrue(server.startLine().contains("live.bind = 0.0.0.0 with live.allowRemote = true"));
      // Reached here through loopback only.
      URI local = URI.create("http://127.0.0.1:" + server.port() + "/live.json");
      assertEquals(200, get(local, null).statusCode());
    }
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ConfigError e =
          assertThrows(
              ConfigError.class,
              () ->
                  LiveServer.start(
                      LiveSettings.defaults().withPort(taken.getLocalPort()), recorder(), null));
      assertTrue(e.getMessage().startsWith("Invalid setting 'live.port'"), e.getMessage());
    }
  }

  @Test
  void theFromParameterIsReadLeniently() {
    assertEquals(0, LiveServer.from(null));
    assertEquals(42, LiveServer.from("x=1&from=42"));
    assertEquals(0, LiveServer.from("from=abc"));
    assertEquals(0, LiveServer.from("from=-5"));
  }
}
