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
import java.util.function.Consumer;

/**
 * Watches a run from beside it, on one daemon thread. It finds the run folder as soon as Gatling
 * creates it and hands it over (perfgate marks the run as under way there). When the profile has
 * stop criteria, it then follows the run's simulation.log as Gatling writes it, keeps the last
 * window of it and judges the criteria each time it has read all that is written; once one is met
 * it notes the reason beside the log and raises the wire. Users pass {@link #guard} at the start of
 * every journey and before every configured request, and the first to find the wire raised stops
 * the load generator: Gatling then ends the run as usual, with its report. The request path pays
 * one volatile read per check, and nothing at all without stop criteria.
 */
final class RunWatch {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Optional<StopJudge> judge;
  private final SlidingWindow window;
  private final Path results;
  private final String simulation;
  private final long startedAt;
  private final Consumer<Path> found;
  private final Thread thread;
  private volatile String reason;
  private volatile boolean closed;
  private volatile Path runDir;

  private RunWatch(
      Optional<StopJudge> judge,
      Duration window,
      Path results,
      String simulation,
      long startedAt,
      Consumer<Path> found) {
    this.judge = judge;
    this.window = new SlidingWindow(window);
    this.results = results;
    this.simulation = simulation;
    this.startedAt = startedAt;
    this.found = found;
    this.thread = new Thread(this::watch, "perfgate-run-watch");
    thread.setDaemon(true);
  }

  /**
   * Watches the run of {@code simulation} that Gatling starts after {@code startedAt} in {@code
   * results}.
   *
   * @param judge the profile's stop criteria; empty when it has none
   * @param found called once with the run folder, as soon as Gatling has created it
   */
  static RunWatch start(
      Optional<StopJudge> judge,
      Duration window,
      Path results,
      String simulation,
      long startedAt,
      Consumer<Path> found) {
    RunWatch w = new RunWatch(judge, window, results, simulation, startedAt, found);
    w.thread.start();
    return w;
  }

  /**
   * {@code chain} behind the step users pass, which stops the load generator once the wire is
   * raised; {@code chain} itself when there is nothing to watch.
   */
  ChainBuilder guard(ChainBuilder chain) {
    if (judge.isEmpty()) {
      return chain;
    }
    return exec(stopLoadGeneratorIf(
            session -> "perfgate stop criterion met: " + reason, session -> reason != null))
        .exec(chain);
  }

  /** Stops watching; returns once the watcher is done (or after a few seconds at most). */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
      found.accept(runDir);
      if (judge.isPresent()) {
        LogReader.follow(runDir.resolve("simulation.log"), window, this::judgeAndWait);
      }
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
      Optional<String> stop = judge.orElseThrow().judge(s);
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
