package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryMarkdownTest {
  private static List<String> tableRows(String md, String header) {
    List<String> lines = Arrays.asList(md.split("\n"));
    int start = lines.indexOf(header);
    assertTrue(start >= 0, "no table headed " + header + " in\n" + md);
    return lines.subList(start + 2, lines.size()).stream()
        .takeWhile(l -> l.startsWith("|"))
        .toList();
  }

  @Test
  void startsWithTheVerdictInWords() {
    String md = SummaryMarkdown.render(Reports.failing());
    assertTrue(
        md.startsWith(
            "## perfgate FAIL: io.perfgate.simulations.TrackerSimulation, stress profile\n"),
        md);
    assertTrue(
        md.contains("**Verdict: FAIL** - 2 of 4 gates breached, judged on the measured window."),
        md);
    assertTrue(
        SummaryMarkdown.render(Reports.passing()).contains("**Verdict: PASS** - all 3 gates held"));
    assertTrue(
        SummaryMarkdown.render(Reports.withBaseline())
            .contains("**Verdict: WARN** - both gates held, 1 not on target"));
  }

  @Test
  void gatesTableHasOneRowPerGateWithThresholdActualTierAndResult() {
    String md = SummaryMarkdown.render(Reports.failing());
    List<String> rows = tableRows(md, "| Gate | Threshold | Actual | Tier | Result |");
    assertEquals(4, rows.size());
    assertEquals(
        "| global p95 < 500ms | 500ms | 812ms | acceptable | **FAIL** |",
        rows.get(0).replace("&lt;", "<"));
    assertEquals(
        "| request health p95 < 25ms | 25ms | 8ms | target | pass |",
        rows.get(2).replace("&lt;", "<"));
  }

  @Test
  void listsTheFiveSlowestRequestsByMeasuredP95() {
    String md = SummaryMarkdown.render(Reports.failing());
    List<String> rows =
        tableRows(md, "| Request | Count | Errors | p50 | p95 | p99 | max | req/s |");
    assertEquals(5, rows.size());
    assertTrue(
        rows.get(0).startsWith("| triage / clustered-failures | 500 | 2.00% |"), rows.get(0));
    assertTrue(rows.get(1).startsWith("| import-results |"), rows.get(1));
    assertFalse(md.contains("| health |"), "the fastest of six requests is left out");
  }

  @Test
  void findingsCarryTheirAdvice() {
    String md = SummaryMarkdown.render(Reports.failing());
    assertTrue(
        md.contains(
            "- **CRITICAL** latency, triage / clustered-failures: p99 is 1300 ms (critical above 500 ms)\n"
                + "  - Immediate: Check the slow query log for the clustering query.\n"
                + "  - Short term: Add an index on failures(job\\_id, signature).\n"),
        md);
    assertTrue(md.contains("- **WARNING** variance, list-jobs:"), md);
    assertFalse(md.contains("Cache hit ratio"), "info findings are not bottlenecks");
  }

  @Test
  void baselineDiffOnlyWhenThereIsOne() {
    assertFalse(SummaryMarkdown.render(Reports.failing()).contains("baseline"));
    String md = SummaryMarkdown.render(Reports.withBaseline());
    assertTrue(md.contains("### Compared with baseline `trackersimulation-20261116150000000`"), md);
    List<String> rows = tableRows(md, "| Subject | Metric | Baseline | Now | Change |");
    assertEquals("| global | p95 | 134 | 150 | +11.9% |", rows.get(0));
    assertEquals("| global | rps | 64 | 62.5 | -2.3% |", rows.get(1));
    assertEquals("| global | errors % | 0 | 0.06 | n/a |", rows.get(2));
  }

  @Test
  void explainsTheWarmUpAndLinksGatlingsReport() {
    String md = SummaryMarkdown.render(Reports.failing());
    assertTrue(md.contains("### Warm-up\n\nThe first 10 s of the run are warm-up"), md);
    assertTrue(md.contains("Whole run p95 1450 ms, measured p95 812 ms."), md);
    assertTrue(md.contains("[Gatling report](../index.html)"), md);
  }

  @Test
  void abortedRunIsFlagged() {
    String md = SummaryMarkdown.render(Reports.aborted());
    assertTrue(
        md.contains("> **Warning:** The run was aborted: Too many errors: 35% of requests failed."),
        md);
    assertTrue(md.contains("> **Warning:** The run was cut short"), md);
    assertTrue(md.contains("| not measured |"), md);
  }

  @Test
  void oddNamesCannotBreakTablesOrInjectMarkup() {
    String md = SummaryMarkdown.render(Reports.oddNames());
    assertFalse(md.contains("<b>"), md);
    assertFalse(md.contains("<script>"), md);
    assertTrue(md.contains("search \"q\" &lt;b>&amp;amp; 'x' \\| \\*y\\* café 日本 ✓"), md);
    assertTrue(md.contains("errors <1%> & \"more\""), "a < or & that opens nothing stays as it is");
    List<String> rows = tableRows(md, "| Gate | Threshold | Actual | Tier | Result |");
    // Five cells: an escaped pipe is not a separator.
    assertEquals(6, rows.get(0).split("(?<!\\\\)\\|", -1).length - 1);
  }

  @Test
  void usesStatusWordsNotSymbols() {
    for (var report :
        List.of(Reports.passing(), Reports.failing(), Reports.withBaseline(), Reports.aborted())) {
      String md = SummaryMarkdown.render(report);
      // Arrows, dingbats, emoji: none of them, whatever the verdict.
      assertTrue(md.codePoints().noneMatch(c -> c >= 0x2190), md);
    }
  }

  @Test
  void resourcesGetATableAndTheLeakVerdict() {
    String md = SummaryMarkdown.render(Reports.withResources());
    assertTrue(md.contains("### Resources"), md);
    assertTrue(md.contains("| target (target rss) | 30 MB/min | 279 MB | 43% / 46% |"), md);
    assertTrue(md.contains("the target leaks memory"), md);
    assertTrue(md.contains("| injector JVM |"), md);
    assertTrue(md.contains("injector-bound"), md);
    assertFalse(SummaryMarkdown.render(Reports.passing()).contains("### Resources"));
  }

  @Test
  void gatesWithoutEnoughDataAndRegressionsSayWhyUnderTheTable() {
    String md = SummaryMarkdown.render(Reports.notJudged());
    List<String> rows = tableRows(md, "| Gate | Threshold | Actual | Tier | Result |");
    assertTrue(
        rows.contains("| request health p99 < 100ms | 100ms | 112ms | - | not judged |"), md);
    assertTrue(rows.contains("| global p95 no regression | 157.5ms | 168ms | - | **FAIL** |"), md);
    assertTrue(
        rows.contains("| global throughput no regression | none | 62.5/s | - | not judged |"), md);
    assertTrue(
        md.contains(
            "- request health p99 < 100ms: not enough data: 25 requests, p99 needs 1,000\n"),
        md);
    assertTrue(
        md.contains(
            "> **Warning:** 3 gates were not judged (not enough data): they neither pass nor fail"),
        md);
    assertTrue(md.contains("### Compared with the last 3 runs\n"), md);
    assertTrue(md.contains("Method: spread between the last 3 runs"), md);
    assertTrue(md.contains("> Run trackersimulation-20261119150000000 was left out"), md);
  }
}
