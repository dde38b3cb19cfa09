package io.perfgate.analysis;

import io.perfgate.gate.Bounds;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Metric;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.gate.Tier;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Judges gates on measured figures. The same gates, in the same order, are Gatling's assertions, so
 * row i of Gatling's assertion table is gate i here. A gate on a percentile whose scope holds too
 * few values for it (sla.enoughData) is not judged: neither passed nor failed, unless the setting
 * says fail.
 */
public final class GateJudge {
  private GateJudge() {}

  /**
   * @param figures the measured figures of a scope; empty when the run has no request for it
   */
  public static List<GateResult> judge(
      List<Gate> gates, Sla sla, ErrorBudget budget, Function<Scope, Optional<Figures>> figures) {
    return judge(gates, sla, budget, figures, true);
  }

  /**
   * @param enoughData whether a percentile of too few values is left unjudged (the run's gates), or
   *     judged all the same (a capacity step, which must either meet the SLA or not)
   */
  static List<GateResult> judge(
      List<Gate> gates,
      Sla sla,
      ErrorBudget budget,
      Function<Scope, Optional<Figures>> figures,
      boolean enoughData) {
    List<GateResult> out = new ArrayList<>();
    for (Gate g : gates) {
      Optional<Figures> f = figures.apply(g.scope());
      OptionalDouble actual =
          f.map(x -> OptionalDouble.of(actual(g.criterion().metric(), x)))
              .orElse(OptionalDouble.empty());
      // A percentile of too few values is decided by a handful of the slowest requests: the p99 of
      // 25 requests is their maximum. Such a gate is not judged (see EnoughDataRule).
      Optional<String> shortfall =
          enoughData ? f.flatMap(x -> sla.enoughData().shortfall(g, x.count())) : Optional.empty();
      if (shortfall.isPresent()) {
        boolean fail = sla.enoughData().fail();
        out.add(
            new GateResult(
                g.name(),
                g.kind(),
                g.scope().label(),
                g.criterion().toString(),
                g.criterion().threshold(),
                actual,
                unit(g.criterion().metric()),
                !fail,
                GateResult.Outcome.NOT_ENOUGH_DATA,
                shortfall.get() + (fail ? " (sla.enoughData.fail is set, so the gate fails)" : ""),
                Optional.empty(),
                g.origin()));
        continue;
      }
      boolean passed = actual.isPresent() && g.criterion().holds(actual.getAsDouble());
      // The tier table is about the whole service: a request's or group's own gate has no tiers.
      Optional<Bounds> bounds =
          g.tiers()
              .or(
                  () ->
                      g.scope().kind() == Scope.Kind.GLOBAL
                          ? tierBounds(sla, budget, g.criterion().metric())
                          : Optional.empty());
      Optional<Tier> tier =
          actual.isPresent() ? bounds.map(b -> b.classify(actual.getAsDouble())) : Optional.empty();
      out.add(
          new GateResult(
              g.name(),
              g.kind(),
              g.scope().label(),
              g.criterion().toString(),
              g.criterion().threshold(),
              actual,
              unit(g.criterion().metric()),
              passed,
              tier,
              g.origin()));
    }
    return out;
  }

  /**
   * FAIL when a gate broke; WARN when all held but one is off target or a finding is critical. A
   * gate left unjudged for lack of data changes nothing, unless sla.enoughData.fail made it fail.
   */
  public static Verdict verdict(List<GateResult> results, List<Finding> findings) {
    if (results.stream().anyMatch(r -> !r.passed())) {
      return Verdict.FAIL;
    }
    boolean offTarget =
        results.stream().anyMatch(r -> r.tier().isPresent() && r.tier().get() != Tier.TARGET);
    boolean critical = findings.stream().anyMatch(f -> f.severity() == Finding.Severity.CRITICAL);
    return offTarget || critical ? Verdict.WARN : Verdict.PASS;
  }

  /** The figure a metric reads, in its unit (ms, percent, requests per second). */
  public static double actual(Metric metric, Figures f) {
    return switch (metric) {
      case P50 -> f.p50();
      case P75 -> f.p75();
      case P95 -> f.p95();
      case P99 -> f.p99();
      case P999 -> f.p999();
      case MAX -> f.max();
      case MEAN -> f.mean();
      case ERRORS -> f.errorPercent();
      case RPS -> f.rps();
    };
  }

  static String unit(Metric metric) {
    return switch (metric.kind()) {
      case LATENCY -> "ms";
      case PERCENT -> "%";
      case RATE -> "/s";
    };
  }

  private static Optional<Bounds> tierBounds(Sla sla, ErrorBudget budget, Metric metric) {
    if (metric == Metric.ERRORS) {
      return Optional.ofNullable(sla.errorTiers().get(budget));
    }
    return Optional.ofNullable(sla.latencyTiers().get(metric));
  }
}
