package io.perfgate.simulation;

import io.perfgate.analysis.EndNote;
import io.perfgate.config.Settings;
import io.perfgate.config.SettingsLoader;
import io.perfgate.injector.InjectorFacts;
import io.perfgate.results.RunMarker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes sure a run gets its verdict even when the Gatling JVM ends before the run does: out of
 * heap, threads or file descriptors, a fatal error, a signal, or kill -9.
 *
 * <p>Once the run is under way, the Gatling JVM starts a watcher beside itself ({@link EndWatch}, a
 * small JVM on the same class path, in its own session so that Ctrl-C does not end it too) and
 * registers a shutdown hook. A JVM that ends on System.exit (Gatling's HTTP client exits on any
 * Error), on SIGTERM or SIGINT (-XX:OnOutOfMemoryError sends SIGTERM) runs the hook: while the
 * run's in-progress marker is still there, it notes how the run ended and waits, a bounded time,
 * for the watcher to finalise the run. Maven waits for the Gatling JVM, so the verdict is printed
 * and the files are written before Maven reports the failure; the JVM then exits 1. A JVM killed
 * with SIGKILL runs no hook: the watcher notices it gone and finalises the run on its own, after
 * Maven.
 */
final class RunEnd {
  /** How long a dying JVM waits for the watcher's verdict. */
  static final Duration FINALISE_TIMEOUT = Duration.ofMinutes(3);

  /** The exit status of a run its injector did not finish: Gatling's own for a crash. */
  static final int BROKEN = 1;

  private final Settings settings;
  private final Path runDir;
  private final Path results;
  private final long injectionStart;
  private final long pid = ProcessHandle.current().pid();
  private final InjectorFacts facts;
  private final String target;
  private final Optional<Process> watcher;

  private RunEnd(
      Settings settings,
      Path runDir,
      Path results,
      long injectionStart,
      String target,
      String simulation) {
    this.settings = settings;
    this.runDir = runDir;
    this.results = results;
    this.injectionStart = injectionStart;
    this.facts = InjectorFacts.measure();
    this.target = target;
    this.watcher = startWatcher(simulation);
  }

  /**
   * Watches the run in {@code runDir}, started at {@code injectionStart} (epoch ms), from now to
   * the end of this JVM.
   */
  static RunEnd watch(
      Settings settings,
      Path runDir,
      Path results,
      long injectionStart,
      String target,
      String simulation) {
    RunEnd end = new RunEnd(settings, runDir, results, injectionStart, target, simulation);
    Runtime.getRuntime().addShutdownHook(new Thread(end::onShutdown, "perfgate-run-end"));
    return end;
  }

  private Optional<Process> startWatcher(String simulation) {
    List<String> cmd = new ArrayList<>();
    // Its own session: Ctrl-C in a terminal reaches the whole process group, the watcher too.
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    // At a low priority, and with one compiler thread: while the run goes it only waits, and it
    // must not take CPU from the load generator, least of all while it starts.
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
      cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:-CreateCoredumpOnCrash",
            "-XX:ErrorFile=" + results.toAbsolutePath() + "/hs_err_pid%p.log",
            "-cp",
            ClassPath.expanded(),
            EndWatch.class.getName(),
            Long.toString(pid),
            runDir.toAbsolutePath().toString(),
            results.toAbsolutePath().toString(),
            Long.toString(injectionStart),
            Long.toString(Runtime.getRuntime().maxMemory()),
            Long.toString(facts.openFilesLimit().orElse(-1)),
            target,
            simulation));
    System.getProperties().stringPropertyNames().stream()
        .filter(SettingsLoader::isSetting)
        .sorted()
        .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      pb.redirectInput(devNull);
    }
    try {
      return Optional.of(pb.start());
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "perfgate: could not start the watcher of this run ("
              + e.getMessage()
              + "); if the Gatling JVM dies, run `analyze "
              + runDir
              + "` for its verdict.");
      return Optional.empty();
    }
  }

  private void onShutdown() {
    if (!Files.exists(RunMarker.file(runDir))) {
      return; // the run ended and after() took over
    }
    EndNote.Cause cause;
    try {
      Optional<EndNote> written = EndNote.read(runDir);
      cause = written.map(EndNote::cause).orElseGet(this::note);
    } catch (RuntimeException | Error e) {
      cause = EndNote.Cause.ERROR;
    }
    awaitWatcher();
    if (cause != EndNote.Cause.STOPPED) {
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(BROKEN);
    }
  }

  /** Notes how the run ended, from what this JVM saw; returns the cause. */
  private EndNote.Cause note() {
    boolean outOfMemory = Files.exists(EndWatch.outOfMemoryFlag(results, pid));
    Optional<String> fatal = FatalErrors.first();
    EndNote.Cause cause;
    String detail;
    if (outOfMemory) {
      cause =
          fatal
              .map(EndNote.Cause::ofError)
              .filter(c -> c == EndNote.Cause.THREADS)
              .orElse(EndNote.Cause.HEAP);
      detail = fatal.orElse("java.lang.OutOfMemoryError");
    } else if (fatal.isPresent()) {
      cause = EndNote.Cause.ofError(fatal.get());
      detail = fatal.get();
    } else {
      cause = EndNote.Cause.STOPPED;
      detail = "";
    }
    long at = System.currentTimeMillis() - injectionStart;
    var plan = settings.requirePlan();
    String load = plan.level(Math.round(plan.levelAt(Duration.ofMillis(at)) * 100) / 100.0);
    try {
      new EndNote(
              cause,
              detail,
              at,
              load,
              pid,
              Runtime.getRuntime().maxMemory(),
              facts.openFilesLimit().orElse(-1),
              "",
              target)
          .write(runDir);
    } catch (IOException | RuntimeException e) {
      System.err.println("perfgate: could not note how the run ended: " + e.getMessage());
    }
    return cause;
  }

  /**
   * Waits until the watcher has finalised the run (the marker is gone), it is gone, or too long.
   */
  private void awaitWatcher() {
    if (watcher.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + FINALISE_TIMEOUT.toNanos();
    while (Files.exists(RunMarker.file(runDir))
        && watcher.get().isAlive()
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
