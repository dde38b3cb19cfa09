package io.perfgate.demo;

import static io.perfgate.demo.DemoHttp.get;
import static io.perfgate.demo.DemoHttp.json;
import static io.perfgate.demo.DemoHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clustered-failures cache and the import endpoint, on a fresh TINY service per test. */
class CacheAndImportTest {

  private static final String LARGE = "/api/v1/jobs/r1.0/api/large-001";
  private static final String CLUSTERED = LARGE + "/failures/clustered";
  private static final Pattern SERVER_TIMING = Pattern.compile("compute;dur=(\\d+\\.\\d{3})");

  private DemoService service;

  @BeforeEach
  void start() {
    service = DemoService.start(DemoOptions.defaults().withDataSize(DataSize.TINY));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void firstCallMissesSecondHitsAndTheMissTookLonger() {
    HttpResponse<String> miss = get(service, CLUSTERED + "?limit=50");
    HttpResponse<String> hit = get(service, CLUSTERED + "?limit=50");

    assertEquals(200, miss.statusCode());
    assertEquals(200, hit.statusCode());
    assertEquals("MISS", miss.headers().firstValue("X-Cache").orElseThrow());
    assertEquals("HIT", hit.headers().firstValue("X-Cache").orElseThrow());
    assertEquals(json(miss), json(hit));
    assertTrue(
        serverTimingMillis(miss) > serverTimingMillis(hit),
        "miss " + serverTimingMillis(miss) + " ms vs hit " + serverTimingMillis(hit) + " ms");
  }

  @Test
  void eachPageAndFilterIsCachedSeparately() {
    assertEquals("MISS", cacheHeader(get(service, CLUSTERED + "?limit=5")));
    assertEquals("MISS", cacheHeader(get(service, CLUSTERED + "?limit=5&skip=5")));
    assertEquals("MISS", cacheHeader(get(service, CLUSTERED + "?limit=5&min_cluster_size=3")));
    assertEquals("HIT", cacheHeader(get(service, CLUSTERED + "?limit=5&skip=5")));
  }

  @Test
  void aCachedAnswerIsNotServedUnderAnotherReleaseOrModule() {
    get(service, CLUSTERED);
    assertEquals("HIT", cacheHeader(get(service, CLUSTERED)));
    HttpResponse<String> wrong = get(service, "/api/v1/jobs/r2.0/ui/large-001/failures/clustered");
    assertEquals(404, wrong.statusCode());
  }

  @Test
  void importInvalidatesTheJobsCacheAndItsFailuresCount() {
    JsonNode before = json(get(service, CLUSTERED + "?limit=100"));
    assertEquals("HIT", cacheHeader(get(service, CLUSTERED + "?limit=100")));
    int failuresBefore = before.get("totalFailures").asInt();

    HttpResponse<String> imported =
        post(
            service,
            LARGE + "/results",
            "{\"results\":["
                + "{\"testName\":\"api.NewTest.a\",\"status\":\"failed\","
                + "\"errorMessage\":\"brand new failure in build 981\",\"durationMs\":12},"
                + "{\"testName\":\"api.NewTest.b\",\"status\":\"failed\","
                + "\"errorMessage\":\"brand new failure in build 982\",\"durationMs\":7},"
                + "{\"testName\":\"api.NewTest.c\",\"status\":\"passed\",\"durationMs\":3}]}");
    assertEquals(201, imported.statusCode(), imported.body());
    assertEquals("large-001", json(imported).get("jobId").asText());
    assertEquals(3, json(imported).get("imported").asInt());

    HttpResponse<String> after = get(service, CLUSTERED + "?limit=100");
    assertEquals("MISS", cacheHeader(after));
    JsonNode page = json(after);
    assertEquals(failuresBefore + 2, page.get("totalFailures").asInt());
    boolean found = false;
    for (JsonNode c : page.get("clusters")) {
      if (c.get("signature").asText().equals("brand new failure in build <n>")) {
        assertEquals(2, c.get("count").asInt());
        found = true;
      }
    }
    assertTrue(found, page.toString());

    JsonNode detail = json(get(service, LARGE));
    assertEquals(1_003, detail.get("resultCount").asInt());
  }

  @Test
  void importCreatesAMissingJob() {
    HttpResponse<String> created =
        post(
            service,
            "/api/v1/jobs/r3.0/billing/nightly-7/results",
            "{\"results\":[{\"testName\":\"t1\",\"status\":\"skipped\"},"
                + "{\"testName\":\"t2\",\"status\":\"passed\",\"errorMessage\":null}]}");
    assertEquals(201, created.statusCode(), created.body());

    JsonNode job = json(get(service, "/api/v1/jobs/r3.0/billing/nightly-7"));
    assertEquals(2, job.get("resultCount").asInt());
    assertEquals("passed", job.get("status").asText());
    assertEquals(1, job.get("counts").get("skipped").asInt());
    // The newest job comes first in the list.
    JsonNode list = json(get(service, "/api/v1/jobs?limit=1"));
    assertEquals("nightly-7", list.get("items").get(0).get("jobId").asText());
    assertEquals(6, list.get("total").asInt());

    JsonNode clusters =
        json(get(service, "/api/v1/jobs/r3.0/billing/nightly-7/failures/clustered"));
    assertEquals(0, clusters.get("totalFailures").asInt());
    assertEquals(0, clusters.get("total").asInt());
  }

  @Test
  void importOfBadInputIsA400WithAClearMessage() {
    String path = LARGE + "/results";
    assertBadRequest(post(service, path, "{\"results\": [ {"), "malformed JSON body");
    assertBadRequest(post(service, path, ""), "request body must be a JSON object");
    assertBadRequest(post(service, path, "[]"), "request body must be a JSON object");
    assertBadRequest(post(service, path, "{\"results\": {}}"), "field 'results' must be an array");
    assertBadRequest(
        post(service, path, "{\"results\": []}"), "field 'results' must contain at least one");
    assertBadRequest(
        post(service, path, "{\"results\":[{\"testName\":\"t\",\"status\":\"broken\"}]}"),
        "results[0].status must be one of passed, failed, skipped, got \"broken\"");
    assertBadRequest(
        post(service, path, "{\"results\":[{\"status\":\"failed\"}]}"),
        "results[0].testName must be a non-empty string");
    assertBadRequest(
        post(
            service,
            path,
            "{\"results\":[{\"testName\":\"t\",\"status\":\"passed\",\"durationMs\":-1}]}"),
        "results[0].durationMs must be");
    assertBadRequest(
        post(
            service,
            "/api/v1/jobs/r1.0/api/bad%20id/results",
            "{\"results\":[{\"testName\":\"t\",\"status\":\"passed\"}]}"),
        "job id must be");

    // Nothing was imported by the rejected requests.
    assertEquals(1_000, json(get(service, LARGE)).get("resultCount").asInt());
  }

  @Test
  void importUnderAnotherReleaseIsAConflict() {
    HttpResponse<String> r =
        post(
            service,
            "/api/v1/jobs/r2.0/ui/large-001/results",
            "{\"results\":[{\"testName\":\"t\",\"status\":\"passed\"}]}");
    assertEquals(409, r.statusCode());
    assertEquals("job large-001 belongs to r1.0/api, not r2.0/ui", json(r).get("error").asText());
  }

  @Test
  void zeroTtlDisablesTheCache() {
    try (DemoService uncached =
        DemoService.start(
            DemoOptions.defaults().withDataSize(DataSize.TINY).withCacheTtl(Duration.ZERO))) {
      assertEquals("MISS", cacheHeader(get(uncached, CLUSTERED)));
      assertEquals("MISS", cacheHeader(get(uncached, CLUSTERED)));
    }
  }

  private static void assertBadRequest(HttpResponse<String> r, String expectedMessageStart) {
    assertEquals(400, r.statusCode(), r.body());
    String error = json(r).get("error").asText();
    assertTrue(error.startsWith(expectedMessageStart), error);
  }

  private static String cacheHeader(HttpResponse<String> r) {
    return r.headers().firstValue("X-Cache").orElseThrow();
  }

  private static double serverTimingMillis(HttpResponse<String> r) {
    String header = r.headers().firstValue("Server-Timing").orElseThrow();
    Matcher m = SERVER_TIMING.matcher(header);
    assertTrue(m.matches(), header);
    return Double.parseDouble(m.group(1));
  }
}
