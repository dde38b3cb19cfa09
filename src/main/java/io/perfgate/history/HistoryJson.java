package io.perfgate.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.summary.SummaryCodec;
import java.util.Set;

/**
 * A {@link RunRecord} as one line of JSON, and back, through perfgate's one codec ({@link
 * SummaryCodec}). Readers ignore properties they do not know; a line of an older perfgate (version
 * 1, key figures only) is read as well.
 */
final class HistoryJson {
  private static final Set<String> VERDICTS = Set.of("PASS", "WARN", "FAIL");

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
    return SummaryCodec.line(r);
  }

  /** Parses one line; throws when it is not one JSON value. */
  static JsonNode parse(String text) throws JsonProcessingException {
    return SummaryCodec.parseLine(text);
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
    if (version.asInt() < 1 || version.asInt() > RunRecord.SCHEMA_VERSION) {
      throw new NotARecord(
          "it has schemaVersion "
              + version.asInt()
              + ", and this perfgate reads versions 1 to "
              + RunRecord.SCHEMA_VERSION
              + " only (a newer perfgate wrote it?)");
    }
    text(node, "run");
    text(node, "simulation");
    text(node, "profile");
    whole(node, "startEpochMillis");
    String verdict = text(node, "verdict");
    if (!VERDICTS.contains(verdict)) {
      throw new NotARecord("its verdict '" + verdict + "' is none of PASS, WARN, FAIL");
    }
    object(node, "global");
    object(node, "measured");
    JsonNode list = node.path("requests");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new NotARecord("its 'requests' is not a list");
    }
    ObjectNode current =
        version.asInt() == 1 ? fromVersion1((ObjectNode) node.deepCopy()) : (ObjectNode) node;
    try {
      return SummaryCodec.fromLine(current, RunRecord.class);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new NotARecord(
          "it does not read as a run record ("
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString())
              + ")");
    }
  }

  /**
   * Version 1 kept key figures (count, p50, p95, p99, errorPercent, rps) and each request's flat;
   * the failures are recovered from the error percentage.
   */
  private static ObjectNode fromVersion1(ObjectNode node) {
    upgradeFigures((ObjectNode) node.get("global"));
    upgradeFigures((ObjectNode) node.get("measured"));
    if (node.path("requests") instanceof ArrayNode requests) {
      ArrayNode upgraded = node.arrayNode();
      for (JsonNode q : requests) {
        ObjectNode figures = q.deepCopy();
        figures.remove("path");
        upgradeFigures(figures);
        upgraded.addObject().put("path", q.path("path").asText("")).set("measured", figures);
      }
      node.set("requests", upgraded);
    }
    return node;
  }

  private static void upgradeFigures(ObjectNode f) {
    long count = f.path("count").asLong(0);
    double errors = f.path("errorPercent").asDouble(0);
    long ko = Math.round(count * errors / 100);
    f.put("ko", ko).put("ok", count - ko);
  }

  private static String text(JsonNode parent, String field) throws NotARecord {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new NotARecord("its '" + field + "' is missing or not text");
    }
    return v.asText();
  }

  private static void whole(JsonNode parent, String field) throws NotARecord {
    JsonNode v = parent.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new NotARecord("its '" + field + "' is missing or not a whole number");
    }
  }

  private static void object(JsonNode parent, String field) throws NotARecord {
    JsonNode f = parent.get(field);
    if (f == null || !f.isObject()) {
      throw new NotARecord("it has no '" + field + "' figures");
    }
  }
}
