package io.perfgate.demo;

import static io.perfgate.demo.DemoHttp.get;
import static io.perfgate.demo.DemoHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-only endpoints against one shared TINY service. */
class DemoServiceTest {

  private static DemoService service;

  @BeforeAll
  static void start() {
    service = DemoService.start(DemoOptions.defaults().withDataSize(DataSize.TINY));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void healthAnswersOk() {
    HttpResponse<String> r = get(service, "/health");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("ok", json(r).get("status").asText());
  }

  @Test
  void baseUrlIsLoopbackWithTheBoundPort() {
    assertEquals("http://127.0.0.1:" + service.port(), service.baseUrl());
    assertTrue(service.port() > 0);
  }

  @Test
  void listsAllTinyJobsNewestFirstWithResultCounts() {
    JsonNode page = json(get(service, "/api/v1/jobs?limit=200"));
    assertEquals(5, page.get("total").asInt());
    assertEquals(200, page.get("limit").asInt());
    assertEquals(0, page.get("skip").asInt());
    List<String> ids = new ArrayList<>();
    Instant previous = Instant.MAX;
    for (JsonNode job : page.get("items")) {
      ids.add(job.get("jobId").asText());
      Instant created = Instant.parse(job.get("createdAt").asText());
      assertTrue(!created.isAfter(previous), "newest first: " + page);
      previous = created;
    }
    assertEquals(
        List.of("large-001", "medium-001", "small-001", "small-002", "small-003"),
        ids.stream().sorted().toList());
    for (JsonNode job : page.get("items")) {
      int expected =
          switch (job.get("jobId").asText().split("-")[0]) {
            case "small" -> 50;
            case "medium" -> 200;
            default -> 1_000;
          };
      assertEquals(expected, job.get("resultCount").asInt(), job.toString());
    }
  }

  @Test
  void pagesWithLimitAndSkipAreSlicesOfTheFullList() {
    List<String> all = jobIds(json(get(service, "/api/v1/jobs")));
    assertEquals(5, all.size());

    JsonNode first = json(get(service, "/api/v1/jobs?limit=2&skip=0"));
    JsonNode second = json(get(service, "/api/v1/jobs?limit=2&skip=2"));
    JsonNode last = json(get(service, "/api/v1/jobs?limit=2&skip=4"));
    JsonNode beyond = json(get(service, "/api/v1/jobs?limit=2&skip=10"));

    assertEquals(all.subList(0, 2), jobIds(first));
    assertEquals(all.subList(2, 4), jobIds(second));
    assertEquals(all.subList(4, 5), jobIds(last));
    assertEquals(List.of(), jobIds(beyond));
    for (JsonNode page : List.of(first, second, last, beyond)) {
      assertEquals(5, page.get("total").asInt());
      assertEquals(2, page.get("limit").asInt());
    }
    assertEquals(2, second.get("skip").asInt());
  }

  @Test
  void filtersByReleaseAndModule() {
    JsonNode api = json(get(service, "/api/v1/jobs?release=r1.0&module=api"));
    assertEquals(
        List.of("large-001", "medium-001", "small-001"), jobIds(api).stream().sorted().toList());
    assertEquals(3, api.get("total").asInt());

    JsonNode ui = json(get(service, "/api/v1/jobs?module=ui"));
    assertEquals(List.of("small-002"), jobIds(ui));

    JsonNode none = json(get(service, "/api/v1/jobs?release=r9.9"));
    assertEquals(0, none.get("total").asInt());
    assertEquals(0, none.get("items").size());
  }

  @Test
  void badPaginationIsA400NamingTheParameter() {
    for (String query : List.of("limit=0", "limit=201", "limit=abc", "limit=-5")) {
      HttpResponse<String> r = get(service, "/api/v1/jobs?" + query);
      assertEquals(400, r.statusCode(), query);
      String error = json(r).get("error").asText();
      assertTrue(error.startsWith("limit must be"), error);
      assertTrue(error.contains("between 1 and 200"), error);
    }
    HttpResponse<String> r = get(service, "/api/v1/jobs?skip=-1");
    assertEquals(400, r.statusCode());
    assertTrue(json(r).get("error").asText().startsWith("skip must be an integer >= 0"));
  }

  @Test
  void jobDetailHasCountsPerStatus() {
    HttpResponse<String> r = get(service, "/api/v1/jobs/r1.0/api/large-001");
    assertEquals(200, r.statusCode());
    JsonNode job = json(r);
    assertEquals("large-001", job.get("jobId").asText());
    assertEquals("r1.0", job.get("release").asText());
    assertEquals("api", job.get("module").asText());
    assertEquals(1_000, job.get("resultCount").asInt());
    JsonNode counts = job.get("counts");
    int passed = counts.get("passed").asInt();
    int failed = counts.get("failed").asInt();
    int skipped = counts.get("skipped").asInt();
    assertEquals(1_000, passed + failed + skipped);
    // The seed fails 10-20% of results.
    assertTrue(failed >= 80 && failed <= 220, "failed=" + failed);
    assertEquals("failed", job.get("status").asText());
  }

  @Test
  void jobUnderTheWrongReleaseOrModuleIsA404() {
    for (String path :
        List.of(
            "/api/v1/jobs/r1.1/api/large-001",
            "/api/v1/jobs/r1.0/ui/large-001",
            "/api/v1/jobs/r1.0/api/nope-001",
            "/api/v1/jobs/r1.0/api/nope-001/failures/clustered")) {
      HttpResponse<String> r = get(service, path);
      assertEquals(404, r.statusCode(), path);
      String error = json(r).get("error").asText();
      assertTrue(error.startsWith("job ") && error.contains(" not found"), error);
    }
  }

  @Test
  void clustersAddUpToTheJobsFailures() {
    JsonNode detail = json(get(service, "/api/v1/jobs/r1.0/api/large-001"));
    JsonNode page =
        json(get(service, "/api/v1/jobs/r1.0/api/large-001/failures/clustered?limit=100"));
    assertEquals("large-001", page.get("jobId").asText());
    int totalFailures = page.get("totalFailures").asInt();
    assertEquals(detail.get("counts").get("failed").asInt(), totalFailures);
    JsonNode clusters = page.get("clusters");
    assertEquals(page.get("total").asInt(), clusters.size());
    assertTrue(clusters.size() >= 10, "a few dozen clusters expected, got " + clusters.size());

    int sum = 0;
    for (JsonNode c : clusters) {
      int count = c.get("count").asInt();
      sum += count;
      assertEquals(Math.min(5, count), c.get("tests").size(), c.toString());
      assertEquals(
          c.get("signature").asText(), FailureClusterer.signature(c.get("example").asText()));
    }
    assertEquals(totalFailures, sum);
  }

  @Test
  void clustersAreSortedByCountThenSignature() {
    JsonNode clusters =
        json(get(service, "/api/v1/jobs/r1.0/api/large-001/failures/clustered?limit=100"))
            .get("clusters");
    for (int i = 1; i < clusters.size(); i++) {
      JsonNode a = clusters.get(i - 1);
      JsonNode b = clusters.get(i);
      int byCount = Integer.compare(b.get("count").asInt(), a.get("count").asInt());
      assertTrue(
          byCount < 0
              || (byCount == 0
                  && a.get("signature").asText().compareTo(b.get("signature").asText()) < 0),
          a + " before " + b);
    }
  }

  @Test
  void minClusterSizeFiltersAndPagingSlices() {
    String base = "/api/v1/jobs/r1.0/api/large-001/failures/clustered";
    JsonNode all = json(get(service, base + "?limit=100")).get("clusters");
    int threshold = all.get(2).get("count").asInt();
    long expected = countAtLeast(all, threshold);

    JsonNode big = json(get(service, base + "?limit=100&min_cluster_size=" + threshold));
    assertEquals(expected, big.get("total").asInt());
    assertEquals(expected, big.get("clusters").size());
    for (JsonNode c : big.get("clusters")) {
      assertTrue(c.get("count").asInt() >= threshold, c.toString());
    }
    // totalFailures always counts every failure of the job, filtered or not.
    assertEquals(
        json(get(service, base)).get("totalFailures").asInt(), big.get("totalFailures").asInt());

    JsonNode second = json(get(service, base + "?limit=2&skip=2"));
    assertEquals(all.get(2), second.get("clusters").get(0));
    assertEquals(all.get(3), second.get("clusters").get(1));
    assertEquals(all.size(), second.get("total").asInt());
    assertEquals(2, second.get("limit").asInt());
    assertEquals(2, second.get("skip").asInt());

    JsonNode defaults = json(get(service, base));
    assertEquals(10, defaults.get("limit").asInt());
    assertEquals(0, defaults.get("skip").asInt());
  }

  @Test
  void badClusterParametersAreA400NamingTheParameter() {
    String base = "/api/v1/jobs/r1.0/api/large-001/failures/clustered?";
    for (String[] c :
        new String[][] {
          {"limit=0", "limit"},
          {"limit=x", "limit"},
          {"skip=-3", "skip"},
          {"min_cluster_size=0", "min_cluster_size"},
          {"min_cluster_size=big", "min_cluster_size"}
        }) {
      HttpResponse<String> r = get(service, base + c[0]);
      assertEquals(400, r.statusCode(), c[0]);
      assertTrue(json(r).get("error").asText().startsWith(c[1] + " must be"), r.body());
    }
  }

  @Test
  void unknownPathsAre404AndWrongMethodsAre405() {
    HttpResponse<String> unknown = get(service, "/nope");
    assertEquals(404, unknown.statusCode());
    assertEquals("application/json", unknown.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(json(unknown).has("error"));

    HttpResponse<String> wrong = DemoHttp.method(service, "DELETE", "/api/v1/jobs");
    assertEquals(405, wrong.statusCode());
    assertEquals("GET", wrong.headers().firstValue("Allow").orElseThrow());
    assertTrue(json(wrong).get("error").asText().contains("DELETE"));

    HttpResponse<String> getOnImport = get(service, "/api/v1/jobs/r1.0/api/small-001/results");
    assertEquals(405, getOnImport.statusCode());
    assertEquals("POST", getOnImport.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void requestCountCountsEveryRequest() {
    long before = service.requestCount();
    get(service, "/health");
    get(service, "/nope");
    get(service, "/api/v1/jobs?limit=0");
    // Other tests may run in parallel on the shared service, so this is a lower bound.
    assertTrue(service.requestCount() >= before + 3);
  }

  private static List<String> jobIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(j -> ids.add(j.get("jobId").asText()));
    return ids;
  }

  private static long countAtLeast(JsonNode clusters, int threshold) {
    long n = 0;
    for (JsonNode c : clusters) {
      if (c.get("count").asInt() >= threshold) {
        n++;
      }
    }
    return n;
  }
}
