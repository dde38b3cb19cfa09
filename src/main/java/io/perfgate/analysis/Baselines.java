package io.perfgate.analysis;

import io.perfgate.baseline.Baseline;
import java.util.ArrayList;
import java.util.List;

/** The difference between a run's measured figures and its baseline's. */
final class Baselines {
  private Baselines() {}

  static RunReport.BaselineDiff diff(Baseline b, Figures measured, List<RunReport.Entry> requests) {
    List<RunReport.Delta> deltas = new ArrayList<>();
    add(deltas, "global", "p50", b.global().p50(), measured.p50());
    add(deltas, "global", "p95", b.global().p95(), measured.p95());
    add(deltas, "global", "p99", b.global().p99(), measured.p99());
    add(deltas, "global", "errors %", b.global().errorPercent(), measured.errorPercent());
    add(deltas, "global", "rps", b.global().rps(), measured.rps());
    for (RunReport.Entry e : requests) {
      Baseline.Figures then = b.requests().get(e.path());
      if (then != null) {
        add(deltas, e.path(), "p95", then.p95(), e.measured().p95());
      }
    }
    return new RunReport.BaselineDiff(b.runId(), b.start(), deltas);
  }

  private static void add(
      List<RunReport.Delta> out, String subject, String metric, double then, double now) {
    double change = then == 0 ? (now == 0 ? 0 : 1) : (now - then) / then;
    out.add(new RunReport.Delta(subject, metric, then, now, change));
  }
}
