package io.perfgate.statistics;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * A run's measured window as consecutive seconds, in time order. The order matters: the block
 * bootstrap resamples runs of consecutive seconds, so that slow spells lasting a few seconds stay
 * together.
 *
 * @param seconds the window's seconds, oldest first, including seconds without any request
 */
public record MeasuredSeconds(List<Second> seconds) {
  public MeasuredSeconds {
    seconds = List.copyOf(seconds);
  }

  /** A window of these seconds, oldest first. */
  public static MeasuredSeconds of(Second... seconds) {
    return new MeasuredSeconds(List.of(seconds));
  }

  /** The number of seconds. */
  public int size() {
    return seconds.size();
  }

  /** The number of values in all seconds' histograms. */
  public long count() {
    return seconds.stream().mapToLong(Second::count).sum();
  }

  /** The number of requests in all seconds. */
  public long requests() {
    return seconds.stream().mapToLong(Second::requests).sum();
  }

  /** The number of failed requests in all seconds. */
  public long failed() {
    return seconds.stream().mapToLong(Second::failed).sum();
  }

  /** Mean requests per second over the window (requests / seconds); NaN for an empty window. */
  public double throughput() {
    return seconds.isEmpty() ? Double.NaN : (double) requests() / seconds.size();
  }

  /** Failed requests as a percentage of all requests; NaN when there is no request. */
  public double errorPercent() {
    long requests = requests();
    return requests == 0 ? Double.NaN : 100.0 * failed() / requests;
  }

  /** The pooled nearest-rank q-quantile of all seconds; empty when there is no value. */
  public OptionalLong percentile(Quantile q) {
    return pooled(seconds, q);
  }

  /**
   * The nearest-rank q-quantile of the values of several seconds pooled together: the value at rank
   * ⌈q·N⌉ of their N values. Exact, and found by walking the seconds' sparse histograms (only the
   * values between the smallest and the largest single-second q-quantile are counted, as {@code
   * Resampler} explains), never by expanding them. Empty when the seconds hold no value.
   */
  public static OptionalLong pooled(Collection<Second> seconds, Quantile q) {
    long v = Resampler.pooled(new MeasuredSeconds(List.copyOf(seconds)), List.of(q))[0];
    return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
