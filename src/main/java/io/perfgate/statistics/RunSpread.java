package io.perfgate.statistics;

/**
 * The noise of a figure estimated from the spread between runs: K ≥ 2 baseline runs' values of the
 * figure give its mean m and sample standard deviation s, and one more run drawn from the same
 * population lies within m ± t(K−1, 1 − α/2) · s · √(1 + 1/K) with probability 1 − α (the classical
 * prediction interval for one new observation of a normal sample; Hahn &amp; Meeker, Statistical
 * Intervals, 1991, §4.6). The current run's change is its value minus m, with that half-width as
 * its interval: the interval lies wholly above 0 exactly when the run lies above the prediction
 * interval.
 *
 * <p>The spread between runs contains everything that varies from run to run (the machine, the JIT,
 * the target's state), which a single run's seconds cannot show. With few runs it is uncertain,
 * which the t quantile pays for (12.7 for K = 2, 2.78 for K = 5, 2.26 for K = 10).
 *
 * <p>Floor: when the baseline runs happen to agree (identical p95 of 50 ms five times, or no error
 * at all), s is 0 and every change would lie outside the interval. s is therefore raised to at
 * least the current run's own noise, the bootstrap standard deviation of its figure over its
 * seconds ({@link BlockBootstrap#noise}): a run's figure cannot vary less between runs than it does
 * within one.
 */
final class RunSpread {
  private RunSpread() {}

  /**
   * The change of {@code current} against the mean of {@code baselineValues}.
   *
   * @param floor the smallest standard deviation to use (the current run's own noise); 0 for none
   * @param floorNote how the floor was found, for the method text
   */
  static Change change(
      Figure figure,
      double[] baselineValues,
      double current,
      double floor,
      String floorNote,
      double confidence) {
    int k = baselineValues.length;
    if (k < 2) {
      throw new IllegalArgumentException("the spread between runs needs at least 2 runs, not " + k);
    }
    double mean = 0;
    for (double v : baselineValues) {
      mean += v;
    }
    mean /= k;
    double squares = 0;
    for (double v : baselineValues) {
      squares += (v - mean) * (v - mean);
    }
    double spread = Math.sqrt(squares / (k - 1));
    boolean floored = floor > spread;
    double sd = Math.max(spread, floor);
    double t = StudentT.quantile(1 - (1 - confidence) / 2, k - 1);
    double half = t * sd * Math.sqrt(1 + 1.0 / k);
    double difference = current - mean;
    String method =
        "spread of the last "
            + k
            + " runs (Student t, "
            + (k - 1)
            + (k == 2 ? " degree" : " degrees")
            + " of freedom)"
            + (floored ? ", raised to this run's own noise (" + floorNote + ")" : "");
    return new Change(
        figure,
        mean,
        current,
        difference,
        difference - half,
        difference + half,
        confidence,
        "the last " + k + " runs",
        method,
        k);
  }
}
