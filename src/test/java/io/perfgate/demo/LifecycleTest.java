package io.perfgate.demo;

import static io.perfgate.demo.DemoHttp.get;
import static io.perfgate.demo.DemoHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private static final DemoOptions TINY = DemoOptions.defaults().withDataSize(DataSize.TINY);

  @Test
  void requestCountStartsAtZeroAndCountsEveryAnswer() {
    try (DemoService service = DemoService.start(TINY)) {
      assertEquals(0, service.requestCount());
      get(service, "/health");
      get(service, "/api/v1/jobs?limit=0");
      get(service, "/nope");
      assertEquals(3, service.requestCount());
    }
  }

  @Test
  void closeFreesThePortAndIsIdempotent() {
    DemoService first = DemoService.start(TINY);
    int port = first.port();
    assertEquals(200, get(first, "/health").statusCode());
    first.close();
    first.close();

    assertThrows(UncheckedIOException.class, () -> get(first, "/health"));
    try (DemoService second = DemoService.start(TINY.withPort(port))) {
      assertEquals(port, second.port());
      assertEquals(200, get(second, "/health").statusCode());
    }
  }

  @Test
  void aPortInUseIsAClearError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      UncheckedIOException e =
          assertThrows(
              UncheckedIOException.class,
              () -> DemoService.start(TINY.withPort(taken.getLocalPort())));
      assertTrue(
          e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          e.getMessage());
    }
  }

  @Test
  void aServerFailureIsAnswered500JsonAndTheServiceKeepsServing() {
    try (DemoService service = DemoService.start(TINY)) {
      service.store().close(); // the database is gone; expect one ERROR log line below
      HttpResponse<String> r = get(service, "/api/v1/jobs");
      assertEquals(500, r.statusCode());
      assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("internal server error", json(r).get("error").asText());
      assertEquals(200, get(service, "/health").statusCode());
    }
  }

  @Test
  void eachServiceHasItsOwnDatabase() {
    try (DemoService a = DemoService.start(TINY);
        DemoService b = DemoService.start(TINY)) {
      DemoHttp.post(
          a,
          "/api/v1/jobs/r1.0/api/only-in-a/results",
          "{\"results\":[{\"testName\":\"t\",\"status\":\"passed\"}]}");
      assertEquals(200, get(a, "/api/v1/jobs/r1.0/api/only-in-a").statusCode());
      assertEquals(404, get(b, "/api/v1/jobs/r1.0/api/only-in-a").statusCode());
    }
  }

  @Test
  void standardDataSetSeedsFortyJobsWithTwentyThousandResultsInEachLargeOne() {
    try (DemoService service = DemoService.start(DemoOptions.defaults())) {
      assertEquals(40, json(get(service, "/api/v1/jobs")).get("total").asInt());
      for (Seeder.JobSpec job : Seeder.jobs(DataSize.STANDARD)) {
        String path = "/api/v1/jobs/" + job.release() + "/" + job.module() + "/" + job.jobId();
        assertEquals(job.results(), json(get(service, path)).get("resultCount").asInt(), path);
      }
      // The documented ids and their release/module rule.
      assertEquals(50, resultCount(service, "/api/v1/jobs/r1.0/api/small-001"));
      assertEquals(50, resultCount(service, "/api/v1/jobs/r1.1/api/small-004"));
      assertEquals(50, resultCount(service, "/api/v1/jobs/r1.0/storage/small-030"));
      assertEquals(2_000, resultCount(service, "/api/v1/jobs/r2.0/ui/medium-008"));
      assertEquals(20_000, resultCount(service, "/api/v1/jobs/r1.0/api/large-001"));
      assertEquals(20_000, resultCount(service, "/api/v1/jobs/r1.0/ui/large-002"));

      JsonNode large = json(get(service, "/api/v1/jobs/r1.0/ui/large-002"));
      int failed = large.get("counts").get("failed").asInt();
      assertTrue(failed >= 2_000 && failed <= 4_000, "failed=" + failed);
      JsonNode clusters =
          json(get(service, "/api/v1/jobs/r1.0/ui/large-002/failures/clustered?limit=100"));
      int total = clusters.get("total").asInt();
      assertTrue(total >= 20 && total <= 80, "a few dozen clusters expected, got " + total);
    }
  }

  private static int resultCount(DemoService service, String path) {
    return json(get(service, path)).get("resultCount").asInt();
  }
}
