package io.perfgate.cli;

import io.perfgate.gate.Gate;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;

/**
 * The facts CI scripts decide on, one key=value a line, from a run's summary (the `facts` command):
 *
 * <pre>
 * run=trackersimulation-20261123152838422    the run folder's name
 * simulation=TrackerSimulation
 * scenario=smoke
 * verdict=FAIL                               PASS, WARN or FAIL
 * truncated=false                            the log was cut short (a killed run)
 * aborted=false                              a stop criterion ended the run
 * requests=116                               every request of the whole run
 * ok=116                                     the requests that succeeded
 * p95=212                                    the measured window's p95 and p99, exact, in ms
 * p99=340
 * gates=9                                    gates of the run, judged or not
 * failed=2                                   gates breached
 * failedRegression=1                         breached regression gates
 * failedSla=1                                the other breached gates
 * unjudged=1                                 gates not judged for lack of data (not failed)
 * breach=regression global p95 ... : actual 21 ms, threshold 20ms (baseline ...)   one line each
 * regression=p95 +12 % [+8 %, +16 %] against the last 5 runs: ...   each regression gate's verdict
 * </pre>
 */
final class Facts {
  private Facts() {}

  static String of(Summary s) {
    StringBuilder out = new StringBuilder();
    line(out, "run", s.run().id());
    line(out, "simulation", s.run().simulation());
    line(out, "scenario", s.run().scenario());
    line(out, "verdict", s.verdict().name());
    line(out, "truncated", Boolean.toString(s.run().truncated()));
    line(out, "aborted", Boolean.toString(s.run().aborted()));
    line(out, "requests", Long.toString(s.global().count()));
    line(out, "ok", Long.toString(s.global().ok()));
    // A summary cut down to its verdict (by hand, or from before measured windows) has none.
    if (s.measured() != null) {
      line(out, "p95", Long.toString(s.measured().p95()));
      line(out, "p99", Long.toString(s.measured().p99()));
    }
    int failed = 0;
    int regression = 0;
    StringBuilder breaches = new StringBuilder();
    for (GateResult g : s.gates()) {
      if (g.passed()) {
        continue;
      }
      failed++;
      boolean isRegression = g.kind() == Gate.Kind.REGRESSION;
      if (isRegression) {
        regression++;
      }
      line(
          breaches,
          "breach",
          (isRegression ? "regression " : "sla ")
              + g.name()
              + ": actual "
              + (g.actual().isPresent()
                  ? GateResult.withUnit(g.actual().getAsDouble(), "") + " " + g.unit()
                  : "nothing measured")
              + ", threshold "
              + g.threshold()
              + (g.origin().isEmpty() ? "" : " (" + g.origin() + ")"));
    }
    line(out, "gates", Integer.toString(s.gates().size()));
    line(out, "failed", Integer.toString(failed));
    line(out, "failedRegression", Integer.toString(regression));
    line(out, "failedSla", Integer.toString(failed - regression));
    line(
        out,
        "unjudged",
        Long.toString(s.gates().stream().filter(g -> g.unjudged() && g.passed()).count()));
    out.append(breaches);
    for (GateResult g : s.gates()) {
      if (g.kind() == Gate.Kind.REGRESSION && !g.note().isEmpty()) {
        line(out, "regression", g.note());
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key)
        .append('=')
        .append(value == null ? "" : value.replace('\n', ' ').replace('\r', ' '))
        .append('\n');
  }
}
