package io.perfgate.results;

import java.time.Duration;
import java.util.Arrays;

/**
 * The last few seconds of a run, as its log grows: requests, failures, and their response times per
 * second of the log's clock (the second a response ended in), for judging stop criteria while the
 * run goes. Seconds older than the window are dropped; memory is a few KB per second of window. Not
 * thread-safe: one reader feeds it and takes its snapshots.
 */
public final class SlidingWindow implements RecordHandler {
  private final int seconds;
  private final long[] secondOf;
  private final long[] count;
  private final long[] errors;
  private final long[] sum;
  private final int[] max;
  private final SecondHistogram[] times;
  private long latest = -1;
  private long totalRequests;
  private long totalErrors;

  public SlidingWindow(Duration window) {
    this.seconds = (int) Math.max(1, window.toSeconds());
    this.secondOf = new long[seconds];
    Arrays.fill(secondOf, -1);
    this.count = new long[seconds];
    this.errors = new long[seconds];
    this.sum = new long[seconds];
    this.max = new int[seconds];
    this.times = new SecondHistogram[seconds];
  }

  @Override
  public void request(
      GroupPath group, String name, int start, int end, boolean ok, String message) {
    totalRequests++;
    if (!ok) {
      totalErrors++;
    }
    long second = Math.floorDiv(end, 1000);
    if (second <= latest - seconds) {
      return; // written late, for a second the window has left
    }
    latest = Math.max(latest, second);
    int slot = (int) Math.floorMod(second, seconds);
    if (secondOf[slot] != second) {
      secondOf[slot] = second;
      count[slot] = 0;
      errors[slot] = 0;
      sum[slot] = 0;
      max[slot] = 0;
      times[slot] = new SecondHistogram();
    }
    int rt = Math.max(0, end - start);
    count[slot]++;
    if (!ok) {
      errors[slot]++;
    }
    sum[slot] += rt;
    max[slot] = Math.max(max[slot], rt);
    times[slot].add(rt);
  }

  /** The window ending with the latest second the log has reached. */
  public Snapshot snapshot() {
    SecondHistogram merged = new SecondHistogram();
    long n = 0;
    long ko = 0;
    long total = 0;
    int worst = 0;
    for (int i = 0; i < seconds; i++) {
      if (secondOf[i] >= 0 && secondOf[i] > latest - seconds) {
        n += count[i];
        ko += errors[i];
        total += sum[i];
        worst = Math.max(worst, max[i]);
        merged.addAll(times[i]);
      }
    }
    long to = (latest + 1) * 1000;
    return new Snapshot(
        Math.max(0, to - seconds * 1000L),
        Math.max(0, to),
        n,
        ko,
        n == 0 ? 0 : (double) total / n,
        worst,
        totalRequests,
        totalErrors,
        merged.quantile(0.50),
        merged.quantile(0.75),
        merged.quantile(0.95),
        merged.quantile(0.99),
        merged.quantile(0.999));
  }

  /**
   * The window's figures.
   *
   * @param fromMillis start of the window, in ms from the run's start
   * @param toMillis its end: the end of the latest second the log has reached
   * @param totalErrors failed requests since the start of the run, window or not
   * @param p50 the window's percentiles in ms (NaN without requests): exact below 256 ms, within
   *     0.8 % above
   */
  public record Snapshot(
      long fromMillis,
      long toMillis,
      long requests,
      long errors,
      double mean,
      int max,
      long totalRequests,
      long totalErrors,
      double p50,
      double p75,
      double p95,
      double p99,
      double p999) {
    /** Failed requests in the window, in percent of its requests; 0 when it has none. */
    public double errorPercent() {
      return requests == 0 ? 0 : 100.0 * errors / requests;
    }
  }
}
