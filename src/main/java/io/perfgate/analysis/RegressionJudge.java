package io.perfgate.analysis;

import io.perfgate.gate.EnoughDataRule;
import io.perfgate.gate.Gate;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.statistics.Change;
import io.perfgate.statistics.Decision;
import io.perfgate.statistics.Figure;
import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.statistics.MinimumEffect;
import io.perfgate.statistics.Quantile;
import io.perfgate.statistics.Regressions;
import io.perfgate.summary.Figures;
import io.perfgate.summary.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The regression gates of a run, judged after the run against its baseline by {@link Regressions}:
 * p95, p99, throughput and the error rate of all requests in the measured window. A figure
 * regresses only when its change is larger than the minimum effect (sla.regression) and its whole
 * 95 % interval lies on the worse side of no change; the interval comes from a block bootstrap over
 * both runs' seconds for a pinned baseline, from the spread between runs for a rolling one.
 *
 * <p>Only the run's global figures are gated: the false-alarm level holds per figure (at most 2.5 %
 * when nothing changed), so every request's figures would multiply the chances of a false alarm,
 * and the stored per-second distributions are of all requests only. Too little data (a run shorter
 * than the statistics' minimum, too few requests for a percentile, no earlier run yet) leaves a
 * gate unjudged, never failed. A saved baseline from before distributions were kept is judged on
 * its figures against fixed limits, as perfgate did before.
 */
final class RegressionJudge {
  /** The figures gated, in the order of the gates. */
  static final List<Figure> FIGURES =
      List.of(
          Figure.percentile(Quantile.P95),
          Figure.percentile(Quantile.P99),
          Figure.THROUGHPUT,
          Figure.ERRORS);

  private final RegressionLimits limits;
  private final Regressions regressions;

  RegressionJudge(RegressionLimits limits, EnoughDataRule enoughData) {
    this.limits = limits;
    this.regressions =
        new Regressions(
            Regressions.Options.DEFAULT
                .withEnoughData(enoughData.rule())
                .withLatency(new MinimumEffect(limits.latency(), limits.latencyFloor().toMillis()))
                .withThroughput(new MinimumEffect(limits.throughput(), 0))
                .withErrors(new MinimumEffect(0, limits.errorPoints())));
  }

  /** The options the decisions are taken with. */
  Regressions.Options options() {
    return regressions.options();
  }

  /**
   * The gates, one per figure of {@link #FIGURES}.
   *
   * @param current the run's measured seconds
   * @param measured the run's measured figures (for a baseline judged on figures only)
   */
  List<GateResult> judge(RegressionBaseline b, MeasuredSeconds current, Figures measured) {
    if (b.runs().isEmpty()) {
      String why =
          "not enough data: no earlier passing run of this simulation, profile and environment to"
              + " compare with yet";
      return FIGURES.stream()
          .map(
              f -> result(f, b, Double.NaN, f.of(current), GateResult.Outcome.NOT_ENOUGH_DATA, why))
          .toList();
    }
    if (!b.hasSeconds()) {
      return onFigures(b, measured);
    }
    List<MeasuredSeconds> baselines =
        b.runs().stream().map(r -> r.seconds().orElseThrow()).toList();
    List<Decision> decisions = regressions.againstRuns(baselines, current, FIGURES);
    // A single pinned run shows the noise within a run, not between runs (a JVM's tail differs
    // from run to run): a regression against it must also lie beyond the spread of the recent
    // passing runs, when the history has them.
    List<Decision> recent =
        b.checksRecent()
            ? regressions.againstRuns(
                b.recent().stream().map(r -> r.seconds().orElseThrow()).toList(), current, FIGURES)
            : List.of();
    List<GateResult> out = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      Decision d = decisions.get(i);
      Change c = renamed(d.change(), b.description());
      if (d.isRegression()
          && !recent.isEmpty()
          && (recent.get(i).outcome() == Decision.Outcome.NO_CHANGE
              || recent.get(i).outcome() == Decision.Outcome.IMPROVEMENT)) {
        out.add(
            result(
                c.figure(),
                b,
                threshold(c.figure(), c.baseline()),
                c.current(),
                GateResult.Outcome.PASSED,
                c.sentence()
                    + ": no regression, beyond this run's own noise but within the spread of the"
                    + " last "
                    + b.recent().size()
                    + " runs ("
                    + recent.get(i).change().sentence()
                    + ")"));
      } else {
        out.add(gate(b, c, d));
      }
    }
    return out;
  }

  /** How the decisions were taken, for the summary's baseline section. */
  String method(RegressionBaseline b) {
    if (b.runs().isEmpty()) {
      return "";
    }
    String effects =
        String.format(
            Locale.ROOT,
            "a regression is a change larger than the minimum effect (latency %s %% and at least"
                + " %d ms, throughput %s %%, errors %s points) whose whole %s %% interval lies on"
                + " the worse side",
            plain(100 * limits.latency()),
            limits.latencyFloor().toMillis(),
            plain(100 * limits.throughput()),
            plain(limits.errorPoints()),
            plain(100 * options().confidence()));
    if (!b.hasSeconds()) {
      return "fixed limits on the baseline's figures (the saved baseline has no stored"
          + " distributions, so the noise is not estimated; save it again to judge against the"
          + " noise)";
    }
    if (b.runs().size() == 1) {
      return "circular block bootstrap over the measured seconds of both runs ("
          + String.format(Locale.ROOT, "%,d", options().replicates())
          + " resamples from a fixed seed); "
          + effects
          + (b.checksRecent()
              ? "; and a regression must also lie beyond the spread of the last "
                  + b.recent().size()
                  + " passing runs (Student t prediction interval), which one run's seconds"
                  + " cannot show"
              : "");
    }
    return "spread between the last "
        + b.runs().size()
        + " runs (Student t prediction interval for one more run), never narrower than this"
        + " run's own noise (block bootstrap over its seconds); "
        + effects;
  }

  private GateResult gate(RegressionBaseline b, Change c, Decision d) {
    Figure f = c.figure();
    double threshold = threshold(f, c.baseline());
    String note = c.sentence() + ": " + d.reason();
    GateResult.Outcome outcome =
        switch (d.outcome()) {
          case REGRESSION -> GateResult.Outcome.FAILED;
          case IMPROVEMENT, NO_CHANGE -> GateResult.Outcome.PASSED;
          case NOT_ENOUGH_DATA -> GateResult.Outcome.NOT_ENOUGH_DATA;
        };
    if (d.outcome() == Decision.Outcome.NOT_ENOUGH_DATA) {
      // "not judged, not enough data: ..." reads better as the reason first.
      note = d.reason().replaceFirst("^not judged, ", "") + " (against " + b.description() + ")";
    }
    if (outcome == GateResult.Outcome.FAILED
        && f instanceof Figure.Errors
        && c.current() <= limits.errorsFloor()) {
      outcome = GateResult.Outcome.PASSED;
      note =
          c.sentence()
              + ": no regression, "
              + plain(c.current())
              + " % of requests failed, at or below sla.regression.errorsFloor ("
              + plain(limits.errorsFloor())
              + " %)";
    }
    return result(f, b, threshold, c.current(), outcome, note);
  }

  /** A saved baseline without distributions: each figure against a fixed limit, as before. */
  private List<GateResult> onFigures(RegressionBaseline b, Figures measured) {
    Figures then = b.runs().get(b.runs().size() - 1).measured();
    List<GateResult> out = new ArrayList<>();
    for (Figure f : FIGURES) {
      double before = value(f, then);
      double now = value(f, measured);
      if (measured.count() == 0 || then.count() == 0) {
        out.add(unjudged(f, b, before, now, "not enough data: no request to compare"));
        continue;
      }
      double limit =
          f instanceof Figure.Percentile
              ? limits.latencyLimit(before)
              : f instanceof Figure.Throughput
                  ? limits.throughputLimit(before)
                  : limits.errorLimit(before);
      boolean held = f.higherIsWorse() ? now <= limit : now >= limit;
      String change =
          new Change(
                  f,
                  before,
                  now,
                  now - before,
                  Double.NaN,
                  Double.NaN,
                  options().confidence(),
                  b.description(),
                  "fixed limit",
                  0)
              .sentence();
      String note =
          change
              + ": "
              + (held ? "within" : "beyond")
              + " the fixed limit of "
              + plain(limit)
              + " "
              + f.unit()
              + " (the saved baseline has no stored distributions, so the noise is not"
              + " estimated; save it again with `baseline save` to judge against the noise)";
      out.add(
          result(
              f,
              b,
              limit,
              now,
              held ? GateResult.Outcome.PASSED : GateResult.Outcome.FAILED,
              note));
    }
    return out;
  }

  private GateResult unjudged(
      Figure f, RegressionBaseline b, double before, double now, String why) {
    return result(
        f,
        b,
        Double.isFinite(before) ? threshold(f, before) : Double.NaN,
        now,
        GateResult.Outcome.NOT_ENOUGH_DATA,
        why + " (against " + b.description() + ")");
  }

  private GateResult result(
      Figure f,
      RegressionBaseline b,
      double threshold,
      double actual,
      GateResult.Outcome outcome,
      String note) {
    String criterion = criterion(f);
    return new GateResult(
        "global " + criterion,
        Gate.Kind.REGRESSION,
        "global",
        criterion,
        threshold,
        Double.isFinite(actual) ? OptionalDouble.of(actual) : OptionalDouble.empty(),
        unit(f),
        outcome != GateResult.Outcome.FAILED,
        outcome,
        note,
        Optional.empty(),
        b.origin());
  }

  /** "p95 no regression", "throughput no regression". */
  static String criterion(Figure f) {
    return f.label() + " no regression";
  }

  /** The value beyond which a change can count at all: the baseline and the minimum effect. */
  private double threshold(Figure f, double baseline) {
    if (!Double.isFinite(baseline)) {
      return Double.NaN;
    }
    double effect = options().effectFor(f).threshold(baseline);
    return f.higherIsWorse() ? baseline + effect : baseline - effect;
  }

  static String unit(Figure f) {
    if (f instanceof Figure.Percentile) {
      return "ms";
    }
    return f instanceof Figure.Throughput ? "/s" : "%";
  }

  /** A figure of a summary, in the unit the statistics use. */
  static double value(Figure f, Figures x) {
    if (f instanceof Figure.Percentile p) {
      if (p.quantile().equals(Quantile.P95)) {
        return x.p95();
      }
      return p.quantile().equals(Quantile.P99) ? x.p99() : Double.NaN;
    }
    return f instanceof Figure.Throughput ? x.rps() : x.errorPercent();
  }

  /** The same change, named as the verdicts name the baseline ("baseline <run>"). */
  private static Change renamed(Change c, String against) {
    return new Change(
        c.figure(),
        c.baseline(),
        c.current(),
        c.difference(),
        c.low(),
        c.high(),
        c.confidence(),
        against,
        c.method(),
        c.values());
  }

  static String plain(double x) {
    if (!Double.isFinite(x)) {
      return "n/a";
    }
    double a = Math.abs(x);
    int decimals = a >= 10 ? 0 : a >= 1 ? 1 : 2;
    return new java.math.BigDecimal(x)
        .setScale(decimals, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
