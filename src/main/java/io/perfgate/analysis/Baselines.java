package io.perfgate.analysis;

import io.perfgate.baseline.Baseline;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The difference between a run's measured figures and its baseline's. */
final class Baselines {
  private Baselines() {}

  static Summary.BaselineDiff diff(Baseline b, Figures measured, List<Summary.Entry> requests) {
    Figures then = b.summary().measured();
    List<Summary.Delta> deltas = new ArrayList<>();
    add(deltas, "global", "p50", then.p50(), measured.p50());
    add(deltas, "global", "p95", then.p95(), measured.p95());
    add(deltas, "global", "p99", then.p99(), measured.p99());
    add(deltas, "global", "errors %", then.errorPercent(), measured.errorPercent());
    add(deltas, "global", "rps", then.rps(), measured.rps());
    for (Summary.Entry e : requests) {
      Optional<Summary.Entry> before =
          b.summary().requests().stream().filter(x -> x.path().equals(e.path())).findFirst();
      before.ifPresent(x -> add(deltas, e.path(), "p95", x.measured().p95(), e.measured().p95()));
    }
    return new Summary.BaselineDiff(b.runId(), b.start(), deltas);
  }

  private static void add(
      List<Summary.Delta> out, String subject, String metric, double then, double now) {
    double change = then == 0 ? (now == 0 ? 0 : 1) : (now - then) / then;
    out.add(new Summary.Delta(subject, metric, then, now, change));
  }
}
