package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode written(Summary report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryCodec.write(report, out);
    return JSON.readTree(out.toByteArray());
  }

  @Test
  void everySummaryValidatesAgainstTheSchemaAndDeclaresEveryProperty() throws IOException {
    JsonNode schema = SchemaCheck.schema();
    for (Summary report : Reports.all()) {
      List<String> problems = SchemaCheck.validate(schema, written(report), true);
      assertEquals(List.of(), problems, "summary of " + report.run().scenario());
    }
  }

  @Test
  void schemaIsDraft202012AndUsesOnlyKeywordsTheCheckUnderstands() throws IOException {
    JsonNode schema = SchemaCheck.schema();
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    assertEquals(List.of(), SchemaCheck.unknownKeywords(schema));
  }

  @Test
  void theCheckCatchesAMissingRequiredPropertyAndAWrongType() throws IOException {
    JsonNode schema = SchemaCheck.schema();
    var tree = SummaryCodec.tree(Reports.failing());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("run")).remove("warmUpMillis");
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("verdict", "MAYBE");
    List<String> problems = SchemaCheck.validate(schema, tree, true);
    assertTrue(
        problems.stream().anyMatch(p -> p.contains("'warmUpMillis' is missing")),
        problems::toString);
    assertTrue(problems.stream().anyMatch(p -> p.contains("MAYBE")), problems::toString);
  }

  @Test
  void topLevelNamesComeInSchemaOrder() throws IOException {
    List<String> names = new ArrayList<>();
    written(Reports.failing()).fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "schemaVersion",
            "run",
            "global",
            "measured",
            "requests",
            "groups",
            "phases",
            "perSecond",
            "errors",
            "explanations",
            "gates",
            "findings",
            "apdex",
            "baseline",
            "verdict",
            "capacity",
            "resources"),
        names);
  }

  @Test
  void runCarriesTimestampsAsUtcTextAndEpochMillis() throws IOException {
    JsonNode run = written(Reports.failing()).get("run");
    assertEquals("trackersimulation-20261123150446734", run.get("id").asText());
    assertEquals("stress", run.get("scenario").asText());
    assertEquals("2026-11-23T15:04:46.734Z", run.get("start").asText());
    assertEquals(Reports.START, run.get("startEpochMillis").asLong());
    assertEquals("2026-11-23T15:05:48.734Z", run.get("end").asText());
    assertEquals(Reports.DURATION, run.get("durationMillis").asLong());
    assertEquals(10_000, run.get("warmUpMillis").asLong());
    assertEquals("2026-11-23T15:04:56.734Z", run.get("measuredFrom").asText());
    assertTrue(run.get("abortReason").isNull());
    assertFalse(run.get("truncated").asBoolean());
  }

  @Test
  void gatesCarryThresholdTextValueActualTierAndResult() throws IOException {
    JsonNode root = written(Reports.failing());
    assertEquals("FAIL", root.get("verdict").asText());
    JsonNode p95 = root.get("gates").get(0);
    assertEquals("global p95 < 500ms", p95.get("name").asText());
    assertEquals("global", p95.get("scope").asText());
    assertEquals("sla", p95.get("kind").asText());
    assertEquals("500ms", p95.get("threshold").asText());
    assertEquals(500, p95.get("thresholdValue").asDouble());
    assertEquals(812, p95.get("actual").asDouble());
    assertEquals("ms", p95.get("unit").asText());
    assertFalse(p95.get("passed").asBoolean());
    assertEquals("acceptable", p95.get("tier").asText());
    assertEquals("resources/perfgate.conf:12", p95.get("origin").asText());
    JsonNode errors = root.get("gates").get(1);
    assertEquals("1%", errors.get("threshold").asText());
    assertEquals("poor", errors.get("tier").asText());

    JsonNode rps = written(Reports.passing()).get("gates").get(2);
    assertEquals("50/s", rps.get("threshold").asText());
    assertTrue(rps.get("tier").isNull());
    JsonNode unmeasured = written(Reports.aborted()).get("gates").get(1);
    assertTrue(unmeasured.get("actual").isNull());
  }

  @Test
  void requestsAndGroupsCarryTheirGroupPathAndBothWindows() throws IOException {
    JsonNode root = written(Reports.failing());
    JsonNode health = root.get("requests").get(0);
    assertEquals("health", health.get("name").asText());
    assertTrue(health.get("group").isNull());
    JsonNode clustered = root.get("requests").get(2);
    assertEquals("triage", clustered.get("group").asText());
    assertEquals("triage / clustered-failures", clustered.get("path").asText());
    assertEquals(812, clustered.get("global").get("p95").asLong());
    assertEquals(790, clustered.get("measured").get("p95").asLong());
    assertEquals(2.0, clustered.get("measured").get("errorPercent").asDouble(), 1e-9);
    assertEquals(9.6, clustered.get("measured").get("rps").asDouble(), 1e-9);
    assertEquals("triage", root.get("groups").get(0).get("name").asText());
    assertEquals(3250, root.get("measured").get("count").asLong());
    assertEquals(3900, root.get("global").get("count").asLong());
  }

  @Test
  void findingsUseLowerCaseWordsAndAdviceHorizons() throws IOException {
    JsonNode finding = written(Reports.failing()).get("findings").get(0);
    assertEquals("critical", finding.get("severity").asText());
    assertEquals("latency", finding.get("kind").asText());
    assertEquals("triage / clustered-failures", finding.get("subject").asText());
    assertEquals("immediate", finding.get("advice").get(0).get("horizon").asText());
    assertEquals("short-term", finding.get("advice").get(1).get("horizon").asText());
  }

  @Test
  void baselineIsNullWithoutOneAndItsDeltasWithOne() throws IOException {
    assertTrue(written(Reports.passing()).get("baseline").isNull());
    JsonNode baseline = written(Reports.withBaseline()).get("baseline");
    assertEquals("trackersimulation-20261116150000000", baseline.get("run").asText());
    assertEquals("2026-11-16T15:04:46.734Z", baseline.get("start").asText());
    assertEquals(0.1194, baseline.get("deltas").get(0).get("change").asDouble(), 1e-9);
    // From a zero baseline the change is infinite, which JSON cannot say: null, not "Infinity".
    assertTrue(baseline.get("deltas").get(2).get("change").isNull());
    assertEquals("WARN", written(Reports.withBaseline()).get("verdict").asText());
  }

  @Test
  void abortedRunSaysSo() throws IOException {
    JsonNode run = written(Reports.aborted()).get("run");
    assertTrue(run.get("aborted").asBoolean());
    assertTrue(run.get("truncated").asBoolean());
    assertEquals("Too many errors: 35% of requests failed", run.get("abortReason").asText());
    assertEquals("Only 21 s of the planned 5 min ran.", run.get("warnings").get(0).asText());
  }

  @Test
  void oddCharactersSurviveTheRoundTrip() throws IOException {
    JsonNode root = written(Reports.oddNames());
    assertEquals(Reports.ODD_REQUEST, root.get("requests").get(0).get("name").asText());
    assertEquals("grp <&>", root.get("requests").get(0).get("group").asText());
    assertEquals(Reports.ODD_MESSAGE, root.get("errors").get(0).get("message").asText());
  }

  @Test
  void outputIsUtf8() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryCodec.write(Reports.oddNames(), out);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("café 日本"));
  }

  @Test
  void readReturnsWhatWasWritten(@TempDir Path dir) throws IOException {
    for (Summary report : Reports.all()) {
      Path file = dir.resolve("summary.json");
      Files.writeString(file, SummaryCodec.render(report));
      // As text: an infinite change (from a zero baseline) is written as null and read as NaN.
      assertEquals(
          SummaryCodec.render(report),
          SummaryCodec.render(SummaryCodec.read(file)),
          "summary of " + report.run().scenario());
    }
  }

  @Test
  void readRefusesANewerSchemaAndAFileThatIsNoSummary(@TempDir Path dir) throws IOException {
    Path newer = dir.resolve("newer.json");
    Files.writeString(newer, "{\"schemaVersion\": 3, \"run\": {}}");
    IOException e = assertThrows(IOException.class, () -> SummaryCodec.read(newer));
    assertTrue(e.getMessage().contains("schemaVersion 3"), e.getMessage());
    assertTrue(e.getMessage().contains("reads versions 1 to 2"), e.getMessage());

    Path other = dir.resolve("other.json");
    Files.writeString(other, "[1, 2, 3]");
    IOException notSummary = assertThrows(IOException.class, () -> SummaryCodec.read(other));
    assertTrue(notSummary.getMessage().contains("not a perfgate summary"), notSummary.getMessage());
  }

  @Test
  void gatesCarryTheirOutcomeAndNote() throws IOException {
    JsonNode gates = written(Reports.notJudged()).get("gates");
    assertEquals("passed", gates.get(0).get("outcome").asText());
    assertEquals("", gates.get(0).get("note").asText());
    JsonNode health = gates.get(2);
    assertEquals("not-enough-data", health.get("outcome").asText());
    assertTrue(health.get("passed").asBoolean(), "it does not fail the run");
    assertEquals("not enough data: 25 requests, p99 needs 1,000", health.get("note").asText());
    assertEquals("regression", gates.get(3).get("kind").asText());
    assertEquals("failed", gates.get(3).get("outcome").asText());
    assertTrue(gates.get(4).get("thresholdValue").isNull());
    assertEquals("none", gates.get(4).get("threshold").asText());
    assertEquals(
        "not-measured", written(Reports.aborted()).get("gates").get(1).get("outcome").asText());
    JsonNode baseline = written(Reports.notJudged()).get("baseline");
    assertEquals("rolling", baseline.get("kind").asText());
    assertEquals("the last 3 runs", baseline.get("description").asText());
    assertEquals(3, baseline.get("runs").size());
    JsonNode finding = written(Reports.notJudged()).get("findings").get(0);
    assertEquals(3, finding.get("requests").size());
  }

  @Test
  void aSummaryWrittenBeforeOutcomesGetsThemFromPassedAndActual() throws IOException {
    var tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) SummaryCodec.tree(Reports.aborted());
    for (JsonNode g : tree.get("gates")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) g).remove(List.of("outcome", "note"));
    }
    Summary read = SummaryCodec.parse(tree.toString(), "old summary.json");
    assertEquals(
        io.perfgate.summary.GateResult.Outcome.NOT_MEASURED, read.gates().get(1).outcome());
    assertEquals("", read.gates().get(1).note());
    assertEquals(
        read.gates().get(0).passed()
            ? io.perfgate.summary.GateResult.Outcome.PASSED
            : io.perfgate.summary.GateResult.Outcome.FAILED,
        read.gates().get(0).outcome());
  }
}
