package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    LiveRecorder r = LivePrometheusTest.recorder();
    r.start(System.currentTimeMillis());
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
    long now = System.currentTimeMillis();
    r.probe("home").answered(List.of(), now - 12, now);
    r.probe("home").answered(List.of(), now - 30, now);
    String failure = "status.find.in(200), found 502";
    r.summary(
        new ConsoleSummary(
            1,
            1,
            1,
            List.of(new ConsoleSummary.Count("home", 1, 1)),
            List.of(new ConsoleSummary.ErrorCount(failure, 1)),
            List.of()),
        now + 1000);
    r.phase("ramp");
    try (LiveServer server = LiveServer.start(LiveSettings.defaults(), r)) {
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
      assertEquals(2, json.get("schema").asInt());
      assertEquals("running", json.at("/run/state").asText());
      assertEquals(2, json.at("/all/count").asLong());
      assertEquals(2, json.at("/all/answers").asLong());
      assertEquals("home", json.at("/requests/0/name").asText());
      assertEquals("server-error", json.at("/errors/classes/0/name").asText());

      // The exporter's own handler, in both formats Prometheus asks for.
      HttpResponse<String> text = get(base.resolve("metrics"), null);
      assertEquals(200, text.statusCode());
      assertTrue(text.headers().firstValue("Content-Type").get().startsWith("text/plain"));
      assertTrue(text.body().contains("perfgate_request_duration_seconds_bucket{"), text.body());
      assertTrue(text.body().contains("perfgate_requests_total{"), text.body());
      assertTrue(text.body().contains("perfgate_errors_total{class=\"server-error\""), text.body());
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
    LiveSettings.Invalid e =
        assertThrows(
            LiveSettings.Invalid.class,
            () -> LiveServer.start(LiveSettings.defaults().withBind("0.0.0.0", false), recorder()));
    assertEquals("live.bind", e.key());
    assertTrue(e.allowed().contains("live.allowRemote = true"), e.allowed());
  }

  @Test
  void anotherInterfaceWithTheOptInSaysSoAtStart() throws Exception {
    try (LiveServer server =
        LiveServer.start(LiveSettings.defaults().withBind("0.0.0.0", true), recorder())) {
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
      LiveSettings.Invalid e =
          assertThrows(
              LiveSettings.Invalid.class,
              () ->
                  LiveServer.start(
                      LiveSettings.defaults().withPort(taken.getLocalPort()), recorder()));
      assertEquals("live.port", e.key());
      assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:"), e.getMessage());
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
