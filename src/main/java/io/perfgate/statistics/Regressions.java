package io.perfgate.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a run regressed against its baseline, figure by figure, from the runs' measured
 * seconds: a change must be larger than the minimum effect and beyond the noise ({@link Decision}).
 *
 * <ul>
 *   <li>One pinned baseline run: the noise comes from both runs' own seconds, by a circular block
 *       bootstrap ({@link #againstRun}).
 *   <li>A rolling baseline of the last K ≥ 2 runs: the noise comes from the spread between those
 *       runs, a Student t prediction interval, never narrower than the current run's own bootstrap
 *       noise ({@link #againstRuns}, {@link #againstValues}). K = 1 is the pinned case.
 * </ul>
 *
 * <p>Before anything is estimated, a figure is not judged (outcome {@link
 * Decision.Outcome#NOT_ENOUGH_DATA}) when a run has fewer than 5 seconds, when a percentile has too
 * few values by the {@link EnoughData} rule in any run involved, or when the figure is undefined
 * (no request). The same inputs always give the same decisions: every random draw comes from a
 * generator seeded with {@link Options#seed()}.
 */
public final class Regressions {
  /**
   * How regressions are decided.
   *
   * @param confidence the two-sided confidence of the intervals, e.g. 0.95; the false-alarm level
   *     per figure when nothing changed is at most half of 1 − confidence
   * @param replicates bootstrap resamples per comparison, e.g. 2,000
   * @param seed the seed of the bootstrap's random generator
   * @param enoughData how many values a percentile needs before it is judged
   * @param latency the minimum effect for percentiles (ms)
   * @param throughput the minimum effect for throughput (requests per second)
   * @param errors the minimum effect for the error rate (percentage points)
   */
  public record Options(
      double confidence,
      int replicates,
      long seed,
      EnoughData enoughData,
      MinimumEffect latency,
      MinimumEffect throughput,
      MinimumEffect errors) {
    /** 95 %, 2,000 replicates, 10 values beyond a percentile, 5 % and 5 ms, 5 %, 0.5 points. */
    public static final Options DEFAULT =
        new Options(
            0.95,
            2_000,
            0x70657266L, // "perf"
            EnoughData.DEFAULT,
            MinimumEffect.LATENCY,
            MinimumEffect.THROUGHPUT,
            MinimumEffect.ERRORS);

    public Options {
      if (!(confidence >= 0.5 && confidence < 1)) {
        throw new IllegalArgumentException(
            "the confidence of an interval must be at least 0.5 and below 1, not " + confidence);
      }
      if (replicates < 100 || replicates * (1 - confidence) / 2 < 1) {
        throw new IllegalArgumentException(
            "a bootstrap needs at least 100 replicates and at least one beyond each end of a "
                + Numbers.plain(100 * confidence)
                + " % interval, not "
                + replicates);
      }
      if (enoughData == null || latency == null || throughput == null || errors == null) {
        throw new IllegalArgumentException("every option of a regression decision is needed");
      }
    }

    /** The same options with another confidence. */
    public Options withConfidence(double confidence) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The same options with another number of bootstrap replicates. */
    public Options withReplicates(int replicates) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The same options with another seed. */
    public Options withSeed(long seed) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The same options with another minimum effect for percentiles. */
    public Options withLatency(MinimumEffect latency) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The same options with another minimum effect for throughput. */
    public Options withThroughput(MinimumEffect throughput) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The same options with another minimum effect for the error rate. */
    public Options withErrors(MinimumEffect errors) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The same options with another enough-data rule. */
    public Options withEnoughData(EnoughData enoughData) {
      return new Options(confidence, replicates, seed, enoughData, latency, throughput, errors);
    }

    /** The minimum effect for a figure. */
    public MinimumEffect effectFor(Figure figure) {
      if (figure instanceof Figure.Percentile) {
        return latency;
      }
      return figure instanceof Figure.Throughput ? throughput : errors;
    }
  }

  private static final String PINNED = "the baseline run";
  private static final String NOT_ESTIMATED = "not estimated";

  private final Options options;

  public Regressions(Options options) {
    this.options = options;
  }

  /** Decisions with {@link Options#DEFAULT}. */
  public static Regressions withDefaults() {
    return new Regressions(Options.DEFAULT);
  }

  public Options options() {
    return options;
  }

  /**
   * Compares the current run with one pinned baseline run: each figure's change with a block
   * bootstrap interval over both runs' seconds, then the decision.
   *
   * @return one decision per figure, in the order given
   */
  public List<Decision> againstRun(
      MeasuredSeconds baseline, MeasuredSeconds current, List<Figure> figures) {
    Decision[] out = new Decision[figures.size()];
    List<Figure> judged = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int f = 0; f < figures.size(); f++) {
      Figure figure = figures.get(f);
      String why = tooShort(baseline, "the baseline run");
      why = why != null ? why : tooShort(current, "this run");
      why = why != null ? why : tooFew(figure, baseline, " in the baseline run");
      why = why != null ? why : tooFew(figure, current, "");
      if (why != null) {
        out[f] = unjudged(figure, figure.of(baseline), figure.of(current), PINNED, why);
      } else {
        judged.add(figure);
        where.add(f);
      }
    }
    if (!judged.isEmpty()) {
      List<Change> changes =
          BlockBootstrap.compare(
              baseline,
              current,
              judged,
              options.replicates(),
              options.confidence(),
              options.seed(),
              PINNED);
      for (int j = 0; j < judged.size(); j++) {
        out[where.get(j)] = Decision.judge(changes.get(j), options.effectFor(judged.get(j)));
      }
    }
    return List.of(out);
  }

  /**
   * Compares the current run with the last K runs: with K = 1 as {@link #againstRun}, with K ≥ 2 by
   * the spread of the runs' figures ({@link #againstValues}), each baseline run's figure computed
   * from its seconds.
   *
   * @param baselines the K baseline runs, in any order
   * @return one decision per figure, in the order given
   */
  public List<Decision> againstRuns(
      List<MeasuredSeconds> baselines, MeasuredSeconds current, List<Figure> figures) {
    if (baselines.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one baseline run");
    }
    if (baselines.size() == 1) {
      return againstRun(baselines.get(0), current, figures);
    }
    String against = "the last " + baselines.size() + " runs";
    Decision[] out = new Decision[figures.size()];
    List<Figure> judged = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int f = 0; f < figures.size(); f++) {
      Figure figure = figures.get(f);
      double[] v = baselines.stream().mapToDouble(figure::of).toArray();
      String why = tooShort(current, "this run");
      why = why != null ? why : tooFew(figure, current, "");
      for (int k = 0; why == null && k < baselines.size(); k++) {
        why = tooShort(baselines.get(k), "one of the baseline runs");
        why = why != null ? why : tooFew(figure, baselines.get(k), " in one of the baseline runs");
      }
      if (why != null) {
        out[f] = unjudged(figure, mean(v), figure.of(current), against, why);
      } else {
        judged.add(figure);
        values.add(v);
        where.add(f);
      }
    }
    double[] noise = noise(current, judged);
    for (int j = 0; j < judged.size(); j++) {
      out[where.get(j)] = spread(judged.get(j), values.get(j), current, noise[j]);
    }
    return List.of(out);
  }

  /**
   * Compares the current run with the values of one figure in the last K ≥ 2 runs (from their
   * summaries), by the spread between runs, floored at the current run's own bootstrap noise.
   *
   * @param baselineValues the figure in each baseline run, in its unit (ms, rps, percent)
   */
  public Decision againstValues(double[] baselineValues, MeasuredSeconds current, Figure figure) {
    if (baselineValues.length < 2) {
      throw new IllegalArgumentException(
          "the spread between runs needs at least 2 baseline values, not "
              + baselineValues.length
              + "; compare with a single run through againstRun");
    }
    if (Arrays.stream(baselineValues).anyMatch(v -> !Double.isFinite(v))) {
      throw new IllegalArgumentException(
          "baseline values must be numbers: " + Arrays.toString(baselineValues));
    }
    String against = "the last " + baselineValues.length + " runs";
    String why = tooShort(current, "this run");
    why = why != null ? why : tooFew(figure, current, "");
    if (why != null) {
      return unjudged(figure, mean(baselineValues), figure.of(current), against, why);
    }
    return spread(figure, baselineValues, current, noise(current, List.of(figure))[0]);
  }

  private Decision spread(Figure figure, double[] values, MeasuredSeconds current, double noise) {
    String note = "block bootstrap over " + current.size() + " s";
    Change change =
        RunSpread.change(
            figure,
            values,
            figure.of(current),
            Double.isNaN(noise) ? 0 : noise,
            note,
            options.confidence());
    return Decision.judge(change, options.effectFor(figure));
  }

  private double[] noise(MeasuredSeconds current, List<Figure> figures) {
    if (figures.isEmpty()) {
      return new double[0];
    }
    return BlockBootstrap.noise(current, figures, options.replicates(), options.seed());
  }

  private Decision unjudged(
      Figure figure, double baseline, double current, String against, String why) {
    Change change =
        new Change(
            figure,
            baseline,
            current,
            current - baseline,
            Double.NaN,
            Double.NaN,
            options.confidence(),
            against,
            NOT_ESTIMATED,
            0);
    return Decision.notEnoughData(change, why);
  }

  private static String tooShort(MeasuredSeconds run, String which) {
    if (run.size() >= BlockBootstrap.MIN_SECONDS) {
      return null;
    }
    return "not enough data: "
        + run.size()
        + " s in "
        + which
        + ", a verdict needs "
        + BlockBootstrap.MIN_SECONDS
        + " s";
  }

  private String tooFew(Figure figure, MeasuredSeconds run, String which) {
    if (figure instanceof Figure.Percentile p) {
      long count = run.count();
      if (!options.enoughData().isEnough(p.quantile(), count)) {
        // "not enough data: 25 requests in the baseline run, p99 needs 1,000"
        return "not enough data: "
            + EnoughData.Noun.REQUESTS.count(count)
            + which
            + ", "
            + p.quantile().label()
            + " needs "
            + Numbers.count(options.enoughData().required(p.quantile()));
      }
      return null;
    }
    if (Double.isNaN(figure.of(run))) {
      return "not enough data: no request" + (which.isEmpty() ? " in this run" : which);
    }
    return null;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }
}
