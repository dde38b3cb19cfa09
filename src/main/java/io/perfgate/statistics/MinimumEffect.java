package io.perfgate.statistics;

/**
 * The smallest change worth calling a regression: the larger of a share of the baseline and an
 * absolute amount in the figure's unit. Tiny baselines then do not fail on changes nobody would
 * notice (a 3 ms p95 that becomes 4 ms is +33 % but only 1 ms), and large ones do not need an
 * absurd absolute limit.
 *
 * @param relative the share of the baseline, as a fraction (0.05 = 5 %), at least 0
 * @param absolute the amount in the figure's unit (ms, requests per second, percentage points), at
 *     least 0
 */
public record MinimumEffect(double relative, double absolute) {
  /** Latency percentiles: 5 % and at least 5 ms, as perfgate's sla.regression defaults. */
  public static final MinimumEffect LATENCY = new MinimumEffect(0.05, 5);

  /** Throughput: 5 % of the baseline's requests per second. */
  public static final MinimumEffect THROUGHPUT = new MinimumEffect(0.05, 0);

  /** Error rate: 0.5 percentage points. */
  public static final MinimumEffect ERRORS = new MinimumEffect(0, 0.5);

  public MinimumEffect {
    if (!(relative >= 0) || !(absolute >= 0) || Double.isInfinite(relative + absolute)) {
      throw new IllegalArgumentException(
          "a minimum effect needs a finite relative share and absolute amount of at least 0, not "
              + relative
              + " and "
              + absolute);
    }
  }

  /**
   * The default minimum effect for a figure: {@link #LATENCY}, {@link #THROUGHPUT} or {@link
   * #ERRORS}.
   */
  public static MinimumEffect defaultFor(Figure figure) {
    if (figure instanceof Figure.Percentile) {
      return LATENCY;
    }
    return figure instanceof Figure.Throughput ? THROUGHPUT : ERRORS;
  }

  /** The smallest change that counts for this baseline, in the figure's unit. */
  public double threshold(double baseline) {
    return Math.max(relative * Math.abs(baseline), absolute);
  }

  /** "5 ms (the larger of 5 % and 5 ms)", "12.5 rps (5 %)", "0.5 points". */
  public String describe(Figure figure, double baseline) {
    String amount = Numbers.plain(threshold(baseline)) + " " + figure.unit();
    String share = Numbers.plain(100 * relative) + " %";
    String floor = Numbers.plain(absolute) + " " + figure.unit();
    if (relative > 0 && absolute > 0) {
      return amount + " (the larger of " + share + " and " + floor + ")";
    }
    return relative > 0 ? amount + " (" + share + ")" : amount;
  }
}
