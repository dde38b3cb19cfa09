package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved baseline adds regression gates to the next runs: a run slowed down by a fault fails on
 * them (and Gatling's report lists them), a healthy run passes against the same baseline.
 */
class BaselineRegressionTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSlowerRunFailsOnTheBaselineAndAHealthyOnePasses(@TempDir Path tmp) throws Exception {
    Path baselines = tmp.resolve("baselines");
    Map<String, String> props = new HashMap<>(GateRunTest.props());
    props.put("baselines", baselines.toString());
    // The p99 of a 10-second run on a shared 2-core machine moves by tens of milliseconds from run
    // to run; the fault below adds 300 ms to every answer, far beyond this floor.
    props.put("sla.regression.latencyFloor", "100ms");

    var first = GatlingProcess.run(GatlingProcess.CONFIGURED, props, tmp.resolve("r1"), LIMIT);
    assertEquals(0, first.exitCode(), first.output());
    Path firstRun = first.runDir().orElseThrow();

    Cli.Outcome saved =
        Cli.run(
            "baseline",
            "save",
            firstRun.toString(),
            "-Dbaselines=" + baselines,
            "-Dperfgate.config=src/test/resources/it/gates.conf");
    assertEquals(0, saved.status(), saved.console());
    Path file = baselines.resolve("ConfiguredSimulation").resolve("it-default.json");
    assertTrue(Files.isRegularFile(file), saved.console());
    long baseP95 = JSON.readTree(file.toFile()).path("measured").path("p95").asLong();

    Map<String, String> slow = new HashMap<>(props);
    slow.put("demo.faults.latency", "300ms");
    var second = GatlingProcess.run(GatlingProcess.CONFIGURED, slow, tmp.resolve("r2"), LIMIT);
    assertEquals(2, second.exitCode(), second.output());
    assertTrue(second.output().contains("regression gates added"), second.output());
    Path secondRun = second.runDir().orElseThrow();
    JsonNode summary = JSON.readTree(secondRun.resolve("perfgate/summary.json").toFile());
    assertTrue(
        summary.path("measured").path("p95").asLong() >= baseP95 * 13 / 10, summary.toString());
    String report = Files.readString(secondRun.resolve("index.html"));
    assertTrue(
        report.contains("Global: 95th percentile of response time is less than or equal to"),
        "the report lists the regression assertion");
    boolean regressionFailed = false;
    for (JsonNode g : summary.path("gates")) {
      if (g.path("origin").asText().startsWith("baseline ")
          && g.path("name").asText().contains("p95")) {
        regressionFailed = !g.path("passed").asBoolean();
      }
    }
    assertTrue(regressionFailed, summary.path("gates").toString());
    assertTrue(summary.path("baseline").path("deltas").isArray(), summary.toString());

    var third = GatlingProcess.run(GatlingProcess.CONFIGURED, props, tmp.resolve("r3"), LIMIT);
    assertEquals(0, third.exitCode(), third.output());
    assertTrue(third.output().contains("regression gates added"), third.output());
  }
}
