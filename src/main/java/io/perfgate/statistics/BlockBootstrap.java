package io.perfgate.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The noise of a run's figures estimated from its own seconds: a circular moving-block bootstrap
 * (Künsch 1989; the circular variant of Politis &amp; Romano 1992, so that the first and last
 * seconds are drawn as often as the others).
 *
 * <p>One resample of a run of n seconds is ⌈n / L⌉ blocks of L consecutive seconds, each starting
 * at a uniformly drawn second and wrapping from the last second to the first, the last block cut so
 * that the resample has n seconds again. Blocks keep together what happens over a few seconds (a
 * garbage-collection pause, a slow spell of the target), which resampling single seconds or single
 * requests would pretend is independent; requests within a second are never split. L = {@link
 * #blockLength} is about n^(1/3) (Hall, Horowitz &amp; Jing 1995), at least 3 s, at most n / 2.
 *
 * <p>Baseline and current run are resampled independently, B times (default 2,000) from one
 * generator with a fixed seed, so the same runs always give the same interval. The interval is a
 * percentile interval (Efron &amp; Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13) of
 * the B differences current* − baseline*, expanded for short runs as in Hesterberg's expanded
 * percentile interval (Hesterberg 2015, "What Teachers Should Know About the Bootstrap", The
 * American Statistician 69:371–386), with a run's b = n / L blocks as its independent units:
 *
 * <ol>
 *   <li>each run's replicates are spread around its observed value by √(b / (b − 1)) = √(n / (n −
 *       L)): for independent seconds the circular block bootstrap's variance of a mean is (1 − L/n)
 *       times the true one (a block's mean varies around the run's by σ²(1/L − 1/n), not σ²/L);
 *   <li>the differences are spread around the observed difference by t(ν, 1 − α/2) / z(1 − α/2), ν
 *       the Welch–Satterthwaite degrees of freedom of the two runs' bootstrap variances with b − 1
 *       each: the noise is itself estimated from few blocks;
 *   <li>with k = ⌊B·α/2⌋ (α = 1 − confidence), the interval runs from the (k+1)-th smallest to the
 *       (k+1)-th largest difference.
 * </ol>
 *
 * Without the expansion, 30 s runs got 92 % intervals where 95 % were asked for (throughput between
 * identical runs); for 900 s the expansion is 1.6 %.
 */
final class BlockBootstrap {
  /** Fewer seconds than this in a run give no noise estimate, so no verdict. */
  static final int MIN_SECONDS = 5;

  private BlockBootstrap() {}

  /** The block length for a run of {@code seconds}: round(n^(1/3)), at least 3, at most n / 2. */
  static int blockLength(int seconds) {
    int cubeRoot = (int) Math.round(Math.cbrt(seconds));
    return Math.min(Math.max(3, cubeRoot), Math.max(1, seconds / 2));
  }

  /** The number of blocks as independent units, n / L. */
  static double units(int seconds) {
    return (double) seconds / blockLength(seconds);
  }

