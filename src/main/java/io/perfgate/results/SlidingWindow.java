package io.perfgate.results;

import io.perfgate.summary.Figures;
import java.time.Duration;
import java.util.Arrays;

/**
 * The last few seconds of a run, as its log grows: the requests, their failures and the exact
 * distribution of their response times per second of the log's clock (the second a response ended
 * in), for judging stop criteria while the run goes. Seconds older than the window are dropped. Not
 * thread-safe: one reader feeds it and takes its snapshots.
 */
public final class SlidingWindow implements RecordHandler {
  private final int seconds;
  private final long[] secondOf;
  private final Tally[] slots;
  private long latest = -1;
  private long totalRequests;
  private long totalErrors;

  public SlidingWindow(Duration window) {
    this.seconds = (int) Math.max(1, window.toSeconds());
    this.secondOf = new long[seconds];
    Arrays.fill(secondOf, -1);
    this.slots = new Tally[seconds];
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
    if (secondOf[slot] != second || slots[slot] == null) {
      secondOf[slot] = second;
      slots[slot] = new Tally();
    }
    slots[slot].add(Math.max(0, end - start), ok);
  }

  /** The window ending with the latest second the log has reached. */
  public Snapshot snapshot() {
    Tally window = new Tally();
    for (int i = 0; i < seconds; i++) {
      if (slots[i] != null && secondOf[i] > latest - seconds) {
        window.add(slots[i]);
      }
    }
    long to = (latest + 1) * 1000;
    long from = Math.max(0, to - seconds * 1000L);
    return new Snapshot(
        from,
        Math.max(0, to),
        window.figures((Math.max(0, to) - from) / 1000.0),
        totalRequests,
        totalErrors);
  }

  /**
   * The window's figures.
   *
   * @param fromMillis start of the window, in ms from the run's start
   * @param toMillis its end: the end of the latest second the log has reached
   * @param figures the requests that ended in the window, exact
   * @param totalRequests requests since the start of the run, window or not
   * @param totalErrors failed requests since the start of the run, window or not
   */
  public record Snapshot(
      long fromMillis, long toMillis, Figures figures, long totalRequests, long totalErrors) {
    public long requests() {
      return figures.count();
    }

    public long errors() {
      return figures.ko();
    }

    /** Failed requests in the window, in percent of its requests; 0 when it has none. */
    public double errorPercent() {
      return figures.errorPercent();
    }
  }
}
