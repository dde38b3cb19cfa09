package io.perfgate.statistics;

/**
 * The verdict on one figure: regression, improvement, no change, or not judged.
 *
 * <p>The rule: a regression is called only when the change is larger than the minimum effect AND
 * the whole interval lies on the worse side of no change (its lower end above 0 for latency and
 * errors, its upper end below 0 for throughput). An improvement is the mirror image. Why both: the
 * minimum effect alone fails on noise (the 1 in 5 identical reruns); the interval alone
 * fails on real but negligible changes once the data are plentiful. When nothing changed, the
 * interval lies wholly above no change in at most (1 − confidence) / 2 of runs (2.5 % at 95 %) if
 * the noise model holds, and the minimum effect lowers that further; this is the false-alarm level
 * per figure. Requiring instead that the whole interval lie beyond the minimum effect would miss
 * most real changes of one or two times the minimum effect on noisy data.
 *
 * @param outcome what was decided
 * @param change the change with its interval
 * @param reason why, as a clause for the end of a sentence: "regression, slower by more than 5 ms
 *     (the larger of 5 % and 5 ms) and beyond the noise"
 */
public record Decision(Outcome outcome, Change change, String reason) {
  /** What a decision can say. */
  public enum Outcome {
    /** Worse by more than the minimum effect, and beyond the noise. */
    REGRESSION,
    /** Better by more than the minimum effect, and beyond the noise. */
    IMPROVEMENT,
    /** Within the noise, or smaller than the minimum effect. */
    NO_CHANGE,
    /** Too little data to estimate the figure or its noise: neither pass nor fail. */
    NOT_ENOUGH_DATA
  }

  /** Applies the rule above to a change with its interval. */
  public static Decision judge(Change change, MinimumEffect effect) {
    if (Double.isNaN(change.difference()) || !change.hasInterval()) {
      return notEnoughData(change, "the noise could not be estimated");
    }
    Figure figure = change.figure();
    boolean up = figure.higherIsWorse();
    // The change and its interval as amounts of "worse": positive means worse.
    double worse = up ? change.difference() : -change.difference();
    double worseLow = up ? change.low() : -change.high();
    double worseHigh = up ? change.high() : -change.low();
    double threshold = effect.threshold(change.baseline());
    String minimum = effect.describe(figure, change.baseline());
    if (worse > threshold && worseLow > 0) {
      return new Decision(
          Outcome.REGRESSION,
          change,
          "regression, " + figure.worse() + " by more than " + minimum + " and beyond the noise");
    }
    if (-worse > threshold && worseHigh < 0) {
      return new Decision(
          Outcome.IMPROVEMENT,
          change,
          "improvement, " + figure.better() + " by more than " + minimum + " and beyond the noise");
    }
    if (Math.abs(worse) <= threshold) {
      return new Decision(
          Outcome.NO_CHANGE,
          change,
          "no regression, smaller than the minimum effect of " + minimum);
    }
    return new Decision(
        Outcome.NO_CHANGE,
        change,
        "no regression, within the noise (the interval includes no change)");
  }

  /**
   * A figure that is not judged, with the reason: "not enough data: 25 requests, p99 needs 1,000".
   */
  public static Decision notEnoughData(Change change, String why) {
    return new Decision(Outcome.NOT_ENOUGH_DATA, change, "not judged, " + why);
  }

  /** Whether a regression was called. */
  public boolean isRegression() {
    return outcome == Outcome.REGRESSION;
  }

  /**
   * The change and the verdict in one sentence: "p95 +12 % [+8 %, +16 %] against the last 5 runs:
   * regression, slower by more than 5 ms (the larger of 5 % and 5 ms) and beyond the noise".
   */
  public String sentence() {
    return change.sentence() + ": " + reason;
  }
}
