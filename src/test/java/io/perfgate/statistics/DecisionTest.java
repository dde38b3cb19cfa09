package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perfgate.statistics.Decision.Outcome;
import org.junit.jupiter.api.Test;

/** The decision rule and the sentences, on changes built by hand. */
class DecisionTest {
  private static final Figure P95 = Figure.percentile(Quantile.P95);

  private static Change change(
      Figure figure, double baseline, double difference, double low, double high, String against) {
    return new Change(
        figure,
        baseline,
        baseline + difference,
        difference,
        low,
        high,
        0.95,
        against,
        "by hand",
        30);
  }

  @Test
  void aChangeBeyondTheMinimumEffectWithTheWholeIntervalWorseIsARegression() {
    Change c = change(P95, 100, 12, 8, 16, "the last 5 runs");
    Decision d = Decision.judge(c, MinimumEffect.LATENCY);
    assertEquals(Outcome.REGRESSION, d.outcome());
    assertEquals("p95 +12 % [+8 %, +16 %] against the last 5 runs", c.sentence());
    assertEquals(
        "p95 +12 % [+8 %, +16 %] against the last 5 runs: regression, slower by more than 5 ms"
            + " (the larger of 5 % and 5 ms) and beyond the noise",
        d.sentence());
  }

  @Test
  void aLargeChangeWhoseIntervalIncludesNoChangeIsNoise() {
    Decision d =
        Decision.judge(change(P95, 100, 12, -1, 25, "the baseline run"), MinimumEffect.LATENCY);
    assertEquals(Outcome.NO_CHANGE, d.outcome());
    assertEquals("no regression, within the noise (the interval includes no change)", d.reason());
  }

  @Test
  void aSureButSmallChangeIsBelowTheMinimumEffect() {
    // 3 ms on 100 ms: beyond the noise, but less than max(5 % of 100, 5) = 5 ms.
    Decision small = Decision.judge(change(P95, 100, 3, 2, 4, "x"), MinimumEffect.LATENCY);
    assertEquals(Outcome.NO_CHANGE, small.outcome());
    assertEquals(
        "no regression, smaller than the minimum effect of 5 ms (the larger of 5 % and 5 ms)",
        small.reason());
    // 40 ms on 1,000 ms is under 5 % = 50 ms.
    Decision relative = Decision.judge(change(P95, 1000, 40, 30, 50, "x"), MinimumEffect.LATENCY);
    assertEquals(Outcome.NO_CHANGE, relative.outcome());
    assertEquals(
        Outcome.REGRESSION,
        Decision.judge(change(P95, 1000, 60, 30, 90, "x"), MinimumEffect.LATENCY).outcome());
  }

  @Test
  void throughputIsWorseWhenLower() {
    Change drop = change(Figure.THROUGHPUT, 100, -31, -35, -27, "the baseline run");
    assertEquals("throughput -31 % [-35 %, -27 %] against the baseline run", drop.sentence());
    Decision d = Decision.judge(drop, MinimumEffect.THROUGHPUT);
    assertEquals(Outcome.REGRESSION, d.outcome());
    assertEquals("regression, lower by more than 5 rps (5 %) and beyond the noise", d.reason());
    assertEquals(
        Outcome.IMPROVEMENT,
        Decision.judge(change(Figure.THROUGHPUT, 100, 31, 27, 35, "x"), MinimumEffect.THROUGHPUT)
            .outcome());
  }

  @Test
  void errorsChangeInPercentagePoints() {
    Change more = change(Figure.ERRORS, 0.3, 1.2, 0.8, 1.6, "the last 5 runs");
    assertEquals("errors +1.2 points [+0.8, +1.6] against the last 5 runs", more.sentence());
    assertEquals(Outcome.REGRESSION, Decision.judge(more, MinimumEffect.ERRORS).outcome());
    Decision small =
        Decision.judge(change(Figure.ERRORS, 0.3, 0.4, 0.1, 0.7, "x"), MinimumEffect.ERRORS);
    assertEquals(Outcome.NO_CHANGE, small.outcome());
    assertEquals("no regression, smaller than the minimum effect of 0.5 points", small.reason());
    assertEquals(
        Outcome.IMPROVEMENT,
        Decision.judge(change(Figure.ERRORS, 3, -2, -2.5, -1.5, "x"), MinimumEffect.ERRORS)
            .outcome());
  }

  @Test
  void aZeroBaselineIsWrittenInTheFiguresOwnUnit() {
    Change fromZero = change(P95, 0, 2, 1, 3, "the baseline run");
    assertEquals("p95 +2 ms [+1, +3] against the baseline run", fromZero.sentence());
    assertEquals(Outcome.NO_CHANGE, Decision.judge(fromZero, MinimumEffect.LATENCY).outcome());
  }

  @Test
  void withoutAnIntervalNothingIsJudged() {
    Change c = change(P95, 100, 30, Double.NaN, Double.NaN, "the baseline run");
    Decision d = Decision.judge(c, MinimumEffect.LATENCY);
    assertEquals(Outcome.NOT_ENOUGH_DATA, d.outcome());
    assertEquals("p95 +30 % against the baseline run", c.sentence());
  }

  @Test
  void numbersKeepAFewSignificantDigits() {
    assertEquals("+12", Numbers.signed(12.4));
    assertEquals("-31", Numbers.signed(-30.6));
    assertEquals("+1.5", Numbers.signed(1.5));
    assertEquals("+8", Numbers.signed(8.04));
    assertEquals("+0.05", Numbers.signed(0.048));
    assertEquals("0", Numbers.signed(-0.001));
    assertEquals("+1,234", Numbers.signed(1234.4));
    assertEquals("1,000", Numbers.count(1000));
  }
}
