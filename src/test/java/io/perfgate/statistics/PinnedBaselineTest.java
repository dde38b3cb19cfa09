package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.statistics.Decision.Outcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One pinned baseline run against the current run: the circular block bootstrap. */
class PinnedBaselineTest {
  private static final Figure P50 = Figure.percentile(Quantile.P50);
  private static final Figure P95 = Figure.percentile(Quantile.P95);
  private static final Figure P99 = Figure.percentile(Quantile.P99);
  private static final List<Figure> FIGURES = List.of(P95, P50, Figure.THROUGHPUT, Figure.ERRORS);
  private final Regressions regressions = Regressions.withDefaults();

  /** 30 s at 100 requests per second with a 5 % per-second effect; then 20 % slower. */
  @Test
  void aTwentyPercentSlowerRunIsARegressionOfAboutTwentyPercent() {
    Load load = Load.typical().rps(100).perSecond(0.05);
    for (long seed = 1; seed <= 10; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      MeasuredSeconds baseline = load.draw(rng);
      MeasuredSeconds current = load.median(60).draw(rng);
      Decision d = regressions.againstRun(baseline, current, List.of(P95)).get(0);
      Change c = d.change();
      assertEquals(Outcome.REGRESSION, d.outcome(), d.sentence());
      assertTrue(c.relative() > 0.12 && c.relative() < 0.28, d.sentence());
      assertTrue(c.low() > 0 && c.low() <= c.difference() && c.difference() <= c.high());
      assertTrue(c.sentence().startsWith("p95 +"), c.sentence());
      assertTrue(c.sentence().endsWith(" against the baseline run"), c.sentence());
      assertTrue(c.method().startsWith("block bootstrap over 30 s (baseline 30 s)"), c.method());
      assertEquals(30, c.values());
    }
  }

  @Test
  void aFasterRunIsAnImprovementWithANegativeChange() {
    SplittableRandom rng = new SplittableRandom(3);
    MeasuredSeconds baseline = Load.typical().draw(rng);
    MeasuredSeconds current = Load.typical().median(40).draw(rng);
    Decision d = regressions.againstRun(baseline, current, List.of(P95)).get(0);
    assertEquals(Outcome.IMPROVEMENT, d.outcome(), d.sentence());
    assertTrue(d.change().high() < 0 && d.change().relative() < -0.12, d.sentence());
  }

  @Test
  void lostThroughputIsARegressionWithANegativeChange() {
    SplittableRandom rng = new SplittableRandom(4);
    MeasuredSeconds baseline = Load.typical().draw(rng);
    MeasuredSeconds current = Load.typical().rps(35).draw(rng);
    Decision d = regressions.againstRun(baseline, current, List.of(Figure.THROUGHPUT)).get(0);
    assertEquals(Outcome.REGRESSION, d.outcome(), d.sentence());
    double relative = d.change().relative();
    assertTrue(relative > -0.36 && relative < -0.24, d.sentence());
    assertTrue(d.change().high() < 0, d.sentence());
    assertTrue(d.sentence().startsWith("throughput -"), d.sentence());
  }

  @Test
  void moreErrorsAreARegressionInPercentagePoints() {
    SplittableRandom rng = new SplittableRandom(6);
    MeasuredSeconds baseline = Load.typical().errors(0.005).draw(rng);
    MeasuredSeconds current = Load.typical().errors(0.025).draw(rng);
    Decision d = regressions.againstRun(baseline, current, List.of(Figure.ERRORS)).get(0);
    assertEquals(Outcome.REGRESSION, d.outcome(), d.sentence());
    assertTrue(d.change().difference() > 1.2 && d.change().difference() < 2.8, d.sentence());
    assertTrue(
        d.sentence().matches("errors \\+[0-9.]+ points \\[\\+[0-9.]+, \\+[0-9.]+\\] .*"),
        d.sentence());
  }