  /**
   * The change of each figure from baseline to current, with its bootstrap interval. Both runs need
   * at least {@link #MIN_SECONDS} seconds.
   */
  static List<Change> compare(
      MeasuredSeconds baseline,
      MeasuredSeconds current,
      List<Figure> figures,
      int replicates,
      double confidence,
      long seed,
      String against) {
    int nf = figures.size();
    double[][] fromBaseline = new double[nf][replicates];
    double[][] fromCurrent = new double[nf][replicates];
    int[] valid = new int[nf];
    Resampled b = new Resampled(baseline, figures);
    Resampled c = new Resampled(current, figures);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] vb = new double[nf];
    double[] vc = new double[nf];
    for (int r = 0; r < replicates; r++) {
      b.next(rng, vb);
      c.next(rng, vc);
      for (int f = 0; f < nf; f++) {
        if (!Double.isNaN(vb[f]) && !Double.isNaN(vc[f])) {
          fromBaseline[f][valid[f]] = vb[f];
          fromCurrent[f][valid[f]++] = vc[f];
        }
      }
    }
    String method =
        "block bootstrap over "
            + current.size()
            + " s (baseline "
            + baseline.size()
            + " s), "
            + Numbers.count(replicates)
            + " replicates of "
            + blockLength(current.size())
            + " s blocks";
    List<Change> changes = new ArrayList<>();
    for (int f = 0; f < nf; f++) {
      Figure figure = figures.get(f);
      double base = figure.of(baseline);
      double cur = figure.of(current);
      double[] interval =
          interval(
              fromBaseline[f],
              base,
              units(baseline.size()),
              fromCurrent[f],
              cur,
              units(current.size()),
              valid[f],
              replicates,
              confidence);
      changes.add(
          new Change(
              figure,
              base,
              cur,
              cur - base,
              interval[0],
              interval[1],
              confidence,
              against,
              method,
              current.size()));
    }
    return changes;
  }

  /**
   * The bootstrap standard deviation of each figure within one run, corrected by √(b / (b − 1)):
   * how much the figure moves when the run's own seconds are resampled. NaN when fewer than half of
   * the resamples define it.
   */
  static double[] noise(MeasuredSeconds run, List<Figure> figures, int replicates, long seed) {
    int nf = figures.size();
    Resampled s = new Resampled(run, figures);
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] values = new double[nf][replicates];
    int[] valid = new int[nf];
    double[] v = new double[nf];
    for (int r = 0; r < replicates; r++) {
      s.next(rng, v);
      for (int f = 0; f < nf; f++) {
        if (!Double.isNaN(v[f])) {
          values[f][valid[f]++] = v[f];
        }
      }
    }
    double b = units(run.size());
    double[] sd = new double[nf];
    for (int f = 0; f < nf; f++) {
      sd[f] =
          valid[f] < Math.max(2, replicates / 2) || b <= 1
              ? Double.NaN
              : Math.sqrt(variance(values[f], valid[f]) * b / (b - 1));
    }
    return sd;
  }

  /**
   * The expanded percentile interval of current − baseline from the first {@code valid} replicate
   * pairs; NaNs when fewer than half of the replicates define the figure.
   */
  static double[] interval(
      double[] baseline,
      double observedBaseline,
      double unitsBaseline,
      double[] current,
      double observedCurrent,
      double unitsCurrent,
      int valid,
      int planned,
      double confidence) {
    if (valid < Math.max(2, planned / 2) || unitsBaseline <= 1 || unitsCurrent <= 1) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double spreadB = Math.sqrt(unitsBaseline / (unitsBaseline - 1));
    double spreadC = Math.sqrt(unitsCurrent / (unitsCurrent - 1));
    double varB = variance(baseline, valid) * spreadB * spreadB;
    double varC = variance(current, valid) * spreadC * spreadC;
    double alpha = 1 - confidence;
    double expand = 1;
    if (varB + varC > 0) {
      double nu =
          (varB + varC)
              * (varB + varC)
              / (varB * varB / (unitsBaseline - 1) + varC * varC / (unitsCurrent - 1));
      expand = StudentT.quantile(1 - alpha / 2, nu) / Normal.quantile(1 - alpha / 2);
    }
    double observed = observedCurrent - observedBaseline;
    double[] differences = new double[valid];
    for (int r = 0; r < valid; r++) {
      double cb = observedBaseline + (baseline[r] - observedBaseline) * spreadB;
      double cc = observedCurrent + (current[r] - observedCurrent) * spreadC;
      differences[r] = observed + (cc - cb - observed) * expand;
    }
    Arrays.sort(differences);
    // A hair added, so that 2,000 × 0.025 computed as 49.999… still gives 50.
    int k = (int) Math.floor(valid * alpha / 2 + 1e-9);
    return new double[] {differences[k], differences[valid - 1 - k]};
  }

  private static double variance(double[] values, int n) {
    if (n < 2) {
      return 0;
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += values[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      squares += (values[i] - mean) * (values[i] - mean);
    }
    return squares / (n - 1);
  }

  /** One run's resampler and the figures asked of each resample. */
  private static final class Resampled {
    private final List<Figure> figures;
    private final Resampler resampler;
    private final int[] starts;
    private final long[] percentiles;

    Resampled(MeasuredSeconds run, List<Figure> figures) {
      this.figures = figures;
      List<Quantile> quantiles = new ArrayList<>();
      for (Figure f : figures) {
        if (f instanceof Figure.Percentile p) {
          quantiles.add(p.quantile());
        }
      }
      resampler = new Resampler(run, quantiles, blockLength(run.size()));
      starts = new int[resampler.blocks()];
      percentiles = new long[quantiles.size()];
    }

    /** Draws the next resample and puts each figure's value into {@code out}; NaN if undefined. */
    void next(SplittableRandom rng, double[] out) {
      resampler.draw(rng, starts);
      resampler.percentiles(starts, percentiles);
      int q = 0;
      for (int f = 0; f < figures.size(); f++) {
        Figure figure = figures.get(f);
        if (figure instanceof Figure.Percentile) {
          long v = percentiles[q++];
          out[f] = v < 0 ? Double.NaN : v;
        } else if (figure instanceof Figure.Throughput) {
          out[f] = (double) resampler.requests(starts) / resampler.seconds();
        } else {
          long requests = resampler.requests(starts);
          out[f] = requests == 0 ? Double.NaN : 100.0 * resampler.failed(starts) / requests;
        }
      }
    }
  }
}
