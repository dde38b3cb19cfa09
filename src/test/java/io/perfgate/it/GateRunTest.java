package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Gatling runs against the embedded demo service, judged by gates compiled to assertions. */
class GateRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final Pattern P95_ASSERTION =
      Pattern.compile(
          "Global: 95th percentile of response time is less than 250\\.0 : (true|false) \\(actual : (\\d+)");

  static Map<String, String> props(String... extra) {
    Map<String, String> p = new HashMap<>();
    p.put("perfgate.config", "src/test/resources/it/gates.conf");
    p.put("scenario", "it");
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  @Test
  void healthyRunPassesItsGatesAndLeavesLogAndReport(@TempDir Path results) throws Exception {
    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props(), results, LIMIT);

    assertEquals(0, run.exitCode(), run.output());
    Matcher m = P95_ASSERTION.matcher(run.output());
    assertTrue(m.find(), run.output());
    assertEquals("true", m.group(1));
    assertTrue(Integer.parseInt(m.group(2)) < 250);
    Path dir = run.runDir().orElseThrow();
    assertTrue(Files.size(dir.resolve("simulation.log")) > 0);
    String report = Files.readString(dir.resolve("index.html"));
    assertTrue(report.contains("container_assertions"), "the report has an assertions table");
    assertTrue(report.contains("Global: 95th percentile of response time is less than 250.0"));
    assertTrue(report.contains("triage: percentage of failed events is less than 1.0"));
    // The plan is printed before the load starts.
    assertTrue(run.output().contains("profile it (closed model)"), run.output());
    assertTrue(run.output().contains("peak 8 users, total 10s"), run.output());
  }

  @Test
  void latencyFaultBreachesTheP95GateAndExitsTwo(@TempDir Path results) throws Exception {
    // 20 s: answers 300 ms slower make fewer requests, and the p95 gate needs 200 in the measured
    // window to be judged at all (sla.enoughData).
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            props("demo.faults.latency", "300ms", "duration", "20s"),
            results,
            LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    Matcher m = P95_ASSERTION.matcher(run.output());
    assertTrue(m.find(), run.output());
    assertEquals("false", m.group(1));
    assertTrue(
        Integer.parseInt(m.group(2)) >= 300, "every answer is delayed 300 ms: " + m.group(2));
    String report = Files.readString(run.runDir().orElseThrow().resolve("index.html"));
    assertTrue(report.contains("Global: 95th percentile of response time is less than 250.0"));
    assertTrue(report.contains(">KO<"), "the report marks the breached assertion KO");
  }

  @Test
  void errorFaultBreachesTheErrorTierGate(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED, props("demo.faults.errorRate", "20%"), results, LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    assertTrue(
        Pattern.compile("Global: percentage of failed events is less than 1\\.0 : false")
            .matcher(run.output())
            .find(),
        run.output());
  }
}
