package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Findings that several requests share are said once, naming the requests. */
class AnalyzerTest {
  private static final Analyzer ANALYZER = new Analyzer(AnalysisSettings.defaults());

  private static Summary.Entry request(String name, long count, long ko, long p50, long p99) {
    Figures f =
        new Figures(count, count - ko, ko, 1, p99 + 10, p50, 1, p50, p50, p99 - 5, p99, p99, 12.5);
    return new Summary.Entry(name, List.of(), f, f, Optional.empty());
  }

  @Test
  void sevenFailingRequestsGetOneFindingWithItsAdviceSaidOnce() {
    List<Summary.Entry> requests = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      requests.add(request("r" + i, 200, 20 + i, 10, 40));
    }
    List<ErrorCount> errors = List.of(new ErrorCount("status.find.in(200), found 500", 161, 100));

    List<Finding> findings = ANALYZER.findings(requests, List.of(), errors, OptionalDouble.empty());

    assertEquals(1, findings.size(), findings.toString());
    Finding f = findings.get(0);
    assertEquals(Finding.Kind.ERRORS, f.kind());
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6"), f.requests());
    assertEquals("r0, r1, r2, r3, r4, r5 and r6", f.subject());
    assertTrue(f.summary().startsWith("7 requests fail too often. r0: 10.00% of requests failed"));
    assertTrue(f.summary().contains("r6: 13.00% of requests failed (26 of 200"), f.summary());
    assertTrue(
        f.summary().endsWith("top errors of the run: \"status.find.in(200), found 500\" (161)"));
    assertEquals(3, f.advice().size(), f.advice().toString());
    assertEquals(
        "Read the target's logs for r0, r1, r2, r3, r4, r5 and r6 at the times of the failures,"
            + " starting with the most frequent message.",
        f.advice().get(0).text());
    assertEquals(
        "Keep an error-rate gate on r0, r1, r2, r3, r4, r5 and r6 so that failures under load break"
            + " the build.",
        f.advice().get(2).text());
  }

  @Test
  void oneRequestReadsAsItAlwaysDid() {
    List<Finding> findings =
        ANALYZER.findings(
            List.of(request("login", 200, 20, 10, 40), request("health", 200, 0, 2, 4)),
            List.of(),
            List.of(),
            OptionalDouble.empty());

    Finding f = findings.get(0);
    assertEquals("login", f.subject());
    assertEquals(List.of("login"), f.requests());
    assertEquals("login: 10.00% of requests failed (20 of 200; critical above 1%)", f.summary());
    assertEquals(
        "Read the target's logs for login at the times of the failures, starting with the most"
            + " frequent message.",
        f.advice().get(0).text());
  }

  @Test
  void slowRequestsShareAdviceByKindAndKeepTheirOwnFigures() {
    List<Finding> findings =
        ANALYZER.findings(
            List.of(
                request("search", 500, 0, 100, 900), // tail far from median, critical
                request("export", 500, 0, 600, 950), // every request slow, critical
                request("report", 500, 0, 20, 400)), // warning
            List.of(),
            List.of(),
            OptionalDouble.empty());

    Finding critical = findings.get(0);
    assertEquals(Finding.Severity.CRITICAL, critical.severity());
    assertEquals(List.of("search", "export"), critical.requests());
    List<String> advice = critical.advice().stream().map(Finding.Recommendation::text).toList();
    assertTrue(advice.get(0).startsWith("Profile search and export on the target"), advice.get(0));
    assertTrue(
        advice.contains(
            "Its tail is far from its median: look for requests that miss a cache or wait for a pool,"
                + " and size pools and timeouts for the load."),
        advice.toString());
    assertTrue(
        advice.stream().anyMatch(a -> a.startsWith("Every request is slow")), advice.toString());
    assertTrue(
        advice.stream()
            .anyMatch(
                a ->
                    a.startsWith("If their answers can be a little stale, cache them")
                        && a.contains("search at 12.5 requests/s with a TTL of 30 s")
                        && a.contains("export at 12.5 requests/s")),
        advice.toString());
    assertEquals(
        1, advice.stream().filter(a -> a.startsWith("Track the p99 of search and export")).count());
    Finding warning = findings.get(1);
    assertEquals(Finding.Severity.WARNING, warning.severity());
    assertEquals(List.of("report"), warning.requests());
  }
}
