package io.perfgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfgate.statistics.Noise;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendPageTest {
  @TempDir Path dir;

  static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"trend-data\">(.*?)</script>", Pattern.DOTALL);

  static JsonNode data(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertTrue(m.find(), "the page carries its data");
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group(1));
  }

  /** The text of a section, tags dropped and white space collapsed. */
  static String text(String html, String sectionId) {
    int from = html.indexOf("<section class=\"trend\" id=\"" + sectionId + "\"");
    assertTrue(from >= 0, "section " + sectionId);
    int to = html.indexOf("</section>", from);
    return html.substring(from, to).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
  }

  private String page() throws Exception {
    Path results = TrendFixture.results(dir);
    TrendPage.Written written = TrendPage.rebuild(results, results.resolve("baselines"));
    assertEquals(TrendPage.file(results), written.page());
    assertEquals(TrendFixture.SMOKE_RUNS + TrendFixture.STRESS_RUNS, written.runs());
    return Files.readString(written.page());
  }

  @Test
  void thePageNeedsNothingFromTheNetwork() throws Exception {
    String html = page();

    assertFalse(html.contains("://"), "no URL of any scheme");
    assertFalse(html.contains("<link"), "no linked style sheet");
    assertFalse(Pattern.compile("\\ssrc\\s*=").matcher(html).find(), "nothing loaded by src");
    assertFalse(html.contains("@import"));
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    int links = 0;
    while (href.find()) {
      links++;
      assertTrue(
          href.group(1).startsWith("#") || href.group(1).startsWith("../"),
          "relative link: " + href.group(1));
    }
    assertTrue(links > 10);
    assertTrue(html.contains("var uPlot="), "uPlot is inlined");
    assertTrue(html.contains("Copyright (c) 2022 Leon Sorokin"), "with its licence");
  }

  @Test
  void oneChartPointPerRunInOrderOfStartTime() throws Exception {
    JsonNode charts = data(page()).get("charts");

    // Two profiles, each: p95, p99, errors, throughput for all requests and per request.
    assertEquals(16, charts.size());
    JsonNode p95 = charts.get(0);
    assertEquals("trend-trackersimulation-smoke-default-p95", p95.get("id").asText());
    assertEquals(TrendFixture.SMOKE_RUNS, p95.get("runs").size());
    List<Long> values = new ArrayList<>();
    p95.get("series").get(0).get("values").forEach(v -> values.add(v.asLong()));
    assertEquals(List.of(100L, 110L, 120L, 130L, 140L, 150L), values);
    for (int i = 0; i < TrendFixture.SMOKE_RUNS; i++) {
      assertEquals(TrendFixture.smoke().get(i).run().id(), p95.get("runs").get(i).asText());
    }
    assertEquals(120.0, p95.get("baseline").get("value").asDouble());

    JsonNode stressRequests = charts.get(9);
    assertEquals(
        "trend-trackersimulation-stress-staging-p95-requests", stressRequests.get("id").asText());
    assertEquals(3, stressRequests.get("series").size());
    JsonNode newRequest = stressRequests.get("series").get(2);
    assertEquals("import", newRequest.get("label").asText());
    assertTrue(newRequest.get("values").get(0).isNull(), "no point where the request did not run");
  }

  @Test
  void theLastRunAgainstThePreviousAndTheBaseline() throws Exception {
    String html = page();
    String smoke = text(html, "trend-trackersimulation-smoke-default");

    // p95 150 ms last, 140 ms the night before, 120 ms in the baseline (night 2).
    assertTrue(smoke.contains(" p95 150 ms 140 ms +7.1% 120 ms +25.0% "), smoke);
    assertTrue(smoke.contains(" p99 270 ms 252 ms +7.1% 216 ms +25.0% "), smoke);
    assertTrue(smoke.contains(" errors 0.25% 0.20% +25.0% 0.10% +150.0% "), smoke);
    assertTrue(smoke.contains(" throughput 33.2/s 33.2/s 0.0% 33.2/s 0.0% "), smoke);
    assertTrue(html.contains("<td class=\"num worse\">+7.1%</td>"), "a 7 % slowdown is flagged");
    assertTrue(smoke.contains("baseline " + TrendFixture.smoke().get(2).run().id()));
    assertTrue(smoke.contains(" triage / clustered-failures p95 "), "each request compared too");

    String stress = text(html, "trend-trackersimulation-stress-staging");
    assertTrue(
        stress.contains("none saved (results/baselines/TrackerSimulation/stress-staging.json)"),
        stress);
  }

  @Test
  void theRunTableLinksEachRunsReportsFromTheTrendFolder() throws Exception {
    String html = page();
    String newest = TrendFixture.smoke().get(5).run().id();
    String oldest = TrendFixture.smoke().get(0).run().id();

    // The newest run's Gatling report is written after perfgate's work: its folder is there.
    assertTrue(html.contains("<a href=\"../" + newest + "/index.html\">Gatling report</a>"));
    assertTrue(
        html.contains("<a href=\"../" + newest + "/perfgate/index.html\">perfgate page</a>"));
    assertFalse(html.contains("href=\"../" + oldest), "no link into a deleted run folder");
    assertTrue(html.contains("Gatling report (removed)"));
    assertTrue(html.contains("perfgate page (removed)"));
    assertTrue(
        html.contains(
            "<code title=\"0123456789abcdef0123456789abcdef01234567\">0123456789</code>"));
    // Newest first in the table.
    String smoke = text(html, "trend-trackersimulation-smoke-default");
    assertTrue(smoke.indexOf(newest) < smoke.lastIndexOf(oldest));
  }

  @Test
  void skippedHistoryLinesAreListedOnThePage() throws Exception {
    String html = page();
    assertTrue(html.contains("Part of the history could not be used"));
    assertTrue(html.contains("history.jsonl line 7 is not valid JSON"), html);
  }

  @Test
  void theMostRecentlyRunProfileComesFirst() throws Exception {
    String html = page();
    assertTrue(
        html.indexOf("id=\"trend-trackersimulation-smoke-default\"")
            < html.indexOf("id=\"trend-trackersimulation-stress-staging\""));
  }

  @Test
  void aRunRecordedTwiceCountsOnceAsLastRecorded() {
    Summary report = Runs.night(0, "smoke", "");
    RunRecord first = Runs.record(report);
    RunRecord again =
        RunRecord.of(
            Runs.report(
                report.run().id(),
                report.run().startEpochMillis(),
                "smoke",
                "",
                Runs.REQUESTS,
                Verdict.FAIL,
                3),
            report.run().id(),
            Optional.empty());

    List<TrendView.Trend> trends = TrendView.trends(List.of(first, again), noBaselines());

    assertEquals(1, trends.size());
    assertEquals(List.of(again), trends.get(0).runs());
  }

  @Test
  void namesCannotBreakOutOfThePage() throws Exception {
    Summary hostile =
        Runs.report(
            "run-<b>bold</b>",
            Runs.START,
            "smoke</script><script>alert(1)</script>",
            "",
            List.of("</script><script>alert(2)</script>", "a & b"),
            Verdict.PASS,
            1);
    String html =
        TrendPage.render(
            List.of(RunRecord.of(hostile, "run", Optional.empty())),
            List.of("line 1 <i>bad</i>"),
            noBaselines(),
            p -> true,
            History.FILE_NAME,
            Runs.START);

    assertFalse(html.contains("<script>alert"), "no injected script");
    assertFalse(html.contains("<b>bold"));
    assertFalse(html.contains("<i>bad"));
    assertEquals(4, html.split("</script>", -1).length - 1, "only the page's own four scripts");
    JsonNode charts = data(html).get("charts");
    assertEquals(
        "</script><script>alert(2)</script>",
        charts.get(1).get("series").get(0).get("label").asText());
  }

  @Test
  void anEmptyHistoryMakesAPageThatSaysSo() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    TrendPage.Written written = TrendPage.rebuild(results, results.resolve("baselines"));

    String html = Files.readString(written.page());
    assertEquals(0, written.runs());
    assertTrue(html.contains("No runs recorded yet"));
    assertEquals(0, data(html).get("charts").size());
    assertFalse(Files.exists(results.resolve(History.FILE_NAME)), "rebuilding writes no history");
  }

  @Test
  void changesAreRelativeAndColouredByWhichWayIsWorse() {
    assertEquals("+10.0%", TrendView.changeText(TrendView.change(100, 110)));
    assertEquals("-50.0%", TrendView.changeText(TrendView.change(2, 1)));
    assertEquals("0.0%", TrendView.changeText(TrendView.change(0, 0)));
    assertEquals("up from 0", TrendView.changeText(TrendView.change(0, 0.5)));
    assertEquals("n/a", TrendView.changeText(TrendView.change(Double.NaN, 1)));
    // A series that wobbles by about 4 ms from run to run: steps within 2.5 robust standard
    // deviations of its steps are noise and stay uncoloured, larger ones are news.
    Noise noise = Noise.of(new double[] {100, 104, 99, 103, 98, 102, 100, 104});
    assertEquals("flat", TrendView.direction(TrendView.Metric.P95, 0.05, 5, noise));
    assertEquals("worse", TrendView.direction(TrendView.Metric.P95, 0.30, 30, noise));
    assertEquals("better", TrendView.direction(TrendView.Metric.P95, -0.30, -30, noise));
    assertEquals("better", TrendView.direction(TrendView.Metric.RPS, 0.30, 30, noise));
    assertEquals("worse", TrendView.direction(TrendView.Metric.RPS, -0.30, -30, noise));
    assertEquals(
        "worse", TrendView.direction(TrendView.Metric.ERRORS, Double.POSITIVE_INFINITY, 30, noise));
    // Fewer than 5 runs say nothing about the noise: nothing is coloured.
    Noise unknown = Noise.of(new double[] {100, 150, 200});
    assertEquals("flat", TrendView.direction(TrendView.Metric.P95, 0.5, 50, unknown));
  }

  @Test
  void changePointsAreListedAndGivenToTheCharts() throws Exception {
    List<RunRecord> records = ShiftsTest.history(4, ShiftsTest.STEP_AT, 0.25);
    String html =
        TrendPage.render(records, List.of(), noBaselines(), p -> true, "history.jsonl", Runs.START);
    JsonNode p95 = data(html).get("charts").get(0);
    assertEquals("trend-trackersimulation-smoke-default-p95", p95.get("id").asText());
    JsonNode change = p95.get("changes").get(0);
    int index = change.get("index").asInt();
    assertTrue(Math.abs(index + 1 - ShiftsTest.STEP_AT) <= 1, change.toString());
    assertTrue(change.get("label").asText().startsWith("+2"), change.toString());
    assertTrue(change.get("worse").asBoolean());
    String section = text(html, "trend-trackersimulation-smoke-default");
    assertTrue(section.contains("Change points"), section);
    assertTrue(section.contains("p95 of all requests +2"), section);
    assertTrue(section.contains("from run #" + (index + 1) + " run-" + (index + 1)), section);

    String quiet =
        TrendPage.render(
            ShiftsTest.history(4, Integer.MAX_VALUE, 0),
            List.of(),
            noBaselines(),
            p -> true,
            "history.jsonl",
            Runs.START);
    assertTrue(quiet.contains("No change point: every figure stayed within its noise"));
    assertEquals(0, data(quiet).get("charts").get(0).get("changes").size());
  }

  @Test
  void changesWithinTheNoiseAreNotColoured() throws Exception {
    // p95 wobbles by a few percent from run to run: the last step, 3 ms, is noise.
    List<RunRecord> records = ShiftsTest.history(5, Integer.MAX_VALUE, 0);
    String html =
        TrendPage.render(records, List.of(), noBaselines(), p -> true, "history.jsonl", Runs.START);
    String table = html.substring(html.indexOf("<table class=\"compare\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertFalse(table.contains("worse") || table.contains("better"), table);
  }

  static TrendView.Baselines noBaselines() {
    return new TrendView.Baselines() {
      @Override
      public Optional<io.perfgate.baseline.Baseline> find(String s, String p, String e) {
        return Optional.empty();
      }

      @Override
      public String where(String s, String p, String e) {
        return "baselines/" + s + "/" + p + "-" + e + ".json";
      }
    };
  }
}
