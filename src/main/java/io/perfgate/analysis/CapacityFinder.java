package io.perfgate.analysis;

import io.perfgate.gate.Gate;
import io.perfgate.gate.Metric;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.profile.Plan;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import io.perfgate.units.Percent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the last step of a ladder profile (breakpoint, benchmark: levels that only go up) that met
 * the SLA. A step meets it when the run held it to its end and every whole-run gate on latency and
 * errors holds on the step's own figures; the first step that does not ends the search.
 */
final class CapacityFinder {
  private CapacityFinder() {}

  /**
   * @param phases the plan's phases with their figures, in order
   * @param lastEventMillis the run's last record, in ms from its start
   * @param abort why the run stopped itself, if it did
   */
  static Optional<Summary.Capacity> find(
      Plan plan,
      List<Summary.Phase> phases,
      List<Gate> gates,
      Sla sla,
      io.perfgate.profile.ErrorBudget budget,
      long lastEventMillis,
      Optional<AbortNote> abort) {
    if (!isLadder(plan)) {
      return Optional.empty();
    }
    List<Gate> slaGates =
        gates.stream()
            .filter(g -> g.scope().kind() == Scope.Kind.GLOBAL)
            .filter(g -> g.criterion().metric() != Metric.RPS)
            .toList();
    String unit = plan.model().unit();
    Optional<Summary.Step> passing = Optional.empty();
    for (Summary.Phase p : phases) {
      boolean stoppedIn = abort.isPresent() && abort.get().atMillis() < p.toMillis();
      String why = null;
      if (stoppedIn) {
        why = "the run stopped during this step: " + abort.get().reason();
      } else if (lastEventMillis + 1000 < p.toMillis()) {
        why = "the run ended before this step did";
      } else if (p.figures().count() == 0) {
        why = "no request completed during this step";
      } else {
        for (GateResult r :
            GateJudge.judge(slaGates, sla, budget, scope -> Optional.of(p.figures()), false)) {
          if (!r.passed()) {
            why =
                String.format(
                    Locale.ROOT,
                    "%s breached: %s",
                    r.criterion(),
                    r.actual().isPresent() ? value(r) : "no figure");
            break;
          }
        }
      }
      Summary.Step step =
          new Summary.Step(p.name(), p.level(), unit, p.figures().rps(), why == null ? "" : why);
      if (why != null) {
        return Optional.of(new Summary.Capacity(passing, Optional.of(step)));
      }
      passing = Optional.of(step);
    }
    return Optional.of(new Summary.Capacity(passing, Optional.empty()));
  }

  private static String value(GateResult r) {
    double v = r.actual().getAsDouble();
    return r.unit().equals("%")
        ? "it was " + Percent.format(v)
        : "it was " + (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)) + r.unit();
  }

  /** Two or more phases whose levels only go up. */
  static boolean isLadder(Plan plan) {
    var phases = plan.phases();
    if (phases.size() < 2) {
      return false;
    }
    for (int i = 1; i < phases.size(); i++) {
      if (phases.get(i).level() <= phases.get(i - 1).level()) {
        return false;
      }
    }
    return true;
  }
}
