package io.perfgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import io.perfgate.testing.Chromium;
import io.perfgate.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trend page in a real browser: headless Chromium loads it from disk, runs its scripts and
 * dumps the resulting DOM, where the page's own script has written what each chart plotted.
 */
class TrendBrowserTest {

  @TempDir Path dir;

  @BeforeEach
  void needsChromium() {
    RequiredTool.require(
        Chromium.installed(),
        "/usr/bin/chromium (apt-get install chromium), which checks the trend page in a browser,");
  }

  Chromium.Loaded load(Path page) throws Exception {
    return Chromium.load(page, dir);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyChartPlotsOnePointPerRunWithoutAnError() throws Exception {
    Path results = TrendFixture.results(dir);
    Path page = TrendPage.rebuild(results, results.resolve("baselines")).page();

    Chromium.Loaded loaded = load(page);

    loaded.assertNoErrors();
    Map<String, Map<String, String>> plots = loaded.plots();
    assertEquals(16, plots.size(), "4 figures x (all requests + per request) x 2 profiles");
    assertEquals("16", loaded.bodyAttribute("data-charts"), "the script drew every chart");
    assertTrue(loaded.dom().split("<canvas", -1).length - 1 >= 16, "each chart has its canvas");
    String smoke = "trend-trackersimulation-smoke-default-";
    String stress = "trend-trackersimulation-stress-staging-";
    for (String metric : List.of("p95", "p99", "errors", "rps")) {
      assertEquals("6", plots.get(smoke + metric).get("data-points"), smoke + metric);
      assertEquals("6", plots.get(smoke + metric).get("data-series-points"), smoke + metric);
      // Four requests in each of the six runs.
      assertEquals(
          "6,6,6,6",
          plots.get(smoke + metric + "-requests").get("data-series-points"),
          smoke + metric + "-requests");
      assertEquals("2", plots.get(stress + metric).get("data-points"), stress + metric);
      // health and list-jobs ran twice, import only in the second run.
      assertEquals(
          "2,2,1",
          plots.get(stress + metric + "-requests").get("data-series-points"),
          stress + metric + "-requests");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void namesThatLookLikeMarkupStayText() throws Exception {
    List<RunRecord> records = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      Summary r =
          Runs.report(
              "run-" + n + "-</script><b>",
              Runs.START + n * Runs.DAY,
              "smoke\"</script><script>document.title='owned'</script>",
              "",
              List.of("</script><script>window.owned=1</script>", "a & b <i>"),
              Verdict.PASS,
              1 + n / 10.0);
      records.add(RunRecord.of(r, "run-" + n, Optional.empty()));
    }
    Path page = dir.resolve("results").resolve("trend").resolve("index.html");
    Files.createDirectories(page.getParent());
    Files.writeString(
        page,
        TrendPage.render(
            records,
            List.of(),
            TrendPageTest.noBaselines(),
            p -> true,
            "history.jsonl",
            Runs.START));

    Chromium.Loaded loaded = load(page);

    loaded.assertNoErrors();
    assertEquals("8", loaded.bodyAttribute("data-charts"));
    loaded.plots().values().forEach(p -> assertEquals("5", p.get("data-points")));
    assertTrue(loaded.dom().contains("<title>perfgate trend</title>"));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void changePointsAreMarkedOnTheChartsAndListed() throws Exception {
    List<RunRecord> records = ShiftsTest.history(3, ShiftsTest.STEP_AT, 0.25);
    List<Shifts.Shift> shifts = Shifts.of(records);
    Shifts.Shift p95 =
        shifts.stream()
            .filter(x -> x.subject().equals(Shifts.ALL) && x.figure() == Shifts.Figure.P95)
            .findFirst()
            .orElseThrow();
    Path page = dir.resolve("results").resolve("trend").resolve("index.html");
    Files.createDirectories(page.getParent());
    Files.writeString(
        page,
        TrendPage.render(
            records,
            List.of(),
            TrendPageTest.noBaselines(),
            p -> true,
            "history.jsonl",
            Runs.START));

    Chromium.Loaded loaded = load(page);

    loaded.assertNoErrors();
    Map<String, Map<String, String>> plots = loaded.plots();
    String chart = "trend-trackersimulation-smoke-default-p95";
    assertEquals(String.valueOf(ShiftsTest.RUNS), plots.get(chart).get("data-points"));
    assertEquals(
        String.valueOf(p95.number() - 1),
        plots.get(chart).get("data-changes"),
        "the chart marks the first run after the shift");
    assertEquals(
        String.valueOf(p95.number() - 1),
        plots.get(chart + "-requests").get("data-changes"),
        "health, the only request, shifted with the whole run");
    assertTrue(
        loaded.dom().contains("from run <b>#" + p95.number() + "</b>"), "the list names the run");
    assertTrue(loaded.dom().contains("commit <code>c0ffee" + p95.number() + "</code>"));
    // The runs without a shift mark nothing.
    assertEquals("", plots.get("trend-trackersimulation-smoke-default-rps").get("data-changes"));
  }
}
