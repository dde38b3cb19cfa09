package io.perfgate.statistics;

/**
 * The standard normal distribution: Φ(x) = ½·(1 + P(½, x²/2)) for x ≥ 0, with P the regularized
 * lower incomplete gamma function (series below a + 1, continued fraction above; Press et al.,
 * Numerical Recipes, 3rd ed., §6.2), and its quantiles by bisection. Accurate to about 1e-12.
 */
final class Normal {
  private Normal() {}

  /** Φ⁻¹(p) for 0 < p < 1. */
  static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("a normal quantile needs 0 < p < 1, not " + p);
    }
    if (p < 0.5) {
      return -quantile(1 - p);
    }
    double low = 0;
    double high = 40;
    for (int i = 0; i < 200 && high - low > 1e-13; i++) {
      double mid = (low + high) / 2;
      if (cdf(mid) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  /** Φ(x). */
  static double cdf(double x) {
    double p = lowerGamma(0.5, x * x / 2);
    return x >= 0 ? 0.5 * (1 + p) : 0.5 * (1 - p);
  }

  /** The regularized lower incomplete gamma function P(a, y). */
  private static double lowerGamma(double a, double y) {
    if (y <= 0) {
      return 0;
    }
    double front = Math.exp(-y + a * Math.log(y) - StudentT.logGamma(a));
    if (y < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
        term *= y / (a + n);
        sum += term;
      }
      return sum * front;
    }
    // Continued fraction for Q(a, y) = 1 − P(a, y), modified Lentz.
    final double tiny = 1e-300;
    double b = y + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < tiny ? tiny : d;
      c = b + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return 1 - front * h;
  }
}
