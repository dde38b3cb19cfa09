package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.statistics.Decision.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A rolling baseline of the last K runs: the spread between runs, floored at a run's own noise. */
class RollingBaselineTest {
  private static final Figure P95 = Figure.percentile(Quantile.P95);
  private static final List<Figure> FIGURES =
      List.of(P95, Figure.percentile(Quantile.P50), Figure.THROUGHPUT, Figure.ERRORS);
  private final Regressions regressions = Regressions.withDefaults();

  /**
   * Baseline p95s 100, 102, 98, 101, 99 ms: mean 100, s = √(10/4) = 1.5811; t(4, 0.975) = 2.776445;
   * half-width 2.776445 × 1.5811 × √1.2 = 4.808936. A current run whose every request took 110 ms
   * has no noise of its own, so the interval is 10 ± 4.808936 ms.
   */
  @Test
  void thePredictionIntervalOfTheLastFiveRuns() {
    MeasuredSeconds current = Load.constant(30, 0, Load.repeat(50, 110));
    Decision d = regressions.againstValues(new double[] {100, 102, 98, 101, 99}, current, P95);
    Change c = d.change();
    assertEquals(100, c.baseline(), 1e-12);
    assertEquals(110, c.current());
    assertEquals(10, c.difference(), 1e-12);
    assertEquals(10 - 4.808936, c.low(), 1e-5);
    assertEquals(10 + 4.808936, c.high(), 1e-5);
    assertEquals("p95 +10 % [+5.2 %, +15 %] against the last 5 runs", c.sentence());
    assertEquals("spread of the last 5 runs (Student t, 4 degrees of freedom)", c.method());
    assertEquals(5, c.values());
    assertEquals(Outcome.REGRESSION, d.outcome(), d.sentence());
  }

  @Test
  void twoRunsGiveAWideIntervalWithOneDegreeOfFreedom() {
    MeasuredSeconds current = Load.constant(30, 0, Load.repeat(50, 110));
    Decision d = regressions.againstValues(new double[] {98, 102}, current, P95);
    // s = 2√2, t(1, 0.975) = 12.7062, √1.5: half-width 44.01 ms.
    assertEquals(12.706205 * Math.sqrt(8) * Math.sqrt(1.5), d.change().high() - 10, 1e-4);
    assertEquals(Outcome.NO_CHANGE, d.outcome(), d.sentence());
    assertTrue(d.change().method().contains("1 degree of freedom"), d.change().method());
  }

  @Test
  void aZeroVarianceBaselineFallsBackOnTheRunsOwnNoise() {
    MeasuredSeconds current = Load.typical().draw(new SplittableRandom(21));
    double p95 = P95.of(current);
    Regressions noMinimum =
        new Regressions(Regressions.Options.DEFAULT.withLatency(new MinimumEffect(0, 0)));
    double[] flat = {p95 - 1, p95 - 1, p95 - 1, p95 - 1, p95 - 1};
    Decision oneMs = noMinimum.againstValues(flat, current, P95);
    assertEquals(Outcome.NO_CHANGE, oneMs.outcome(), oneMs.sentence());
    assertTrue(oneMs.change().low() < 0, oneMs.sentence());
    assertTrue(
        oneMs
            .change()
            .method()
            .endsWith(", raised to this run's own noise (block bootstrap over 30 s)"),
        oneMs.change().method());
    double[] muchLower = {p95 - 40, p95 - 40, p95 - 40, p95 - 40, p95 - 40};
    Decision forty = noMinimum.againstValues(muchLower, current, P95);
    assertEquals(Outcome.REGRESSION, forty.outcome(), forty.sentence());
  }

  @Test
  void aBaselineWithoutErrorsDoesNotDivideByZero() {
    MeasuredSeconds clean = Load.typical().draw(new SplittableRandom(22));
    Decision none = regressions.againstValues(new double[] {0, 0, 0, 0, 0}, clean, Figure.ERRORS);
    assertEquals(Outcome.NO_CHANGE, none.outcome(), none.sentence());
    assertEquals("errors 0 points [0, 0] against the last 5 runs", none.change().sentence());
    MeasuredSeconds few = Load.typical().errors(0.002).draw(new SplittableRandom(23));
    Decision some = regressions.againstValues(new double[] {0, 0, 0, 0, 0}, few, Figure.ERRORS);
    assertEquals(Outcome.NO_CHANGE, some.outcome(), some.sentence());
    assertTrue(
        some.reason().contains("smaller than the minimum effect of 0.5 points"), some.reason());
  }

