package io.perfgate.results;

import io.perfgate.summary.Figures;

/**
 * The last few seconds of a running test, as the stop criteria judge them. The live recorder builds
 * it every second from Gatling's own counts and the response times of perfgate's requests.
 */
public final class SlidingWindow {
  private SlidingWindow() {}

  /**
   * The window's figures.
   *
   * @param fromMillis start of the window, in ms from the run's start
   * @param toMillis its end: the end of the latest second counted
   * @param figures the requests that ended in the window: counts of every request, response times
   *     of those with a timed answer
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