  @Test
  void theSameRunTwiceIsNoChangeWithAnIntervalAroundZero() {
    MeasuredSeconds baseline = Load.typical().errors(0.01).draw(new SplittableRandom(9));
    MeasuredSeconds current = Load.typical().errors(0.01).draw(new SplittableRandom(9));
    for (Decision d : regressions.againstRun(baseline, current, FIGURES)) {
      assertEquals(Outcome.NO_CHANGE, d.outcome(), d.sentence());
      assertEquals(0, d.change().difference(), d.sentence());
      assertTrue(d.change().low() <= 0 && d.change().high() >= 0, d.sentence());
    }
  }

  @Test
  void theSameInputsGiveTheSameAnswer() {
    SplittableRandom rng = new SplittableRandom(10);
    MeasuredSeconds baseline = Load.typical().draw(rng);
    MeasuredSeconds current = Load.typical().median(53).draw(rng);
    assertEquals(
        regressions.againstRun(baseline, current, FIGURES),
        regressions.againstRun(baseline, current, FIGURES));
    // And a figure's interval does not depend on which other figures are asked for.
    assertEquals(
        regressions.againstRun(baseline, current, FIGURES).get(0),
        regressions.againstRun(baseline, current, List.of(P95)).get(0));
  }

  /**
   * 500 pairs of 30 s runs drawn from one latency distribution with a per-second random effect
   * (Poisson arrivals, 1 % errors). The decision's documented false-alarm level is (1 − 0.95) / 2 =
   * 2.5 % per figure; 500 pairs are a sample, so the count must stay within what a 2.5 % rate
   * gives: at most 20 of 500, which Binomial(500, 0.025) exceeds 1.6 % of the time. The 95 %
   * intervals must cover no change in at least 93 % of the pairs.
   */
  @Test
  void identicalDistributionsRarelyLookLikeARegression() {
    SplittableRandom rng = new SplittableRandom(2024);
    Load load = Load.typical().errors(0.01);
    int pairs = 500;
    int[] alarms = new int[FIGURES.size()];
    int[] covered = new int[FIGURES.size()];
    for (int p = 0; p < pairs; p++) {
      List<Decision> ds = regressions.againstRun(load.draw(rng), load.draw(rng), FIGURES);
      for (int f = 0; f < FIGURES.size(); f++) {
        Change c = ds.get(f).change();
        alarms[f] += ds.get(f).isRegression() ? 1 : 0;
        covered[f] += c.low() <= 0 && c.high() >= 0 ? 1 : 0;
      }
    }
    for (int f = 0; f < FIGURES.size(); f++) {
      String figure = FIGURES.get(f).label();
      System.out.printf(
          "%s: %d false alarms in %d pairs, interval covers 0 in %d%n",
          figure, alarms[f], pairs, covered[f]);
      assertTrue(alarms[f] <= 20, figure + ": " + alarms[f] + " false alarms");
      assertTrue(covered[f] >= pairs * 0.93, figure + ": covered " + covered[f]);
    }
  }

