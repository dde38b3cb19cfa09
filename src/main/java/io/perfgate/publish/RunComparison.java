package io.perfgate.publish;

import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Two runs side by side: run A (usually the older) and run B, figure by figure, with B's change
 * relative to A. Built from the two runs' summaries, read through the one summary codec, so a run
 * saved months ago (an older summary version) compares with tonight's.
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

  /** A figure the comparison shows: its name, unit and how to read it. */
  private record Metric(String name, String unit, ToDoubleFunction<Figures> value) {}

  private static final List<Metric> GLOBAL_METRICS = metrics(true);
  private static final List<Metric> REQUEST_METRICS = metrics(false);

  public static RunComparison of(Summary a, Summary b) {
    List<Row> rows = new ArrayList<>();
    compare(ALL_REQUESTS, a.measured(), b.measured(), GLOBAL_METRICS, rows);
    Map<String, Summary.Entry> requestsA = byPath(a);
    Map<String, Summary.Entry> requestsB = byPath(b);
    List<String> onlyInA = new ArrayList<>();
    for (Map.Entry<String, Summary.Entry> e : requestsA.entrySet()) {
      Summary.Entry other = requestsB.get(e.getKey());
      if (other == null) {
        onlyInA.add(e.getKey());
      } else {
        compare(e.getKey(), e.getValue().measured(), other.measured(), REQUEST_METRICS, rows);
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

  private static void compare(
      String subject, Figures a, Figures b, List<Metric> metrics, List<Row> rows) {
    for (Metric m : metrics) {
      double va = m.value().applyAsDouble(a);
      double vb = m.value().applyAsDouble(b);
      rows.add(new Row(subject, m.name(), m.unit(), va, vb, change(va, vb)));
    }
  }

  private static Map<String, Summary.Entry> byPath(Summary s) {
    Map<String, Summary.Entry> map = new LinkedHashMap<>();
    for (Summary.Entry e : s.requests()) {
      map.putIfAbsent(e.path(), e);
    }
    return map;
  }

  private static Side side(Summary s) {
    Summary.Run run = s.run();
    return new Side(
        run.id(),
        run.simulation(),
        run.scenario(),
        run.environment(),
        run.start(),
        s.verdict().name());
  }

  private static List<Metric> metrics(boolean all) {
    List<Metric> m = new ArrayList<>();
    m.add(new Metric("count", "", Figures::count));
    m.add(new Metric("errorPercent", "%", Figures::errorPercent));
    m.add(new Metric("rps", "/s", Figures::rps));
    if (all) {
      m.add(new Metric("mean", "ms", Figures::mean));
    }
    m.add(new Metric("p50", "ms", Figures::p50));
    if (all) {
      m.add(new Metric("p75", "ms", Figures::p75));
    }
    m.add(new Metric("p95", "ms", Figures::p95));
    m.add(new Metric("p99", "ms", Figures::p99));
    if (all) {
      m.add(new Metric("p999", "ms", Figures::p999));
      m.add(new Metric("max", "ms", Figures::max));
    }
    return List.copyOf(m);
  }
}
