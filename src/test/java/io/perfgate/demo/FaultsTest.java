package io.perfgate.demo;

import static io.perfgate.demo.DemoHttp.get;
import static io.perfgate.demo.DemoHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static final DemoOptions TINY = DemoOptions.defaults().withDataSize(DataSize.TINY);

  @Test
  void errorRateOneAnswersEveryRequestWith500() {
    try (DemoService service =
        DemoService.start(TINY.withFaults(new DemoFaults(Duration.ZERO, 1.0)))) {
      for (String path :
          List.of("/health", "/api/v1/jobs", "/api/v1/jobs/r1.0/api/small-001", "/nope")) {
        HttpResponse<String> r = get(service, path);
        assertEquals(500, r.statusCode(), path);
        assertEquals("injected fault", json(r).get("error").asText());
      }
      assertEquals(4, service.requestCount());
    }
  }

  @Test
  void latencyDelaysEveryAnswer() {
    try (DemoService service =
        DemoService.start(TINY.withFaults(new DemoFaults(Duration.ofMillis(200), 0.0)))) {
      for (String path : List.of("/health", "/api/v1/jobs")) {
        long start = System.nanoTime();
        HttpResponse<String> r = get(service, path);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertTrue(elapsedMillis >= 200, path + " took " + elapsedMillis + " ms");
      }
    }
  }

  @Test
  void hundredsOfConcurrentSlowRequestsAllSucceed() {
    try (DemoService service =
        DemoService.start(TINY.withFaults(new DemoFaults(Duration.ofMillis(300), 0.0)))) {
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String path = i % 2 == 0 ? "/health" : "/api/v1/jobs/r1.0/api/medium-001";
        calls.add(
            DemoHttp.client()
                .sendAsync(
                    DemoHttp.request(service, path).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        assertEquals(200, call.join().statusCode());
      }
      assertEquals(300, service.requestCount());
    }
  }

  @Test
  void noFaultsByDefault() {
    DemoFaults none = DemoFaults.none();
    assertEquals(Duration.ZERO, none.latency());
    assertEquals(0.0, none.errorRate());
    assertEquals(none, DemoOptions.defaults().faults());
  }

  @Test
  void faultsAreValidated() {
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> new DemoFaults(Duration.ofMillis(-1), 0));
    assertTrue(negative.getMessage().startsWith("Injected latency must be zero or positive"));
    for (double rate : new double[] {-0.1, 1.01, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new DemoFaults(Duration.ZERO, rate));
      assertTrue(
          e.getMessage().startsWith("Injected error rate must be a fraction"), e.getMessage());
    }
    new DemoFaults(Duration.ZERO, 0.0);
    new DemoFaults(Duration.ofSeconds(1), 1.0);
  }
}
