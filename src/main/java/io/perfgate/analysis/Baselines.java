package io.perfgate.analysis;

import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The difference between a run's measured figures and its baseline's: the pinned run's figures, or
 * the mean of the rolling baseline's runs.
 */
final class Baselines {
  private Baselines() {}

  static Summary.BaselineDiff diff(
      RegressionBaseline b, String method, Figures measured, List<Summary.Entry> requests) {
    List<Figures> then = b.runs().stream().map(RegressionBaseline.Run::measured).toList();
    List<Summary.Delta> deltas = new ArrayList<>();
    if (!then.isEmpty()) {
      add(deltas, "global", "p50", then, measured, f -> f.p50());
      add(deltas, "global", "p95", then, measured, f -> f.p95());
      add(deltas, "global", "p99", then, measured, f -> f.p99());
      add(deltas, "global", "errors %", then, measured, Figures::errorPercent);
      add(deltas, "global", "rps", then, measured, Figures::rps);
      for (Summary.Entry e : requests) {
        List<Figures> before =
            b.runs().stream()
                .filter(r -> r.requests().containsKey(e.path()))
                .map(r -> r.requests().get(e.path()))
                .toList();
        if (!before.isEmpty()) {
          add(deltas, e.path(), "p95", before, e.measured(), f -> f.p95());
        }
      }
    }
    RegressionBaseline.Run newest = b.runs().isEmpty() ? null : b.runs().get(b.runs().size() - 1);
    return new Summary.BaselineDiff(
        newest == null ? "" : newest.id(),
        newest == null ? 0 : newest.startEpochMillis(),
        b.kind(),
        b.description(),
        b.runs().stream().map(r -> new Summary.BaselineRun(r.id(), r.startEpochMillis())).toList(),
        method,
        b.notes(),
        deltas);
  }

  private static void add(
      List<Summary.Delta> out,
      String subject,
      String metric,
      List<Figures> before,
      Figures now,
      ToDoubleFunction<Figures> value) {
    double then = before.stream().mapToDouble(value).average().orElse(Double.NaN);
    double current = value.applyAsDouble(now);
    double change =
        then == 0 ? (current == 0 ? 0 : Double.POSITIVE_INFINITY) : (current - then) / then;
    out.add(new Summary.Delta(subject, metric, then, current, change));
  }
}
