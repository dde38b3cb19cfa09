package io.perfgate.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the package writes numbers in its sentences: "1,000", "+12", "-0.8", "+1.5". */
final class Numbers {
  private Numbers() {}

  /** A whole count with thousands separators: 1,000. */
  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /**
   * A number with as few decimals as its size deserves (none from 10, one from 1, two below) and
   * thousands separators; "0" when it rounds to zero, so no "-0" ever shows.
   */
  static String plain(double x) {
    if (Double.isNaN(x)) {
      return "n/a";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "∞" : "-∞";
    }
    double a = Math.abs(x);
    int decimals = a >= 10 ? 0 : a >= 1 ? 1 : 2;
    BigDecimal rounded = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP);
    if (rounded.signum() == 0) {
      return "0";
    }
    String grouped = String.format(Locale.US, "%,." + decimals + "f", rounded);
    return decimals == 0 ? grouped : grouped.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** {@link #plain} with an explicit sign: +12, -0.8, 0. */
  static String signed(double x) {
    String s = plain(x);
    return s.equals("0") || s.startsWith("-") || Double.isNaN(x) ? s : "+" + s;
  }
}
