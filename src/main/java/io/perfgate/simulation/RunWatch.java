package io.perfgate.simulation;

import io.gatling.core.actor.ActorRef;
import io.gatling.core.controller.Controller;
import io.gatling.core.controller.Controller$Command$StopLoadGenerator;
import io.perfgate.analysis.AbortNote;
import io.perfgate.analysis.StopJudge;
import io.perfgate.live.LiveRecorder;
import io.perfgate.results.SlidingWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Watches a run from beside it, on one daemon thread. It finds the run folder as soon as Gatling
 * creates it and hands it over (perfgate marks the run as under way there). Every second, as soon
 * as the live recorder has Gatling's counts of that second, it judges the profile's stop criteria
 * on the recorder's latest window, and every gate on the measured window so far, and tells the
 * recorder where they stand; it also keeps the recorder's phase and progress in step with the plan.
 * Once a stop criterion is met it raises the run's {@link Halt}, so users end before their next
 * request, tells Gatling's controller to stop the load generator, as Gatling's own {@code
 * stopLoadGenerator} step does, and notes the reason beside the log; Gatling then ends the run as
 * usual, with its report. The controller is handed over while Gatling builds the scenario (see
 * {@link BuildHook}), so a run whose users all wait on slow answers stops at once.
 */
final class RunWatch {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  // Gatling prints a summary every second from the start: none after this long means none comes.
  private static final long BLIND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

  /**
   * What the watch judges.
   *
   * @param stop the profile's stop criteria; empty when it has none
   * @param windowSeconds the stop criteria's window
   */
  record Judges(
      Optional<StopJudge> stop,
      int windowSeconds,
      StopStandings standings,
      LiveGates gates,
      PlanClock plan) {}

  private final Judges judges;
  private final LiveRecorder recorder;
  private final Halt halt;
  private final Path results;
  private final String simulation;
  private final long startedAt;
  private final Consumer<Path> found;
  private final Thread thread;
  private volatile String reason;
  // A reason that could not be noted when the run stopped (no file descriptor left, say).
  private AbortNote unwritten;
  private volatile ActorRef<Controller.Command> controller;
  private volatile boolean closed;
  private volatile Path runDir;
  private long runFoundAt;
  private boolean warnedBlind;

  private RunWatch(
      Judges judges,
      LiveRecorder recorder,
      Halt halt,
      Path results,
      String simulation,
      long startedAt,
      Consumer<Path> found) {
    this.judges = judges;
    this.recorder = recorder;
    this.halt = halt;
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
   * @param found called once with the run folder, as soon as Gatling has created it
   */
  static RunWatch start(
      Judges judges,
      LiveRecorder recorder,
      Halt halt,
      Path results,
      String simulation,
      long startedAt,
      Consumer<Path> found) {
    RunWatch w = new RunWatch(judges, recorder, halt, results, simulation, startedAt, found);
    w.thread.start();
    return w;
  }

  /** Gatling's controller, which stops the load generator; given while Gatling builds the run. */
  void controller(ActorRef<Controller.Command> controller) {
    this.controller = controller;
  }

  /**
   * Stops watching after a last judgement of what the recorder has (the run's last second); returns
   * once the watcher is done (or after a few seconds at most).
   */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      note(true);
    }
  }

  private void watch() {
    long judged = -1;
    while (true) {
      boolean last = closed;
      try {
        if (runDir == null) {
          findRun();
        }
        long version = recorder.version();
        if (version != judged) {
          judged = version;
          judge();
        }
        if (version == 0 && runDir != null && !warnedBlind) {
          warnIfBlind();
        }
        judges.plan().update(recorder, System.currentTimeMillis());
      } catch (RuntimeException e) {
        // One bad second must not end the watch: the next one is judged again.
        System.err.println(
            "perfgate: the live figures could not be judged this second (" + e + ")");
      }
      if (last) {
        return;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private void findRun() {
    Optional<Path> run = RunFolder.find(results, simulation, startedAt);
    if (run.isPresent()) {
      runFoundAt = System.nanoTime();
      runDir = run.get();
      found.accept(runDir);
    }
  }

  private void warnIfBlind() {
    if (System.nanoTime() - runFoundAt < BLIND_AFTER_NANOS) {
      return;
    }
    warnedBlind = true;
    System.err.println(
        "perfgate: WARNING: no progress summary of Gatling's has been read in the run's first"
            + " seconds, so the live figures have no counts and the stop criteria are not judged."
            + " Gatling must print it every second: keep gatling.data.console.writePeriod = 1,"
            + " light = false and the console writer in resources/gatling.conf.");
  }

  private void judge() {
    recorder.gates(judges.gates().standings(recorder));
    if (judges.stop().isEmpty() || reason != null) {
      return;
    }
    Optional<SlidingWindow.Snapshot> window = recorder.window(judges.windowSeconds());
    if (window.isEmpty()) {
      return;
    }
    SlidingWindow.Snapshot w = window.get();
    recorder.stopCriteria(judges.standings().of(w));
    if (!closed) {
      // Once the run has ended, a criterion met by its last second stops nothing.
      judges.stop().get().judge(w).ifPresent(why -> trip(why, w.toMillis()));
    }
  }

  private void trip(String why, long atMillis) {
    // Stop first, then note the reason: an injector out of file descriptors gets some back as its
    // users end, and a note that cannot be written now is written when the watch closes.
    reason = why;
    halt.raise();
    System.out.println("perfgate: stopping the run: " + why + ".");
    ActorRef<Controller.Command> c = controller;
    if (c == null) {
      // Gatling builds every scenario before it starts a user: only a scenario built without
      // perfgate.users(...) leaves the controller unknown.
      System.err.println(
          "perfgate: WARNING: the run cannot be stopped: its scenario was not built by"
              + " perfgate.users(...), so perfgate does not know Gatling's controller. It runs to"
              + " its end; its verdict still names the criterion that was met.");
    } else {
      c.$bang(
          new Controller$Command$StopLoadGenerator("perfgate stop criterion met: " + why, false));
    }
    unwritten = new AbortNote(why, atMillis);
    note(false);
  }

  /**
   * Writes the reason the run stopped beside its log. A first try can fail when the injector is out
   * of file descriptors; the last try, once the load has stopped, says so if it fails too.
   */
  private void note(boolean last) {
    if (unwritten == null) {
      return;
    }
    if (runDir == null) {
      findRun();
    }
    if (runDir == null) {
      if (last) {
        System.err.println(
            "perfgate: could not find this run's folder under "
                + results
                + " to note why the run stopped; its summary will not say it was stopped.");
      }
      return;
    }
    try {
      unwritten.write(runDir);
      unwritten = null;
    } catch (IOException e) {
      if (last) {
        System.err.println(
            "perfgate: could not note why the run stopped in "
                + runDir
                + ": "
                + e.getMessage()
                + "; its summary will not say it was stopped.");
      }
    }
  }
}
