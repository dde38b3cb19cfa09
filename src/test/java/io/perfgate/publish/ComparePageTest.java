package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ComparePageTest {
  private static RunComparison.Row row(RunComparison c, String subject, String metric) {
    return c.rows().stream()
        .filter(r -> r.subject().equals(subject) && r.metric().equals(metric))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + subject + " " + metric));
  }

  /** The failing report with one request renamed, so each side has one the other lacks. */
  private static Summary renamed() {
    Summary f = Reports.failing();
    List<Summary.Entry> requests = new java.util.ArrayList<>(f.requests());
    Summary.Entry last = requests.remove(requests.size() - 1);
    requests.add(
        new Summary.Entry(
            "list-jobs-page-3", last.groups(), last.global(), last.measured(), Optional.empty()));
    return new Summary(
        f.run(),
        f.global(),
        f.measured(),
        requests,
        f.groups(),
        f.phases(),
        f.perSecond(),
        f.errors(),
        f.explanations(),
        f.gates(),
        f.findings(),
        f.apdex(),
        f.baseline(),
        f.verdict(),
        f.capacity(),
        f.resources());
  }

  @Test
  void comparesMeasuredFiguresWithRelativeChange() {
    RunComparison c = RunComparison.of(Reports.passing(), Reports.failing());
    assertEquals("benchmark", c.a().scenario());
    assertEquals("FAIL", c.b().verdict());
    RunComparison.Row p95 = row(c, RunComparison.ALL_REQUESTS, "p95");
    assertEquals(150, p95.a());
    assertEquals(812, p95.b());
    assertEquals((812 - 150) / 150.0, p95.change().getAsDouble(), 1e-12);
    assertEquals("ms", p95.unit());
    RunComparison.Row health = row(c, "health", "p95");
    assertEquals(0, health.change().getAsDouble());
    RunComparison.Row clustered = row(c, "triage / clustered-failures", "errorPercent");
    assertEquals("%", clustered.unit());
  }

  @Test
  void aChangeFromZeroHasNoRatio() {
    assertTrue(RunComparison.change(0, 5).isEmpty());
    assertEquals(0, RunComparison.change(0, 0).getAsDouble());
    assertEquals(-0.5, RunComparison.change(10, 5).getAsDouble());
  }

  @Test
  void requestsInOnlyOneRunAreListedApart() {
    RunComparison c = RunComparison.of(Reports.failing(), renamed());
    assertEquals(List.of("list-jobs-page-2"), c.onlyInA());
    assertEquals(List.of("list-jobs-page-3"), c.onlyInB());
    assertTrue(c.rows().stream().noneMatch(r -> r.subject().startsWith("list-jobs-page")));
  }

  @Test
  void worksFromSavedSummariesAndRefusesANewerSchema() throws Exception {
    Summary a = SummaryCodec.parse(SummaryCodec.render(Reports.passing()), "run A");
    Summary b = SummaryCodec.parse(SummaryCodec.render(Reports.failing()), "run B");
    assertEquals(RunComparison.of(Reports.passing(), Reports.failing()), RunComparison.of(a, b));
    ObjectNode newer = (ObjectNode) SummaryCodec.tree(Reports.failing());
    newer.put("schemaVersion", 9);
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class, () -> SummaryCodec.parse(newer.toString(), "run B"));
    assertTrue(e.getMessage().contains("run B has schemaVersion 9"), e.getMessage());
  }

  @Test
  void pageIsWellFormedSelfContainedAndWarnsWhenRunsDiffer() throws Exception {
    String html = ComparePage.render(RunComparison.of(Reports.passing(), Reports.failing()));
    Document doc = RunPageTest.parse(html);
    RunPageTest.assertSelfContained(doc, html);
    assertFalse(html.contains("://"), html);
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("The runs used different profiles: benchmark and stress."), text);
    String rows = RunPageTest.rows(doc.getDocumentElement());
    assertTrue(rows.contains("\nall requests requests 3250 3250 0.0%\n"), rows);
    assertTrue(rows.contains("\n p95 150 ms 812 ms +441.3%\n"), rows);
    assertTrue(rows.contains("\n errors 0.06% 2.15% +3400.0%\n"), rows);
    assertTrue(rows.contains("\n p99.9 1050 ms 3150 ms +200.0%\n"), rows);
    assertTrue(rows.contains("\ntriage / clustered-failures requests 500 500 0.0%\n"), rows);
  }

  @Test
  void pageEscapesNamesAndListsRequestsOnlyInOneRun() throws Exception {
    Summary odd = Reports.oddNames();
    String html = ComparePage.render(RunComparison.of(odd, Reports.failing()));
    Document doc = RunPageTest.parse(html);
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("grp <&> / " + Reports.ODD_REQUEST), text);
    assertTrue(text.contains("Only in run B"), text);
    assertFalse(html.contains("<b>&amp;"));
  }
}
