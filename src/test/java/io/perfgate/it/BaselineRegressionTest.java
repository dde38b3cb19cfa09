package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved baseline gives the next runs regression gates, judged after the run against the noise: a
 * run slowed down by a fault regresses (its p95 change and interval are stated), a healthy rerun
 * does not. The gates are not Gatling assertions: Gatling's assertion table keeps one row per
 * assertion gate and perfgate's verdict still sets the exit status.
 */
class BaselineRegressionTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSlowerRunRegressesAgainstTheBaselineAndAHealthyOneDoesNot(@TempDir Path tmp)
      throws Exception {
    Path baselines = tmp.resolve("baselines");
    Map<String, String> props = new HashMap<>(GateRunTest.props());
    props.put("baselines", baselines.toString());
    // 20 s: 15 measured seconds give the block bootstrap a few blocks to estimate the noise from.
    props.put("duration", "20s");
    // A shared 2-core machine moves a run's figures by tens of percent when its other work comes
    // and goes; the fault below is far beyond these minimum effects, a healthy rerun within them.
    props.put("sla.regression.latency", "50%");
    props.put("sla.regression.latencyFloor", "50ms");
    props.put("sla.regression.throughput", "40%");

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
    String runId = firstRun.getFileName().toString();
    Path copy = file.resolveSibling("it-default." + runId + ".histograms.json");
    assertTrue(Files.isRegularFile(copy), "the run's distributions are kept beside the baseline");
    assertEquals(
        copy.getFileName().toString(),
        JSON.readTree(file.toFile()).path("run").path("histograms").asText());

    Map<String, String> slow = new HashMap<>(props);
    slow.put("demo.faults.latency", "300ms");
    var second = GatlingProcess.run(GatlingProcess.CONFIGURED, slow, tmp.resolve("r2"), LIMIT);
    assertEquals(2, second.exitCode(), second.output());
    assertTrue(
        second
            .output()
            .contains("regression gates (judged after the run): against baseline " + runId),
        second.output());
    assertFalse(
        second.output().contains("assertion table did not match"),
        "Gatling's assertion rows stay aligned with the assertion gates");
    Path secondRun = second.runDir().orElseThrow();
    JsonNode summary = JSON.readTree(secondRun.resolve("perfgate/summary.json").toFile());
    JsonNode p95 = gate(summary, "global p95 no regression");
    assertEquals("regression", p95.path("kind").asText());
    assertEquals("failed", p95.path("outcome").asText(), p95.toString());
    assertTrue(
        Pattern.compile(
                "^p95 \\+[\\d,]+ % \\[\\+[\\d,]+ %, \\+[\\d,]+ %\\] against baseline "
                    + runId
                    + ": regression, slower by more than")
            .matcher(p95.path("note").asText())
            .find(),
        p95.path("note").asText());
    assertTrue(
        second.output().contains("p95 +"), "the console states the change with its interval");
    JsonNode baseline = summary.path("baseline");
    assertEquals("pinned", baseline.path("kind").asText());
    assertEquals(runId, baseline.path("run").asText());
    assertTrue(baseline.path("method").asText().startsWith("circular block bootstrap"));
    String report = Files.readString(secondRun.resolve("index.html"));
    assertFalse(report.contains("no regression"), "regression gates are not Gatling assertions");

    var third = GatlingProcess.run(GatlingProcess.CONFIGURED, props, tmp.resolve("r3"), LIMIT);
    assertEquals(0, third.exitCode(), third.output());
    JsonNode healthy =
        JSON.readTree(third.runDir().orElseThrow().resolve("perfgate/summary.json").toFile());
    for (JsonNode g : healthy.path("gates")) {
      if (g.path("kind").asText().equals("regression")) {
        assertFalse(g.path("outcome").asText().equals("failed"), g.toString());
      }
    }
    assertTrue(
        gate(healthy, "global p95 no regression")
            .path("note")
            .asText()
            .contains("against baseline " + runId),
        healthy.path("gates").toString());
  }

  private static JsonNode gate(JsonNode summary, String name) {
    for (JsonNode g : summary.path("gates")) {
      if (g.path("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no gate " + name + " in " + summary.path("gates"));
  }
}
