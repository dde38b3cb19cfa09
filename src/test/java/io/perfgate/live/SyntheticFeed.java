package io.perfgate.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A known run, fed to a recorder in real time for a bounded time as a Gatling run feeds it: each
 * answer to the response-time probe as it ends, and every second Gatling's console summary, written
 * by Gatling's own formatter and read through the console feed. Three requests (one in a group), a
 * fixed cycle of response times and one failed check in 25. It counts what it fed, so tests compare
 * against exact figures.
 */
final class SyntheticFeed {
  static final List<String> REQUESTS = List.of("home", "search", "checkout/pay");
  static final String FAILURE = "status.find.in(200,304), found 503";
  static final String SCENARIO = "browse";

  /**
   * 40 response times in ms: 34 of 30 ms or less, five of 45 ms and one of 200 ms. The p95 (rank 38
   * of 40) is 45 ms, with 85 % of the values below it and 2.5 % above, so any second or window of
   * whole cycles has the same p95, in the middle of the histogram's 40 to 50 ms bucket.
   */
  static final int[] CYCLE = {
    2, 45, 3, 3, 4, 4, 5, 5, 45, 5, 6, 6, 7, 7, 8, 200, 8, 9, 10, 45, 10, 11, 12, 12, 13, 14, 15,
    45, 16, 17, 18, 19, 20, 22, 24, 45, 25, 27, 28, 30
  };

  private final int[] counts = new int[256];
  private volatile long fed;
  private volatile long failed;
  private volatile long summaries;

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

  /** Summaries printed so far. */
  long summaries() {
    return summaries;
  }

  /** The console feed of a run that starts now, as Gatling's start line starts it. */
  static ConsoleFeed start(LiveRecorder r) {
    ConsoleFeed console = new ConsoleFeed(r, 5);
    console.line("Simulation io.perfgate.simulations.TrackerSimulation started...");
    return console;
  }

  /**
   * Feeds {@code perSecond} answers a second, each ending now, for {@code duration}, with a user
   * starting for every cycle and Gatling's summary every second and once more at the end; returns
   * when done.
   */
  void run(LiveRecorder r, ConsoleFeed console, int perSecond, Duration duration) {
    GatlingConsoleText gatling = GatlingConsoleText.closed(SCENARIO);
    List<LiveRecorder.Probe> probes = List.of(r.probe("home"), r.probe("search"), r.probe("pay"));
    long t0 = System.nanoTime();
    long until = t0 + duration.toNanos();
    long i = 0;
    long printed = 0;
    while (System.nanoTime() < until) {
      long elapsed = System.nanoTime() - t0;
      long due = elapsed * perSecond / 1_000_000_000L;
      while (i < due) {
        emit(gatling, probes, i++);
      }
      if (elapsed / 1_000_000_000L > printed) {
        printed = elapsed / 1_000_000_000L;
        print(console, gatling, printed);
      }
      // Pacing the stream in real time, not waiting for anything.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    print(console, gatling, (System.nanoTime() - t0) / 1_000_000_000L);
  }

  private void print(ConsoleFeed console, GatlingConsoleText gatling, long elapsed) {
    for (String line : gatling.lines(elapsed)) {
      console.line(line);
    }
    summaries++;
  }

  private void emit(GatlingConsoleText gatling, List<LiveRecorder.Probe> probes, long i) {
    long end = System.currentTimeMillis();
    int ms = CYCLE[(int) (i % CYCLE.length)];
    if (i % CYCLE.length == 0) {
      gatling.userStart(SCENARIO);
    }
    boolean ok = i % 25 != 7;
    int k = (int) (i % REQUESTS.size());
    probes.get(k).answered(k == 2 ? List.of("checkout") : List.of(), end - ms, end);
    String path = k == 2 ? "checkout / pay" : REQUESTS.get(k);
    if (ok) {
      gatling.ok(path);
    } else {
      gatling.ko(path, FAILURE);
    }
    if (i % CYCLE.length == CYCLE.length - 1) {
      gatling.userDone(SCENARIO);
    }
    counts[ms]++;
    if (!ok) {
      failed++;
    }
    fed = i + 1;
  }
}
