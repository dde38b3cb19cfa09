package io.perfgate.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.analysis.Verdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link RunRecord} as one line of JSON, and back. Built and read by hand, like summary.json, so
 * the property order is the order written here and a reader can say which property is wrong.
 * Readers ignore properties they do not know: a newer perfgate may add some without changing {@link
 * #SCHEMA_VERSION}.
 */
final class HistoryJson {
  static final int SCHEMA_VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Not indented: a record must stay on one line. Two objects on one line are a damaged line.
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private HistoryJson() {}

  /** Why a line that is JSON is still not a run record. */
  static final class NotARecord extends Exception {
    private static final long serialVersionUID = 1L;

    NotARecord(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The record as one line of JSON, without the line break. */
  static String line(RunRecord r) {
    ObjectNode node = NODES.objectNode();
    node.put("schemaVersion", SCHEMA_VERSION);
    node.put("run", r.runId());
    node.put("simulation", r.simulation());
    node.put("profile", r.profile());
    node.put("environment", r.environment());
    r.commit().ifPresent(c -> node.put("commit", c));
    node.put("start", ISO.format(Instant.ofEpochMilli(r.start())));
    node.put("startEpochMillis", r.start());
    node.put("durationMillis", r.durationMillis());
    node.put("truncated", r.truncated());
    node.put("aborted", r.aborted());
    node.put("verdict", r.verdict().name());
    node.set("global", figures(r.global()));
    node.set("measured", figures(r.measured()));
    ArrayNode requests = node.putArray("requests");
    for (RunRecord.RequestFigures q : r.requests()) {
      ObjectNode o = requests.addObject();
      o.put("path", q.path());
      o.put("count", q.count());
      o.put("p95", q.p95());
      o.put("p99", q.p99());
      o.set("errorPercent", num(q.errorPercent()));
      o.set("rps", num(q.rps()));
    }
    node.put("gatlingReport", r.gatlingReport());
    node.put("perfgatePage", r.perfgatePage());
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serializes to a string", e);
    }
  }

  private static ObjectNode figures(RunRecord.KeyFigures f) {
    ObjectNode o = NODES.objectNode();
    o.put("count", f.count());
    o.put("p50", f.p50());
    o.put("p95", f.p95());
    o.put("p99", f.p99());
    o.set("errorPercent", num(f.errorPercent()));
    o.set("rps", num(f.rps()));
    return o;
  }

  /** JSON has no NaN: an unknown figure is null. */
  private static JsonNode num(double v) {
    return Double.isFinite(v) ? NODES.numberNode(v) : NODES.nullNode();
  }

  /**
   * Reads a parsed line; throws with the reason when it is not a run record this perfgate reads.
   */
  static RunRecord record(JsonNode node) throws NotARecord {
    if (!node.isObject()) {
      throw new NotARecord("it is JSON but not an object");
    }
    JsonNode version = node.get("schemaVersion");
    if (version == null || !version.canConvertToInt()) {
      throw new NotARecord("it has no numeric schemaVersion");
    }
    if (version.asInt() < 1 || version.asInt() > SCHEMA_VERSION) {
      throw new NotARecord(
          "it has schemaVersion "
              + version.asInt()
              + ", and this perfgate reads version "
              + SCHEMA_VERSION
              + " only (a newer perfgate wrote it?)");
    }
    String verdictText = text(node, "verdict");
    Verdict verdict;
    try {
      verdict = Verdict.valueOf(verdictText);
    } catch (IllegalArgumentException e) {
      throw new NotARecord("its verdict '" + verdictText + "' is none of PASS, WARN, FAIL");
    }
    List<RunRecord.RequestFigures> requests = new ArrayList<>();
    JsonNode list = node.path("requests");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new NotARecord("its 'requests' is not a list");
    }
    for (JsonNode q : list) {
      requests.add(
          new RunRecord.RequestFigures(
              text(q, "path"),
              whole(q, "count"),
              whole(q, "p95"),
              whole(q, "p99"),
              decimal(q, "errorPercent"),
              decimal(q, "rps")));
    }
    JsonNode commit = node.get("commit");
    return new RunRecord(
        text(node, "run"),
        text(node, "simulation"),
        text(node, "profile"),
        node.path("environment").asText(""),
        commit != null && commit.isTextual() && !commit.asText().isBlank()
            ? Optional.of(commit.asText())
            : Optional.empty(),
        whole(node, "startEpochMillis"),
        node.path("durationMillis").asLong(0),
        node.path("truncated").asBoolean(false),
        node.path("aborted").asBoolean(false),
        verdict,
        figures(node, "global"),
        figures(node, "measured"),
        requests,
        node.path("gatlingReport").asText(""),
        node.path("perfgatePage").asText(""));
  }

  private static RunRecord.KeyFigures figures(JsonNode parent, String field) throws NotARecord {
    JsonNode f = parent.get(field);
    if (f == null || !f.isObject()) {
      throw new NotARecord("it has no '" + field + "' figures");
    }
    return new RunRecord.KeyFigures(
        whole(f, "count"),
        whole(f, "p50"),
        whole(f, "p95"),
        whole(f, "p99"),
        decimal(f, "errorPercent"),
        decimal(f, "rps"));
  }

  private static String text(JsonNode parent, String field) throws NotARecord {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new NotARecord("its '" + field + "' is missing or not text");
    }
    return v.asText();
  }

  private static long whole(JsonNode parent, String field) throws NotARecord {
    JsonNode v = parent.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new NotARecord("its '" + field + "' is missing or not a whole number");
    }
    return v.asLong();
  }

  private static double decimal(JsonNode parent, String field) throws NotARecord {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (!v.isNumber()) {
      throw new NotARecord("its '" + field + "' is not a number");
    }
    return v.asDouble();
  }
}
