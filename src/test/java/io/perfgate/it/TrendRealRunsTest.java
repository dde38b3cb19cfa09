package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.history.History;
import io.perfgate.testing.Chromium;
import io.perfgate.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real runs into one results folder: each appends to results/history.jsonl and rebuilds the
 * trend page, which opens in headless Chromium without a console error and plots one point per run
 * in every chart.
 */
class TrendRealRunsTest {
  static final int RUNS = 5;

  @Test
  void theTrendPageShowsOnePointPerRealRun(@TempDir Path tmp) throws Exception {
    RequiredTool.require(Chromium.installed(), "/usr/bin/chromium (apt-get install chromium)");
    Path results = tmp.resolve("results");
    for (int i = 0; i < RUNS; i++) {
      var run =
          GatlingProcess.run(
              GatlingProcess.CONFIGURED,
              GateRunTest.props("scale", "0.4", "baselines", tmp.resolve("baselines").toString()),
              results,
              Duration.ofMinutes(2));
      assertTrue(run.exitCode() == 0 || run.exitCode() == 2, run.output());
      assertTrue(run.output().contains("trend/index.html"), run.output());
    }
    assertEquals(RUNS, History.read(results.resolve("history.jsonl")).records().size());
    Path page = results.resolve("trend").resolve("index.html");
    assertTrue(Files.isRegularFile(page));

    Chromium.Loaded loaded = Chromium.load(page, tmp);

    loaded.assertNoErrors();
    var plots = loaded.plots();
    assertTrue(!plots.isEmpty(), "the page has charts");
    plots.forEach(
        (id, attributes) -> {
          if (!id.contains("request")) {
            assertEquals(
                String.valueOf(RUNS), attributes.get("data-points"), id + " " + attributes);
          }
        });
  }
}
