package io.perfgate.simulation;

import io.perfgate.analysis.GateJudge;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Metric;
import io.perfgate.gate.Scope;
import io.perfgate.live.StopStanding;
import io.perfgate.profile.StopCriteria;
import io.perfgate.results.SlidingWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stop criteria's standing on the latest window, for the live page and metrics: each criterion
 * that is on, the window's value against its limit (in base units: a ratio, seconds), and whether
 * it is met. The decision itself is {@link io.perfgate.analysis.StopJudge}'s; these are the same
 * figures, shown.
 */
final class StopStandings {
  private final StopCriteria criteria;
  private final long warmUpMillis;
  private final List<Gate> gates;

  StopStandings(StopCriteria criteria, Duration warmUp, List<Gate> gates) {
    this.criteria = criteria;
    this.warmUpMillis = warmUp.toMillis();
    this.gates =
        gates.stream()
            .filter(g -> g.scope().kind() == Scope.Kind.GLOBAL)
            .filter(g -> g.criterion().metric() != Metric.RPS)
            .toList();
  }

  StopStanding of(SlidingWindow.Snapshot w) {
    double seconds = (w.toMillis() - w.fromMillis()) / 1000.0;
    boolean rated = w.requests() >= criteria.minRequests();
    boolean measured = rated && w.fromMillis() >= warmUpMillis;
    List<StopStanding.Criterion> out = new ArrayList<>();
    criteria
        .errorRate()
        .ifPresent(
            limit -> {
              double v = rated ? w.errorPercent() / 100 : Double.NaN;
              out.add(
                  new StopStanding.Criterion(
                      StopStanding.Kind.ERROR_RATIO, v, limit / 100, v > limit / 100));
            });
    criteria
        .p95()
        .ifPresent(
            limit -> {
              double v = measured ? w.figures().p95() / 1000.0 : Double.NaN;
              double l = limit.toMillis() / 1000.0;
              out.add(new StopStanding.Criterion(StopStanding.Kind.P95, v, l, v > l));
            });
    criteria
        .errors()
        .ifPresent(
            limit ->
                out.add(
                    new StopStanding.Criterion(
                        StopStanding.Kind.ERRORS,
                        w.totalErrors(),
                        limit,
                        w.totalErrors() >= limit)));
    if (criteria.gates()) {
      double breached = Double.NaN;
      if (measured) {
        breached = 0;
        for (Gate g : gates) {
          double actual = GateJudge.actual(g.criterion().metric(), w.figures());
          if (!Double.isNaN(actual) && !g.criterion().holds(actual)) {
            breached = 1;
          }
        }
      }
      out.add(new StopStanding.Criterion(StopStanding.Kind.GATES, breached, 0, breached > 0));
    }
    return new StopStanding(seconds, w.requests(), out);
  }
}
