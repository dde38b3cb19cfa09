package io.perfgate.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfgate.analysis.RunReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Two runs side by side: run A (usually the older) and run B, figure by figure, with B's change
 * relative to A. Built from summary.json trees, so a run saved months ago compares with tonight's
 * without its RunReport; {@link #of(RunReport, RunReport)} goes through the same tree.
 *
 * @param rows the whole run's measured figures first, then every request present in both runs
 * @param onlyInA requests (by path) that B no longer has
 * @param onlyInB requests (by path) that A did not have
 */
public record RunComparison(
    Side a, Side b, List<Row> rows, List<String> onlyInA, List<String> onlyInB) {
  public RunComparison {
    rows = List.copyOf(rows);
    onlyInA = List.copyOf(onlyInA);
    onlyInB = List.copyOf(onlyInB);
  }

  /** Subject name of the rows comparing all requests of the measured windows. */
  public static final String ALL_REQUESTS = "all requests";

  /** What identifies a run in the comparison. */
  public record Side(
      String id,
      String simulation,
      String scenario,
      String environment,
      String start,
      String verdict) {}

  /**
   * One figure in both runs.
   *
   * @param unit "ms", "%", "/s" or "" for counts
   * @param change (b - a) / a; empty when a is 0 and b is not (no finite ratio)
   */
  public record Row(
      String subject, String metric, String unit, double a, double b, OptionalDouble change) {}

  private static final Map<String, String> GLOBAL_METRICS = metrics(true);
  private static final Map<String, String> REQUEST_METRICS = metrics(false);

  public static RunComparison of(RunReport a, RunReport b) {
    return of(SummaryJson.toTree(a), SummaryJson.toTree(b));
  }

  /**
   * @throws IllegalArgumentException when either tree is not a summary this perfgate can read
   */
  public static RunComparison of(JsonNode a, JsonNode b) {
    check(a, "run A");
    check(b, "run B");
    List<Row> rows = new ArrayList<>();
    compare(ALL_REQUESTS, a.path("measured"), b.path("measured"), GLOBAL_METRICS, rows);

    Map<String, JsonNode> requestsA = byPath(a.path("requests"));
    Map<String, JsonNode> requestsB = byPath(b.path("requests"));
    List<String> onlyInA = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : requestsA.entrySet()) {
      JsonNode other = requestsB.get(e.getKey());
      if (other == null) {
        onlyInA.add(e.getKey());
      } else {
        compare(
            e.getKey(),
            e.getValue().path("measured"),
            other.path("measured"),
            REQUEST_METRICS,
            rows);
      }
    }
    List<String> onlyInB =
        requestsB.keySet().stream().filter(k -> !requestsA.containsKey(k)).toList();
    return new RunComparison(side(a), side(b), rows, onlyInA, onlyInB);
  }

  /** Relative change of b against a, as the rows carry it. */
  static OptionalDouble change(double a, double b) {
    if (a == 0) {
      return b == 0 ? OptionalDouble.of(0) : OptionalDouble.empty();
    }
    return OptionalDouble.of((b - a) / a);
  }

  private static void check(JsonNode node, String which) {
    try {
      SummaryJson.checked(node, which);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void compare(
      String subject, JsonNode a, JsonNode b, Map<String, String> metrics, List<Row> rows) {
    metrics.forEach(
        (metric, unit) -> {
          double va = a.path(metric).asDouble();
          double vb = b.path(metric).asDouble();
          rows.add(new Row(subject, metric, unit, va, vb, change(va, vb)));
        });
  }

  private static Map<String, JsonNode> byPath(JsonNode requests) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    for (JsonNode r : requests) {
      map.putIfAbsent(r.path("path").asText(r.path("name").asText()), r);
    }
    return map;
  }

  private static Side side(JsonNode root) {
    JsonNode run = root.path("run");
    return new Side(
        run.path("id").asText(),
        run.path("simulation").asText(),
        run.path("scenario").asText(),
        run.path("environment").asText(),
        run.path("start").asText(),
        root.path("verdict").asText());
  }

  private static Map<String, String> metrics(boolean all) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("count", "");
    m.put("errorPercent", "%");
    m.put("rps", "/s");
    if (all) {
      m.put("mean", "ms");
    }
    m.put("p50", "ms");
    if (all) {
      m.put("p75", "ms");
    }
    m.put("p95", "ms");
    m.put("p99", "ms");
    if (all) {
      m.put("p999", "ms");
      m.put("max", "ms");
    }
    return Collections.unmodifiableMap(m);
  }
}
