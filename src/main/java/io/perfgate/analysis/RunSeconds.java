package io.perfgate.analysis;

import io.perfgate.results.Distribution;
import io.perfgate.results.Histograms;
import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.statistics.Second;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's measured window as the statistics read it: one {@link Second} per whole second from the
 * end of the warm-up to the last whole second of the run, each with the response times of every
 * request that started in it (failed ones included, as Gatling's percentiles count them).
 *
 * <p>Seconds without a request stay in, empty: a stalled service is part of the noise. The last,
 * partial second of a run is left out, so that it does not pass for a drop in throughput; so is a
 * first second that starts inside the warm-up.
 */
public final class RunSeconds {
  private RunSeconds() {}

  /**
   * The measured seconds of a run's distributions.
   *
   * @param fromMillis the end of the warm-up, from the run start
   * @param endMillis the run's last event, from the run start
   */
  public static MeasuredSeconds of(Histograms histograms, long fromMillis, long endMillis) {
    Map<Long, Histograms.Entry> bySecond = new TreeMap<>();
    for (Histograms.Entry e : histograms.seconds()) {
      e.second().ifPresent(s -> bySecond.put(s, e));
    }
    long first = Math.floorDiv(fromMillis + 999, 1000);
    long last = Math.floorDiv(endMillis, 1000) - 1; // the last second that ended before the run
    List<Second> out = new ArrayList<>();
    for (long s = first; s <= last; s++) {
      Histograms.Entry e = bySecond.get(s);
      out.add(e == null ? Second.empty() : second(e.times(), e.ko()));
    }
    return new MeasuredSeconds(out);
  }

  /**
   * The measured seconds of a run whose distributions name their measured window: from the window
   * called {@code measured} (the warm-up's end) to {@code endMillis}.
   */
  public static Optional<MeasuredSeconds> measured(Histograms histograms, long endMillis) {
    return histograms.windows().stream()
        .filter(w -> w.name().equals(RunAnalysis.MEASURED))
        .findFirst()
        .map(w -> of(histograms, w.fromMillis(), endMillis));
  }

  /** One second; a negative time (a clock that stepped back) counts as 0 ms. */
  static Second second(Distribution times, long ko) {
    TreeMap<Integer, Long> counts = new TreeMap<>();
    times.forEach((value, count) -> counts.merge(Math.max(0, value), count, Long::sum));
    int[] values = new int[counts.size()];
    long[] n = new long[counts.size()];
    int i = 0;
    for (Map.Entry<Integer, Long> c : counts.entrySet()) {
      values[i] = c.getKey();
      n[i++] = c.getValue();
    }
    long requests = times.count();
    return new Second(values, n, requests, Math.min(requests, Math.max(0, ko)));
  }
}
