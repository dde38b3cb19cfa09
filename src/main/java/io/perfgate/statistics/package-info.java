/**
 * The statistics behind perfgate's verdicts: enough data for a percentile, regressions decided
 * against the noise, change points in a history, and whether the latest step of a history is noise.
 * Pure Java, no dependency on the rest of perfgate, deterministic (every random draw comes from a
 * seeded generator).
 *
 * <p>Entry points: {@link io.perfgate.statistics.EnoughData}, {@link
 * io.perfgate.statistics.Regressions} (with {@link io.perfgate.statistics.MeasuredSeconds}, {@link
 * io.perfgate.statistics.Figure}, {@link io.perfgate.statistics.Decision}), {@link
 * io.perfgate.statistics.ChangePoints} and {@link io.perfgate.statistics.Noise}. The note below is
 * written for the README.
 *
 * <pre>
 * ## How perfgate decides: methods, parameters, false alarms
 *
 * **Percentiles** are exact nearest rank: of N values, the q-quantile is the value at
 * rank ⌈q·N⌉ (Hyndman and Fan 1996, definition 1), computed in integers on the
 * quantile's exact fraction (p99.9 is 999/1000) from per-second histograms.
 *
 * **Enough data.** A percentile is judged only when at least k = 10 values lie beyond
 * it: N ≥ ⌈k / (1 − q)⌉. p50 needs 20 values, p75 40, p95 200, p99 1,000, p99.9 10,000.
 * Below that the verdict is "not enough data: 25 requests, p99 needs 1,000", neither
 * pass nor fail. (The number of values beyond a percentile is roughly Poisson, so with
 * k values its relative error is about 1/√k.)
 *
 * **Regressions.** A figure (a percentile, throughput, the error rate) regresses only
 * when its change is larger than the minimum effect AND the whole 95 % interval of the
 * change lies on the worse side of no change. Minimum effects: latency the larger of
 * 5 % and 5 ms, throughput 5 %, errors 0.5 percentage points. When nothing changed, a
 * figure is called a regression at most (1 − 0.95) / 2 = 2.5 % of the time (more
 * figures and more requests mean more chances). Each verdict reads like
 * "p95 +12 % [+8 %, +16 %] against the last 5 runs", "throughput -31 % [-35 %, -27 %]
 * against the baseline run", "errors +1.2 points [+0.8, +1.6] against the last 5 runs".
 * The noise comes from:
 *
 * - a pinned baseline run: a circular block bootstrap over the seconds of both runs
 *   (Künsch 1989; Politis and Romano 1992). Blocks of about n^(1/3) seconds (at least
 *   3, at most n/2; 10 s for a 15-minute run), 2,000 resamples per run from a fixed
 *   seed, a percentile interval expanded for short runs (Hesterberg 2015, with blocks
 *   as the independent units: √(b/(b−1)) and t(ν)/z, ν by Welch–Satterthwaite);
 * - a rolling baseline of the last K ≥ 2 runs: the spread between those runs, a
 *   Student t prediction interval for one more run, mean ± t(K−1) · s · √(1 + 1/K),
 *   with s never below the current run's own bootstrap noise (so K identical baselines
 *   do not turn every wiggle into a regression). K = 1 is the pinned case.
 *
 * A figure is not judged when a run has fewer than 5 seconds, a percentile has too few
 * values in any run involved, or a run has no request.
 *
 * Measured on simulated identical runs (30 s, Poisson arrivals at 50 requests/s,
 * log-normal latency with a 10 % per-second effect, 1 % errors):
 *
 * | false regressions               | p95   | p50   | throughput | errors |
 * |---------------------------------|-------|-------|------------|--------|
 * | pinned baseline, 1,000 pairs    | 1.4 % | 0 %   | 2.6 %      | 1.7 %  |
 * | last 5 runs (5 % between runs)  | 1.8 % | 1.8 % | 0.5 %      | 0.3 %  |
 *
 * A run 20 % slower was called a regression in 200 of 200 pinned pairs; against the
 * last 5 runs in 100 of 100 trials with 2 % noise between runs, 63 of 100 with 5 %
 * (83 of 100 against the last 10 runs): a rolling baseline is honest about the noise
 * between runs, which a single pinned run cannot see.
 *
 * **Change points** in a history (one figure over runs) come from E-divisive
 * (Matteson and James 2014; as in MongoDB's and Apache Otava's change-point detection):
 * energy distance with α = 1, recursive bisection, at least 3 runs per segment,
 * significance by 199 seeded permutations within the current segments, p below 0.01.
 * Each change point names the first run after the shift, the means and medians of the
 * segments on both sides, the relative shift and the p-value. A history without a
 * change shows a false change point at most 1 % of the time (0.7 % of 3,000 simulated
 * histories of 30 runs; 4.4 % at p below 0.05). With 3 % noise a 10 % step is found
 * within one run of its place in 98 of 100 histories of 60 runs (81 of 100 of 15
 * runs); a single outlier does not make a change point more often than noise does.
 *
 * **Noise of the latest step.** A step between two runs is within the noise when
 * |step| ≤ 2.5 × 1.4826 × MAD of the history's successive differences (1.2533 × their
 * mean absolute deviation when the MAD is 0), or below a floor such as 1 ms. For a
 * history without change the last step is marked in 4.9 % of histories of 10 runs,
 * 2.2 % of 30, 1.8 % of 100; histories of fewer than 5 runs mark nothing.
 *
 * **Cost.** Bootstrapping p95, p99, throughput and errors over two 15-minute runs
 * (900 s, 200 requests/s) takes about 40 to 60 ms of CPU warm, 160 ms cold.
 * </pre>
 */
package io.perfgate.statistics;