  @Test
  void aZeroMillisecondBaselineIsComparedInMilliseconds() {
    MeasuredSeconds current = Load.constant(30, 0, Load.repeat(50, 2));
    Decision d = regressions.againstValues(new double[] {0, 0, 0}, current, P95);
    assertEquals("p95 +2 ms [+2, +2] against the last 3 runs", d.change().sentence());
    assertEquals(Outcome.NO_CHANGE, d.outcome(), d.sentence());
  }

  @Test
  void oneBaselineRunIsThePinnedComparison() {
    SplittableRandom rng = new SplittableRandom(24);
    MeasuredSeconds baseline = Load.typical().draw(rng);
    MeasuredSeconds current = Load.typical().median(56).draw(rng);
    assertEquals(
        regressions.againstRun(baseline, current, FIGURES),
        regressions.againstRuns(List.of(baseline), current, FIGURES));
  }

  @Test
  void runsAndTheirValuesGiveTheSameDecision() {
    SplittableRandom rng = new SplittableRandom(25);
    List<MeasuredSeconds> baselines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      baselines.add(Load.typical().draw(rng));
    }
    MeasuredSeconds current = Load.typical().median(65).draw(rng);
    List<Decision> fromRuns = regressions.againstRuns(baselines, current, FIGURES);
    for (int f = 0; f < FIGURES.size(); f++) {
      Figure figure = FIGURES.get(f);
      double[] values = baselines.stream().mapToDouble(figure::of).toArray();
      assertEquals(regressions.againstValues(values, current, figure), fromRuns.get(f));
    }
    assertEquals(Outcome.REGRESSION, fromRuns.get(0).outcome(), fromRuns.get(0).sentence());
    assertTrue(fromRuns.get(0).change().sentence().endsWith("against the last 4 runs"));
  }

  @Test
  void aBaselineRunWithTooFewValuesIsNamed() {
    SplittableRandom rng = new SplittableRandom(26);
    List<MeasuredSeconds> baselines =
        List.of(Load.typical().draw(rng), Load.typical().seconds(5).rps(10).draw(rng));
    Decision d = regressions.againstRuns(baselines, Load.typical().draw(rng), List.of(P95)).get(0);
    assertEquals(Outcome.NOT_ENOUGH_DATA, d.outcome());
    assertTrue(
        d.reason()
            .matches(
                "not judged, not enough data: \\d+ requests in one of the baseline runs, p95 needs 200"),
        d.reason());
  }

  @Test
  void fewerThanTwoValuesAreAProgrammingError() {
    MeasuredSeconds current = Load.typical().draw(new SplittableRandom(27));
    assertThrows(
        IllegalArgumentException.class,
        () -> regressions.againstValues(new double[] {50}, current, P95));
    assertThrows(
        IllegalArgumentException.class, () -> regressions.againstRuns(List.of(), current, FIGURES));
  }

  /**
   * 200 trials of 5 baseline runs and one current run from one distribution, each run with its own
   * random level (5 % log-normal) and per-second effects: at most 10 false regressions per figure
   * (Binomial(200, 0.025) exceeds 10 1.3 % of the time).
   */
  @Test
  void identicalRunsRarelyLookLikeARegression() {
    SplittableRandom rng = new SplittableRandom(28);
    int trials = 200;
    int[] alarms = new int[FIGURES.size()];
    for (int t = 0; t < trials; t++) {
      List<MeasuredSeconds> baselines = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        baselines.add(run(rng, 1.0, 0.05));
      }
      List<Decision> ds = regressions.againstRuns(baselines, run(rng, 1.0, 0.05), FIGURES);
      for (int f = 0; f < FIGURES.size(); f++) {
        alarms[f] += ds.get(f).isRegression() ? 1 : 0;
      }
    }
    for (int f = 0; f < FIGURES.size(); f++) {
      System.out.printf(
          "%s: %d false alarms in %d trials%n", FIGURES.get(f).label(), alarms[f], trials);
      assertTrue(alarms[f] <= 10, FIGURES.get(f).label() + ": " + alarms[f]);
    }
  }

  @Test
  void aTwentyPercentSlowerRunIsFoundAgainstQuietRuns() {
    SplittableRandom rng = new SplittableRandom(29);
    for (int t = 0; t < 10; t++) {
      List<MeasuredSeconds> baselines = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        baselines.add(run(rng, 1.0, 0.02));
      }
      Decision d = regressions.againstRuns(baselines, run(rng, 1.2, 0.02), List.of(P95)).get(0);
      assertEquals(Outcome.REGRESSION, d.outcome(), d.sentence());
      assertTrue(d.change().relative() > 0.1 && d.change().relative() < 0.3, d.sentence());
    }
  }

  private static MeasuredSeconds run(SplittableRandom rng, double factor, double runSpread) {
    double median = 50 * factor * Math.exp(runSpread * Load.gauss(rng));
    return Load.typical().errors(0.01).median(median).draw(rng);
  }
}
