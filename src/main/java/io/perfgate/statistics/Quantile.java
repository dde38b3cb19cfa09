package io.perfgate.statistics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A quantile q as an exact fraction {@code numerator / denominator} with {@code 0 < q <= 1}, so
 * that ranks and enough-data thresholds are computed in integers: 0.999 is 999/1000, never the
 * double 0.99899999….
 *
 * <p>Percentiles are nearest rank, the textbook rule (Hyndman &amp; Fan 1996, definition 1, the
 * inverse of the empirical distribution function): of N values sorted ascending, the q-quantile is
 * the value at rank ⌈q·N⌉ (counting from 1), always a value that was measured.
 *
 * @param numerator the numerator, reduced, from 1 to {@code denominator}
 * @param denominator the denominator, reduced, from 1 to 1,000,000
 */
public record Quantile(long numerator, long denominator) {
  /** The median, 1/2. */
  public static final Quantile P50 = ofPerMille(500);

  /** The 75th percentile, 3/4. */
  public static final Quantile P75 = ofPerMille(750);

  /** The 95th percentile, 19/20. */
  public static final Quantile P95 = ofPerMille(950);

  /** The 99th percentile, 99/100. */
  public static final Quantile P99 = ofPerMille(990);

  /** The 99.9th percentile, 999/1000. */
  public static final Quantile P999 = ofPerMille(999);

  /** The maximum, 1/1. */
  public static final Quantile MAX = ofPerMille(1000);

  private static final long MAX_DENOMINATOR = 1_000_000;

  /** Checks the range and reduces the fraction, so equal quantiles are equal records. */
  public Quantile {
    if (denominator < 1 || denominator > MAX_DENOMINATOR) {
      throw new IllegalArgumentException(
          "a quantile's denominator must be from 1 to 1,000,000, not " + denominator);
    }
    if (numerator < 1 || numerator > denominator) {
      throw new IllegalArgumentException(
          "a quantile must lie in (0, 1], not " + numerator + "/" + denominator);
    }
    long g = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValueExact();
    numerator /= g;
    denominator /= g;
  }

  /** The quantile of a per-mille figure: 950 is p95, 999 is p99.9, 1000 the maximum. */
  public static Quantile ofPerMille(int perMille) {
    return new Quantile(perMille, 1000);
  }

  /**
   * The quantile of a percentile written in decimal, as perfgate's metrics carry it: 95 is p95,
   * 99.9 is p99.9. The double's shortest decimal form is taken exactly, so 99.9 becomes 999/1000.
   *
   * @throws IllegalArgumentException when the percentile is not in (0, 100] or needs more than six
   *     decimals
   */
  public static Quantile ofPercent(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("a percentile must lie in (0, 100], not " + percent);
    }
    BigDecimal q = BigDecimal.valueOf(percent).movePointLeft(2).stripTrailingZeros();
    // q <= 1 after stripping zeros, so its scale is never negative.
    if (q.scale() > 6) {
      throw new IllegalArgumentException(
          "a percentile may have at most four decimals, not " + percent);
    }
    return new Quantile(q.unscaledValue().longValueExact(), pow10(q.scale()));
  }

  private static long pow10(int exponent) {
    long p = 1;
    for (int i = 0; i < exponent; i++) {
      p *= 10;
    }
    return p;
  }

  /**
   * The nearest rank ⌈q·n⌉ of the q-quantile among {@code n} values, from 1 to n; 0 when there are
   * no values. Exact for every non-negative long n.
   */
  public long rank(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + n);
    }
    // n = whole·d + part, so q·n = whole·num + part·num/d, and part·num < d² <= 10^12 cannot
    // overflow.
    long whole = n / denominator;
    long part = n % denominator;
    return whole * numerator + (part * numerator + denominator - 1) / denominator;
  }

  /** q as a double, for display and for floating-point work that tolerates rounding. */
  public double value() {
    return (double) numerator / denominator;
  }

  /** The label perfgate writes: "p50", "p95", "p99.9"; "max" for q = 1. */
  public String label() {
    if (numerator == denominator) {
      return "max";
    }
    BigDecimal percent =
        BigDecimal.valueOf(numerator)
            .multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64)
            .stripTrailingZeros();
    return "p" + percent.toPlainString();
  }

  @Override
  public String toString() {
    return label();
  }
}
