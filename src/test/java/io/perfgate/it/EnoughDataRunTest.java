package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 10-second run whose gate on the p99 of the health requests cannot have enough values (p99
 * needs 1,000; the run makes a few hundred): every output says "not enough data" and the run
 * passes, although the gate's 1 ms would be breached; a strict pipeline makes it fail.
 */
class EnoughDataRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NOTE =
      Pattern.compile("not enough data: (\\d+) requests, p99 needs 1,000");

  private static Map<String, String> props(String... extra) {
    Map<String, String> p = GateRunTest.props(extra);
    p.put("perfgate.config", "src/test/resources/it/enough-data.conf");
    return p;
  }

  @Test
  void aP99GateOfTooFewRequestsIsNotJudgedAnywhereAndTheRunPasses(@TempDir Path results)
      throws Exception {
    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props(), results, LIMIT);

    assertEquals(0, run.exitCode(), run.output());
    // The plan warned before any load was sent.
    assertTrue(
        run.output().contains("WARNING: request health p99 < 1ms: this plan makes at most about"),
        run.output());
    // The console's verdict block.
    Matcher console =
        Pattern.compile(
                "\\|   request health p99 < 1ms +1ms +\\d+ms +- +not judged +\\|\\n\\|       "
                    + NOTE.pattern())
            .matcher(run.output());
    assertTrue(console.find(), run.output());
    long health = Long.parseLong(console.group(1));
    assertTrue(health > 20 && health < 1000, "a few hundred health requests: " + health);
    assertTrue(run.output().contains("gates were not judged (not enough data)"), run.output());

    Path perfgate = run.runDir().orElseThrow().resolve("perfgate");
    JsonNode summary = JSON.readTree(perfgate.resolve("summary.json").toFile());
    JsonNode gate = gate(summary, "request health p99 < 1ms");
    assertEquals("not-enough-data", gate.path("outcome").asText());
    assertTrue(gate.path("passed").asBoolean());
    assertEquals(
        "not enough data: " + health + " requests, p99 needs 1,000", gate.path("note").asText());
    assertTrue(gate.path("actual").asDouble() > 1, "the p99 itself is far above 1 ms");
    assertFalse("FAIL".equals(summary.path("verdict").asText()), summary.toString());

    String md = Files.readString(perfgate.resolve("summary.md"));
    assertTrue(md.contains("| request health p99 < 1ms | 1ms |"), md);
    assertTrue(md.contains("| - | not judged |"), md);
    assertTrue(
        md.contains("- request health p99 < 1ms: not enough data: " + health + " requests"), md);

    Path junit = perfgate.resolve("junit.xml");
    JunitSchema.validate(junit);
    String xml = Files.readString(junit);
    assertTrue(
        xml.contains(
            "<skipped message=\"request health p99 &lt; 1ms not judged: not enough data: "
                + health
                + " requests, p99 needs 1,000\" type=\"Not enough data\"/>"),
        xml);

    String page = Files.readString(perfgate.resolve("index.html"));
    assertTrue(page.contains("not enough data: " + health + " requests, p99 needs 1,000"), page);
    assertTrue(page.contains("<td class=\"result-unjudged\">not judged</td>"), page);

    // Gatling's assertion table says the same.
    String report = Files.readString(run.runDir().orElseThrow().resolve("index.html"));
    assertTrue(report.contains(">NOT JUDGED<"), "Gatling's report marks the row");
  }

  @Test
  void aStrictPipelineFailsTheRunInstead(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED, props("sla.enoughData.fail", "true"), results, LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    JsonNode summary =
        JSON.readTree(
            run.runDir().orElseThrow().resolve("perfgate").resolve("summary.json").toFile());
    JsonNode gate = gate(summary, "request health p99 < 1ms");
    assertEquals("not-enough-data", gate.path("outcome").asText());
    assertFalse(gate.path("passed").asBoolean());
    assertTrue(
        gate.path("note").asText().endsWith("(sla.enoughData.fail is set, so the gate fails)"));
    assertEquals("FAIL", summary.path("verdict").asText());
    String xml =
        Files.readString(run.runDir().orElseThrow().resolve("perfgate").resolve("junit.xml"));
    assertTrue(xml.contains("type=\"Not enough data\""), xml);
    assertTrue(xml.contains("<failure message=\"request health p99 &lt; 1ms breached"), xml);
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