  @Test
  void oneOrTwoSecondsAreNotEnoughToJudge() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int seconds : new int[] {1, 2, 4}) {
      MeasuredSeconds baseline = Load.typical().rps(500).seconds(seconds).draw(rng);
      MeasuredSeconds current = Load.typical().rps(500).seconds(seconds).median(100).draw(rng);
      for (Decision d : regressions.againstRun(baseline, current, FIGURES)) {
        assertEquals(Outcome.NOT_ENOUGH_DATA, d.outcome(), d.sentence());
        assertEquals(
            "not judged, not enough data: "
                + seconds
                + " s in the baseline run, a verdict needs 5 s",
            d.reason());
      }
    }
  }

  @Test
  void fiveSecondsAreJudged() {
    SplittableRandom rng = new SplittableRandom(13);
    Load five = Load.typical().seconds(5);
    Decision same = regressions.againstRun(five.draw(rng), five.draw(rng), List.of(P95)).get(0);
    assertTrue(same.change().hasInterval(), same.sentence());
    assertTrue(same.change().method().endsWith("of 2 s blocks"), same.change().method());
    assertEquals(Outcome.NO_CHANGE, same.outcome(), same.sentence());
    Decision slower =
        regressions.againstRun(five.draw(rng), five.median(75).draw(rng), List.of(P95)).get(0);
    assertEquals(Outcome.REGRESSION, slower.outcome(), slower.sentence());
  }

  @Test
  void aPercentileWithTooFewValuesIsNotJudged() {
    SplittableRandom rng = new SplittableRandom(14);
    MeasuredSeconds baseline = Load.typical().seconds(10).rps(25).draw(rng);
    MeasuredSeconds current = Load.typical().seconds(10).rps(25).draw(rng);
    long n = baseline.count();
    Decision d = regressions.againstRun(baseline, current, List.of(P99, P95)).get(0);
    assertEquals(Outcome.NOT_ENOUGH_DATA, d.outcome());
    assertEquals(
        "not judged, not enough data: " + n + " requests in the baseline run, p99 needs 1,000",
        d.reason());
  }

  @Test
  void tiesEverywhereGiveAnExactAnswer() {
    MeasuredSeconds fifty = Load.constant(30, 0, Load.repeat(50, 50));
    MeasuredSeconds sixty = Load.constant(30, 0, Load.repeat(50, 60));
    Decision same = regressions.againstRun(fifty, fifty, List.of(P95)).get(0);
    assertEquals(Outcome.NO_CHANGE, same.outcome());
    assertEquals("p95 0 % [0 %, 0 %] against the baseline run", same.change().sentence());
    Decision slower = regressions.againstRun(fifty, sixty, List.of(P95)).get(0);
    assertEquals(Outcome.REGRESSION, slower.outcome());
    assertEquals("p95 +20 % [+20 %, +20 %] against the baseline run", slower.change().sentence());
  }

  @Test
  void aZeroVarianceBaselineLeavesTheNoiseToTheCurrentRun() {
    SplittableRandom rng = new SplittableRandom(15);
    MeasuredSeconds current = Load.typical().draw(rng);
    int p95 = (int) current.percentile(Quantile.P95).getAsLong();
    MeasuredSeconds flat = Load.constant(30, 0, Load.repeat(50, p95));
    Decision d = regressions.againstRun(flat, current, List.of(P95)).get(0);
    assertEquals(Outcome.NO_CHANGE, d.outcome(), d.sentence());
    assertTrue(d.change().low() < 0 && d.change().high() > 0, d.sentence());
  }

  @Test
  void aZeroBaselineDoesNotDivideByZero() {
    MeasuredSeconds zero = Load.constant(30, 0, Load.repeat(40, 0));
    int[] mostlyZero = Load.repeat(40, 0);
    mostlyZero[0] = 1;
    mostlyZero[1] = 1;
    mostlyZero[2] = 1;
    MeasuredSeconds current = Load.constant(30, 0, mostlyZero);
    Decision d = regressions.againstRun(zero, current, List.of(P95, Figure.ERRORS)).get(0);
    assertEquals("p95 +1 ms [+1, +1] against the baseline run", d.change().sentence());
    assertEquals(Outcome.NO_CHANGE, d.outcome(), d.sentence());
  }

  /** 2,000 replicates over 900 s of per-second histograms (200 requests a second). */
  @Test
  void aBootstrapOverFifteenMinutesTakesWellUnderASecond() {
    SplittableRandom rng = new SplittableRandom(16);
    Load long15 = Load.typical().seconds(900).rps(200);
    MeasuredSeconds baseline = long15.draw(rng);
    MeasuredSeconds current = long15.median(55).draw(rng);
    List<Figure> figures = List.of(P95, P99, Figure.THROUGHPUT, Figure.ERRORS);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cold = threads.getCurrentThreadCpuTime();
    regressions.againstRun(baseline, current, figures);
    long warm = threads.getCurrentThreadCpuTime();
    List<Decision> ds = regressions.againstRun(baseline, current, figures);
    long end = threads.getCurrentThreadCpuTime();
    System.out.printf(
        "900 s × 2,000 replicates: %.0f ms CPU cold, %.0f ms warm; %s%n",
        (warm - cold) / 1e6, (end - warm) / 1e6, ds.get(0).sentence());
    assertTrue(end - warm < 500_000_000L, "warm: " + (end - warm) / 1e6 + " ms");
    assertTrue(warm - cold < 1_000_000_000L, "cold: " + (warm - cold) / 1e6 + " ms");
    assertEquals(Outcome.REGRESSION, ds.get(0).outcome());
  }
}
