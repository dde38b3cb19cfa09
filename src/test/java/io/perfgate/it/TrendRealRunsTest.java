package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.history.History;
import io.perfgate.testing.Chromium;
import io.perfgate.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve real runs into one results folder, the last six against a demo service slowed down by 300
 * ms: each appends to results/history.jsonl and rebuilds the trend page, which opens in headless
 * Chromium without a console error, plots one point per run in every chart and marks the shift at
 * the seventh run. Twelve because E-divisive means needs about six runs on each side of a clean
 * step before a permutation test can call it (p below 0.01).
 */
class TrendRealRunsTest {
  static final int RUNS = 12;
  static final int HEALTHY = 6;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTrendPageShowsOnePointPerRealRunAndTheShift(@TempDir Path tmp) throws Exception {
    RequiredTool.require(Chromium.installed(), "/usr/bin/chromium (apt-get install chromium)");
    Path results = tmp.resolve("results");
    for (int i = 0; i < RUNS; i++) {
      Map<String, String> props =
          GateRunTest.props("scale", "0.4", "baselines", tmp.resolve("baselines").toString());
      if (i >= HEALTHY) {
        props.put("demo.faults.latency", "300ms");
      }
      var run =
          GatlingProcess.run(GatlingProcess.CONFIGURED, props, results, Duration.ofMinutes(2));
      assertTrue(run.exitCode() == 0 || run.exitCode() == 2, run.output());
      assertTrue(run.output().contains("trend/index.html"), run.output());
    }
    assertEquals(RUNS, History.read(results.resolve("history.jsonl")).records().size());
    Path page = results.resolve("trend").resolve("index.html");
    assertTrue(Files.isRegularFile(page));

    Chromium.Loaded loaded = Chromium.load(page, tmp);
    Path shot = Path.of("target", "trend-real-runs.png");
    Chromium.screenshot(page, shot, 2600, tmp);
    System.out.println(
        "trend page after " + RUNS + " real runs: screenshot " + shot.toAbsolutePath());

    loaded.assertNoErrors();
    var plots = loaded.plots();
    assertTrue(!plots.isEmpty(), "the page has charts");
    plots.forEach(
        (id, attributes) -> {
          if (!id.contains("request")) {
            assertEquals(
                String.valueOf(RUNS), attributes.get("data-points"), id + " " + attributes);
          }
          assertTrue(attributes.containsKey("data-changes"), id + " " + attributes);
        });
    String p95 =
        plots.entrySet().stream()
            .filter(e -> e.getKey().endsWith("-p95"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .get("data-changes");
    List<Integer> marked =
        Arrays.stream(p95.split(",")).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    assertTrue(
        marked.stream().anyMatch(i -> Math.abs(i - HEALTHY) <= 1),
        "the p95 chart marks the shift at run #" + (HEALTHY + 1) + ": " + p95);
    assertTrue(loaded.dom().contains("<b>p95</b> of all requests"), "the page lists it");

    // The last run was judged against the last passing runs of the history.
    Path last =
        Files.list(results)
            .filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
            .sorted()
            .reduce((a, b) -> b)
            .orElseThrow();
    JsonNode baseline =
        JSON.readTree(last.resolve("perfgate").resolve("summary.json").toFile()).path("baseline");
    assertEquals("rolling", baseline.path("kind").asText(), baseline.toString());
    assertTrue(baseline.path("runs").size() >= 1, baseline.toString());

    Cli.Outcome trend = Cli.run("trend", "--results", results.toString());
    assertEquals(0, trend.status(), trend.console());
    assertTrue(
        trend.console().contains("Change points (E-divisive means, p < 0.01):"), trend.console());
    assertTrue(trend.console().contains("p95 of all requests +"), trend.console());
  }
}
