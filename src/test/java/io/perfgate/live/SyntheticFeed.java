package io.perfgate.live;

import io.perfgate.results.GroupPath;
import io.perfgate.results.RunHeader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A known stream of records, fed to a recorder in real time from one thread for a bounded time, as
 * a run's feeding thread would: three requests (one in a group), a fixed cycle of response times
 * and one failure in 25. It counts what it fed, so tests compare against exact figures.
 */
final class SyntheticFeed {
  static final List<String> REQUESTS = List.of("home", "search", "checkout/pay");
  static final String FAILURE = "status.find.in(200,304), found 503";

  /**
   * 40 response times in ms: 34 of 30 ms or less, five of 45 ms and one of 200 ms. The p95 (rank 38
   * of 40) is 45 ms, with 85 % of the values below it and 2.5 % above, so any second or window of
   * whole cycles has the same p95, in the middle of the histogram's 40 to 50 ms bucket.
   */
  static final int[] CYCLE = {
    2, 45, 3, 3, 4, 4, 5, 5, 45, 5, 6, 6, 7, 7, 8, 200, 8, 9, 10, 45, 10, 11, 12, 12, 13, 14, 15,
    45, 16, 17, 18, 19, 20, 22, 24, 45, 25, 27, 28, 30
  };

  private static final GroupPath CHECKOUT = GroupPath.of(List.of("checkout"));

  private final int[] counts = new int[256];
  private volatile long fed;
  private volatile long failed;

  /** Exact nearest-rank quantile of everything fed so far. */
  int quantile(double q) {
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (seen >= rank) {
        return v;
      }
    }
    throw new IllegalStateException("nothing fed");
  }

  long fed() {
    return fed;
  }

  long failed() {
    return failed;
  }

  /** Starts the run (its header) at the current time; records are then offsets from it. */
  static long header(LiveRecorder r) {
    long start = System.currentTimeMillis();
    r.header(new RunHeader("3.15.1", "TrackerSimulation", start, "", List.of("browse")));
    return start;
  }

  /**
   * Feeds {@code perSecond} requests a second, each ending now, for {@code duration}, with a user
   * starting for every cycle; returns when done.
   */
  void run(LiveRecorder r, long startEpochMillis, int perSecond, Duration duration) {
    long t0 = System.nanoTime();
    long until = t0 + duration.toNanos();
    long i = 0;
    while (System.nanoTime() < until) {
      long due = (System.nanoTime() - t0) * perSecond / 1_000_000_000L;
      while (i < due) {
        emit(r, startEpochMillis, i++);
      }
      // Pacing the stream in real time, not waiting for anything.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private void emit(LiveRecorder r, long startEpochMillis, long i) {
    int end = (int) (System.currentTimeMillis() - startEpochMillis);
    int ms = CYCLE[(int) (i % CYCLE.length)];
    if (i % CYCLE.length == 0) {
      r.user("browse", true, end);
    }
    boolean ok = i % 25 != 7;
    String name = REQUESTS.get((int) (i % REQUESTS.size()));
    if (name.equals("checkout/pay")) {
      r.request(CHECKOUT, "pay", end - ms, end, ok, ok ? "" : FAILURE);
    } else {
      r.request(GroupPath.ROOT, name, end - ms, end, ok, ok ? "" : FAILURE);
    }
    if (i % CYCLE.length == CYCLE.length - 1) {
      r.user("browse", false, end);
    }
    counts[ms]++;
    if (!ok) {
      failed++;
    }
    fed = i + 1;
  }
}
