package io.perfgate.analysis;

/** A straight line through points by ordinary least squares, and how well it fits. */
public final class LeastSquares {
  private LeastSquares() {}

  /**
   * @param slope change of y per unit of x
   * @param r2 coefficient of determination, 0 (the line explains nothing) to 1 (every point on it);
   *     1 when every y is the same (a flat line fits a flat series perfectly)
   */
  public record Fit(double slope, double intercept, double r2, int points) {}

  /** The fit of y over x; needs at least two distinct x. */
  public static Fit fit(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("a line needs at least two points");
    }
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("a line needs at least two distinct x values");
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
    return new Fit(slope, my - slope * mx, r2, n);
  }
}
