package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import io.gatling.javaapi.core.ChainBuilder;
import io.perfgate.analysis.AbortNote;
import io.perfgate.analysis.StopJudge;
import io.perfgate.results.LogReader;
import io.perfgate.results.SlidingWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a run whose stop criteria are met. A daemon thread follows the run's simulation.log as
 * Gatling writes it, keeps the last window of it and judges the criteria each time it has read all
 * that is written; once one is met it notes the reason beside the log and raises the wire. Users
 * pass {@link #check()} at the start of every journey and before every configured request, and the
 * first to find the wire raised stops the load generator: Gatling then ends the run as usual, with
 * its report. The request path pays one volatile read per check.
 */
final class Tripwire {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final StopJudge judge;
  private final SlidingWindow window;
  private final Path results;
  private final String simulation;
  private final long startedAt;
  private volatile String reason;
  private volatile boolean closed;
  private volatile Path runDir;
  private Thread thread;

  private Tripwire(
      StopJudge judge, Duration window, Path results, String simulation, long startedAt) {
    this.judge = judge;
    this.window = new SlidingWindow(window);
    this.results = results;
    this.simulation = simulation;
    this.startedAt = startedAt;
  }

  /** A wire that watches the run of {@code simulation} Gatling starts after {@code startedAt}. */
  static Tripwire start(
      StopJudge judge, Duration window, Path results, String simulation, long startedAt) {
    Tripwire t = new Tripwire(judge, window, results, simulation, startedAt);
    t.thread = new Thread(t::watch, "perfgate-stop-criteria");
    t.thread.setDaemon(true);
    t.thread.start();
    return t;
  }

  /** A wire that never trips, for runs without stop criteria. */
  static Tripwire none() {
    return new Tripwire(null, Duration.ofSeconds(1), null, "", 0);
  }

  /**
   * {@code chain} behind the step users pass, which stops the load generator once the wire is
   * raised; {@code chain} itself when there is nothing to watch.
   */
  ChainBuilder guard(ChainBuilder chain) {
    if (thread == null) {
      return chain;
    }
    return exec(stopLoadGeneratorIf(
            session -> "perfgate stop criterion met: " + reason, session -> reason != null))
        .exec(chain);
  }

  /** Stops watching; returns once the watcher is done (or after a few seconds at most). */
  void close() {
    closed = true;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void watch() {
    try {
      Optional<Path> run = Optional.empty();
      while (!closed && (run = RunFolder.find(results, simulation, startedAt)).isEmpty()) {
        LockSupport.parkNanos(POLL_NANOS);
      }
      if (run.isEmpty()) {
        return;
      }
      runDir = run.get();
      LogReader.follow(runDir.resolve("simulation.log"), window, this::judgeAndWait);
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "perfgate: stop criteria are not judged for the rest of this run: the log could not be"
              + " followed ("
              + e.getMessage()
              + ")");
    }
  }

  /** Called whenever the follower has read all that is written: judge, then wait for more. */
  private boolean judgeAndWait() {
    if (reason == null) {
      SlidingWindow.Snapshot s = window.snapshot();
      Optional<String> stop = judge.judge(s);
      if (stop.isPresent()) {
        trip(stop.get(), s.toMillis());
        return false;
      }
    }
    if (closed) {
      return false;
    }
    LockSupport.parkNanos(POLL_NANOS);
    return !closed;
  }

  private void trip(String why, long atMillis) {
    try {
      new AbortNote(why, atMillis).write(runDir);
    } catch (IOException e) {
      System.err.println(
          "perfgate: could not note why the run stops in " + runDir + ": " + e.getMessage());
    }
    reason = why;
    System.out.println("perfgate: stopping the run: " + why + ".");
  }
}
