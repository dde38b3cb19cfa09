package io.perfgate.statistics;

/**
 * Where a series of one figure over runs shifted, found by {@link ChangePoints}.
 *
 * @param index the index of the first run after the shift
 * @param before the mean of the segment that ends just before {@code index}
 * @param after the mean of the segment that starts at {@code index}
 * @param medianBefore the median of the segment before
 * @param medianAfter the median of the segment after
 * @param pValue the permutation test's p-value when this change point was accepted
 */
public record ChangePoint(
    int index,
    double before,
    double after,
    double medianBefore,
    double medianAfter,
    double pValue) {

  /** after − before, in the figure's unit. */
  public double shift() {
    return after - before;
  }

  /** after / before − 1 (0.12 = +12 %); NaN when the mean before is 0. */
  public double relative() {
    return before == 0 ? Double.NaN : after / before - 1;
  }

  /**
   * "p95 +12 % from run 37 (mean 48 → 54, p = 0.005)"; the shift in absolute terms when the mean
   * before is 0: "errors +1.5 from run 37 (mean 0 → 1.5, p = 0.01)".
   *
   * @param label the figure's name, e.g. "p95"
   */
  public String describe(String label) {
    String size =
        Double.isNaN(relative())
            ? Numbers.signed(shift())
            : Numbers.signed(100 * relative()) + " %";
    return label
        + " "
        + size
        + " from run "
        + index
        + " (mean "
        + Numbers.plain(before)
        + " → "
        + Numbers.plain(after)
        + ", p = "
        + String.format(java.util.Locale.ROOT, "%.3f", pValue)
        + ")";
  }
}
