package io.perfgate.analysis;

import io.perfgate.gate.EnoughDataRule;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Metric;
import io.perfgate.gate.Scope;
import io.perfgate.profile.StopCriteria;
import io.perfgate.results.SlidingWindow;
import io.perfgate.units.Durations;
import io.perfgate.units.Percent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a profile's stop criteria on the latest window of a running test, and says in plain words
 * why the run must stop. Criteria on latency (p95, gates) wait until the whole window lies after
 * the warm-up; the error criteria apply from the start, so a target that is down stops the run at
 * once.
 */
public final class StopJudge {
  private final StopCriteria criteria;
  private final long warmUpMillis;
  private final List<Gate> gates;
  private final EnoughDataRule enoughData;

  /** With the default rule of how many values a percentile gate needs. */
  public StopJudge(StopCriteria criteria, Duration warmUp, List<Gate> gates) {
    this(criteria, warmUp, gates, EnoughDataRule.DEFAULT);
  }

  /**
   * @param gates the run's gates; those on the whole run's latency or error rate are judged on the
   *     window when the criteria say {@code gates}
   * @param enoughData when a percentile gate has enough values to be judged (sla.enoughData): a
   *     gate on p99 stops a run only on a window of at least 1,000 requests by default, as the
   *     verdict judges it, never on the one slowest answer of a small window
   */
  public StopJudge(
      StopCriteria criteria, Duration warmUp, List<Gate> gates, EnoughDataRule enoughData) {
    this.enoughData = enoughData;
    this.criteria = criteria;
    this.warmUpMillis = warmUp.toMillis();
    this.gates =
        gates.stream()
            .filter(g -> g.scope().kind() == Scope.Kind.GLOBAL)
            .filter(g -> g.criterion().metric() != Metric.RPS)
            .toList();
  }

  /** The reason to stop now, or empty to go on. */
  public Optional<String> judge(SlidingWindow.Snapshot w) {
    if (!criteria.active()) {
      return Optional.empty();
    }
    if (criteria.errors().isPresent() && w.totalErrors() >= criteria.errors().getAsLong()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%d requests had failed by %s into the run, the stop limit is %d",
              w.totalErrors(),
              at(w),
              criteria.errors().getAsLong()));
    }
    if (w.requests() < criteria.minRequests()) {
      return Optional.empty();
    }
    String over =
        "in the "
            + Durations.format(Duration.ofMillis(span(w)))
            + " up to "
            + at(w)
            + " into the run";
    if (criteria.errorRate().isPresent() && w.errorPercent() > criteria.errorRate().getAsDouble()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%s of requests failed %s (%d of %d), above the stop limit of %s",
              Percent.format(w.errorPercent()),
              over,
              w.errors(),
              w.requests(),
              Percent.format(criteria.errorRate().getAsDouble())));
    }
    if (w.fromMillis() < warmUpMillis) {
      return Optional.empty();
    }
    if (criteria.p95().isPresent() && w.figures().p95() > criteria.p95().get().toMillis()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "p95 was %dms %s, above the stop limit of %s",
              w.figures().p95(),
              over,
              Durations.format(criteria.p95().get())));
    }
    if (criteria.gates()) {
      for (Gate g : gates) {
        if (enoughData.shortfall(g, w.figures().count()).isPresent()) {
          continue;
        }
        double actual = GateJudge.actual(g.criterion().metric(), w.figures());
        if (!Double.isNaN(actual) && !g.criterion().holds(actual)) {
          return Optional.of(
              String.format(
                  Locale.ROOT,
                  "gate '%s' was breached %s: %s was %s",
                  g.criterion(),
                  over,
                  g.criterion().metric().label(),
                  g.criterion().metric() == Metric.ERRORS
                      ? Percent.format(actual)
                      : Math.round(actual) + "ms"));
        }
      }
    }
    return Optional.empty();
  }

  private static long span(SlidingWindow.Snapshot w) {
    return w.toMillis() - w.fromMillis();
  }

  private static String at(SlidingWindow.Snapshot w) {
    return Durations.format(Duration.ofMillis(w.toMillis()));
  }
}
