package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.results.GroupPath;
import io.perfgate.results.LogReader;
import io.perfgate.results.RecordHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates judge the measured window, after the warm-up, and the exit status, the report's assertion
 * table and perfgate's files all follow that verdict, whatever Gatling's whole-run assertions said.
 */
class MeasuredWindowTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, String> props(String conf, String scenario, String target) {
    return Map.of("perfgate.config", conf, "scenario", scenario, "target.baseUrl", target);
  }

  @Test
  void aSlowWarmUpFailsGatlingsAssertionButTheMeasuredWindowPasses(@TempDir Path results)
      throws Exception {
    try (var target = new SlowWindowTarget(0, 3000, 300)) {
      var run =
          GatlingProcess.run(
              GatlingProcess.CONFIGURED,
              props("src/test/resources/it/window.conf", "window", target.url()),
              results,
              LIMIT);

      assertTrue(
          run.output()
              .contains("Global: 95th percentile of response time is less than 200.0 : false"),
          "Gatling, judging the whole run, fails the gate:\n" + run.output());
      assertEquals(
          0, run.exitCode(), "perfgate's verdict on the measured window decides:\n" + run.output());
      Path dir = run.runDir().orElseThrow();
      JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals("PASS", summary.path("verdict").asText());
      assertTrue(summary.path("global").path("p95").asLong() >= 300, summary.toString());
      assertTrue(summary.path("measured").path("p95").asLong() < 200, summary.toString());
      assertEquals(List.of("ok"), assertionStatuses(dir));
    }
  }

  @Test
  void aSlowMeasuredWindowFailsTheRunThoughGatlingsWholeRunAssertionPasses(@TempDir Path results)
      throws Exception {
    try (var target = new SlowWindowTarget(9000, 60_000, 300)) {
      var run =
          GatlingProcess.run(
              GatlingProcess.CONFIGURED,
              props("src/test/resources/it/window-p50.conf", "window", target.url()),
              results,
              LIMIT);

      assertTrue(
          run.output()
              .contains("Global: 50th percentile of response time is less than 200.0 : true"),
          "Gatling, judging the whole run, passes the gate:\n" + run.output());
      assertEquals(
          2, run.exitCode(), "perfgate's verdict on the measured window decides:\n" + run.output());
      Path dir = run.runDir().orElseThrow();
      JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals("FAIL", summary.path("verdict").asText());
      assertEquals(List.of("ko"), assertionStatuses(dir));
      String junit = Files.readString(dir.resolve("perfgate/junit.xml"));
      assertTrue(junit.contains("<failure"), junit);
      JunitSchema.validate(dir.resolve("perfgate/junit.xml"));
    }
  }

  /**
   * DESIGN.md's measurement: 200 new users/s for 20 s on an endpoint with a fixed 50 ms delay. The
   * injector's own warm-up inflates the whole run's tail; the measured p95 and p99 stay within 10
   * ms of the steady seconds', and the verdict follows them.
   */
  @Test
  void measuredFiguresMatchTheSteadyState(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            Map.of("perfgate.config", "src/test/resources/it/truth.conf", "scenario", "truth"),
            results,
            LIMIT);
    Path dir = run.runDir().orElseThrow(() -> new AssertionError(run.output()));
    JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());

    // The steady state, computed here by brute force from the log: requests started 8 s to 18 s in.
    List<Integer> steady = new ArrayList<>();
    LogReader.read(
        dir.resolve("simulation.log"),
        new RecordHandler() {
          @Override
          public void request(GroupPath g, String name, int start, int end, boolean ok, String m) {
            if (start >= 8_000 && start < 18_000) {
              steady.add(end - start);
            }
          }
        });
    Collections.sort(steady);
    long p95 = steady.get((int) Math.ceil(0.95 * steady.size()) - 1);
    long p99 = steady.get((int) Math.ceil(0.99 * steady.size()) - 1);
    long measuredP95 = summary.path("measured").path("p95").asLong();
    long measuredP99 = summary.path("measured").path("p99").asLong();
    String figures =
        "steady p95 "
            + p95
            + " p99 "
            + p99
            + "; measured p95 "
            + measuredP95
            + " p99 "
            + measuredP99
            + "; whole run p95 "
            + summary.path("global").path("p95").asLong()
            + " p99 "
            + summary.path("global").path("p99").asLong();
    System.out.println("measurement truth: " + figures);
    assertTrue(steady.get(0) >= 50, "every answer is delayed 50 ms: " + figures);
    assertTrue(Math.abs(measuredP95 - p95) <= 10, figures);
    assertTrue(Math.abs(measuredP99 - p99) <= 10, figures);
    boolean measuredPasses = measuredP99 < 100;
    assertEquals(measuredPasses ? "PASS" : "FAIL", summary.path("verdict").asText(), figures);
    assertEquals(measuredPasses ? 0 : 2, run.exitCode(), figures + "\n" + run.output());
  }

  private static List<String> assertionStatuses(Path dir) throws Exception {
    String html = Files.readString(dir.resolve("index.html"));
    Matcher m = Pattern.compile("<td class=\"error-col-2 value (ok|ko) total\">").matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
