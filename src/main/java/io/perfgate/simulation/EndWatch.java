package io.perfgate.simulation;

import io.perfgate.analysis.EndNote;
import io.perfgate.cli.Main;
import io.perfgate.config.Settings;
import io.perfgate.config.SettingsLoader;
import io.perfgate.pipeline.RunGates;
import io.perfgate.pipeline.RunPipeline;
import io.perfgate.results.LogFormatException;
import io.perfgate.results.LogReader;
import io.perfgate.results.RunMarker;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The watcher: a small JVM the Gatling JVM starts beside itself once its run is under way (see
 * {@link RunEnd}). It waits for the Gatling JVM to end. If the run ended cleanly (the run's
 * in-progress marker is gone), it leaves. If not, it finalises the run: it notes how the run ended
 * (unless the dying JVM's shutdown hook already did: out of heap, threads or file descriptors, a
 * fatal error, a signal), and otherwise that the JVM vanished without shutting down (kill -9, the
 * kernel's OOM killer) or crashed (its hs_err report, moved into the run's folder); then it runs
 * perfgate's {@code analyze} on the run folder, which writes summary.json, summary.md, junit.xml
 * and prints the verdict, and clears the marker. The dying JVM's hook waits for that, so Maven,
 * which waits for the Gatling JVM, prints the verdict before its own.
 *
 * <p>Arguments: the Gatling JVM's pid, the run folder, the results folder, the injection's start
 * (epoch ms), the JVM's max heap and open-file limit (-1: unknown), the target (masked), the
 * simulation's name, then the run's settings as -Dkey=value.
 */
public final class EndWatch {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How long a JVM that ran out of memory may take to end before it is killed. */
  static final Duration OUT_OF_MEMORY_GRACE = Duration.ofSeconds(30);

  /** A hook that is writing its note when the JVM is seen gone: how long to wait for the note. */
  private static final Duration NOTE_GRACE = Duration.ofSeconds(2);

  private final long pid;
  private final Path runDir;
  private final Path results;
  private final long injectionStart;
  private final long heapMax;
  private final long openFilesLimit;
  private final String target;
  private final String simulation;
  private final List<String> settings;

  private EndWatch(String[] args) {
    pid = Long.parseLong(args[0]);
    runDir = Path.of(args[1]);
    results = Path.of(args[2]);
    injectionStart = Long.parseLong(args[3]);
    heapMax = Long.parseLong(args[4]);
    openFilesLimit = Long.parseLong(args[5]);
    target = args[6];
    simulation = args[7];
    settings = List.copyOf(Arrays.asList(args).subList(8, args.length));
  }

  public static void main(String[] args) {
    try {
      new EndWatch(args).watch();
    } catch (RuntimeException | Error e) {
      System.err.println(
          "perfgate: the watcher of the run could not finalise it ("
              + e
              + "); `analyze` of its folder will.");
    }
    System.exit(0);
  }

  /** The JVM's note that it ran out of memory (-XX:OnOutOfMemoryError in pom.xml). */
  static Path outOfMemoryFlag(Path results, long pid) {
    return results.resolve("perfgate-oom-" + pid);
  }

  private void watch() {
    Optional<ProcessHandle> gatling = ProcessHandle.of(pid);
    Path marker = RunMarker.file(runDir);
    Path flag = outOfMemoryFlag(results, pid);
    long outOfMemorySince = -1;
    while (true) {
      boolean alive = gatling.map(ProcessHandle::isAlive).orElse(false);
      // A note with the marker: the Gatling JVM is dying, or handed the run over, and waits.
      if (Files.exists(marker) && Files.exists(EndNote.file(runDir))) {
        finalise();
        return;
      }
      if (!alive && !Files.exists(marker)) {
        // The run ended and after() judged it (or someone else finalised it).
        deleteQuietly(flag);
        return;
      }
      if (!alive) {
        long deadline = System.nanoTime() + NOTE_GRACE.toNanos();
        while (!Files.exists(EndNote.file(runDir)) && System.nanoTime() < deadline) {
          LockSupport.parkNanos(POLL_NANOS / 4);
        }
        if (!Files.exists(EndNote.file(runDir))) {
          writeNote(
              Files.exists(flag) ? EndNote.Cause.HEAP : EndNote.Cause.KILLED,
              Files.exists(flag) ? "java.lang.OutOfMemoryError" : "");
        }
        finalise();
        return;
      }
      if (Files.exists(flag)) {
        long now = System.nanoTime();
        if (outOfMemorySince < 0) {
          outOfMemorySince = now;
        } else if (now - outOfMemorySince > OUT_OF_MEMORY_GRACE.toNanos()) {
          System.err.println(
              "perfgate: the Gatling JVM (pid "
                  + pid
                  + ") ran out of memory "
                  + OUT_OF_MEMORY_GRACE.toSeconds()
                  + " s ago and has not ended: stopping it.");
          writeNote(EndNote.Cause.HEAP, "java.lang.OutOfMemoryError");
          gatling.ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private void writeNote(EndNote.Cause cause, String detail) {
    long at = System.currentTimeMillis() - injectionStart;
    EndNote note =
        new EndNote(cause, detail, at, load(at), pid, heapMax, openFilesLimit, "", target);
    try {
      note.write(runDir);
    } catch (IOException e) {
      System.err.println("perfgate: could not note how the run ended: " + e.getMessage());
    }
  }

  /** The planned load at {@code at} ms into the run, from the run's settings; "" if unknown. */
  private String load(long at) {
    try {
      var plan = loadSettings().requirePlan();
      return plan.level(Math.round(plan.levelAt(Duration.ofMillis(at)) * 100) / 100.0);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private Settings loadSettings() {
    Map<String, String> props = new LinkedHashMap<>();
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (s.startsWith("-D") && eq > 2) {
        props.put(s.substring(2, eq), s.substring(eq + 1));
      }
    }
    return SettingsLoader.load(props, System.getenv(), Path.of(""));
  }

  private void finalise() {
    keepErrorReports();
    Path log = runDir.resolve("simulation.log");
    System.out.println();
    System.out.println(
        "perfgate: the Gatling JVM ended before its run did; judging what it recorded in "
            + runDir
            + ".");
    System.out.flush();
    if (recorded(log)) {
      // Gatling's report first, so that perfgate's page and summary link it when it was built.
      gatlingReport();
      List<String> args = new ArrayList<>(List.of("analyze", runDir.toString()));
      args.addAll(settings);
      Main.run(args.toArray(String[]::new), System.out, System.err, Path.of(""));
      markGatlingReport();
    } else {
      unrecorded();
    }
    try {
      RunMarker.clear(runDir);
    } catch (IOException e) {
      System.err.println(
          "perfgate: could not remove " + RunMarker.file(runDir) + ": " + e.getMessage());
    }
    deleteQuietly(outOfMemoryFlag(results, pid));
    System.out.flush();
    System.err.flush();
  }

  /**
   * How long Gatling may take to build its report of a run that died, before it is stopped: well
   * within the time a dying JVM waits for the verdict, so that the verdict still comes first.
   */
  static final Duration REPORT_LIMIT = RunEnd.FINALISE_TIMEOUT.minusMinutes(1);

  /**
   * Gatling's HTML report of what the log holds, built by Gatling itself in a JVM of its own
   * ({@code -ro}) with the run's heap, when it can read the log: a log cut mid-record may defeat
   * it, and then the run has perfgate's page only. Its output goes to perfgate/gatling-report.log.
   */
  private void gatlingReport() {
    Path output = runDir.resolve(RunPipeline.FOLDER).resolve("gatling-report.log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + Math.max(256L << 20, heapMax),
            "-XX:-HeapDumpOnOutOfMemoryError",
            "-XX:-CreateCoredumpOnCrash",
            "-XX:ErrorFile=" + results.toAbsolutePath() + "/hs_err_pid%p.log",
            // What gatling-maven-plugin gives the Gatling JVM on Java 17: its log reader needs
            // them.
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            // Gatling looks up its latest release online at every start unless told it just did.
            "-Djava.util.prefs.PreferencesFactory=" + OfflinePreferences.class.getName(),
            "-cp",
            ClassPath.expanded(),
            "io.gatling.app.Gatling",
            "-ro",
            runDir.getFileName().toString(),
            "-rf",
            results.toAbsolutePath().toString());
    System.out.println("perfgate: Gatling builds its report of what the log holds.");
    System.out.flush();
    try {
      Files.createDirectories(output.getParent());
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(REPORT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        System.out.println(
            "perfgate: Gatling's report took longer than "
                + REPORT_LIMIT.toMinutes()
                + " minutes and was stopped; perfgate's page stands alone for this run.");
      } else if (!Files.isRegularFile(runDir.resolve("index.html"))) {
        // Its exit status says whether the log's own assertions held, not whether it built.
        System.out.println(
            "perfgate: Gatling could not build its report from this log (what it said is in "
                + output
                + "); perfgate's page stands alone for this run.");
      }
    } catch (IOException e) {
      System.out.println("perfgate: could not start Gatling's report (" + e.getMessage() + ").");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Gatling's assertion rows carry perfgate's verdict on the measured window, as at the end of a
   * run that did not die.
   */
  private void markGatlingReport() {
    Path index = runDir.resolve("index.html");
    Path summaryFile = runDir.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME);
    if (!Files.isRegularFile(index) || !Files.isRegularFile(summaryFile)) {
      return;
    }
    try {
      Summary summary = SummaryCodec.read(summaryFile);
      int asserted = RunGates.of(loadSettings(), simulation).gates().size();
      GatlingReport.markAssertions(
          index,
          summary.gates().subList(0, Math.min(asserted, summary.gates().size())),
          AfterRun.window(summary));
    } catch (IOException | io.perfgate.baseline.BaselineException | RuntimeException e) {
      System.err.println(
          "perfgate: could not mark Gatling's report with the verdict: " + e.getMessage());
    }
  }

  private static Path log(Path runDir) {
    return runDir.resolve("simulation.log");
  }

  /** Whether the log has a record to read (Gatling writes it 8 KiB at a time). */
  private static boolean recorded(Path log) {
    try {
      LogReader.readHeader(log);
      return true;
    } catch (LogFormatException e) {
      return false;
    } catch (IOException e) {
      return true; // analyze will say what is wrong with it
    }
  }

  /** A run that died before its log's first block: a report from its settings and its note. */
  private void unrecorded() {
    try {
      Settings s = loadSettings();
      EndNote note = EndNote.read(runDir).orElseThrow();
      RunPipeline.Outcome outcome =
          RunPipeline.unrecorded(
              new RunPipeline.Job(
                  List.of(log(runDir)),
                  runDir,
                  s,
                  RunGates.of(s, simulation),
                  simulation,
                  target,
                  ""),
              note,
              injectionStart,
              System.err);
      System.out.print(outcome.verdictBlock());
    } catch (Exception e) {
      System.err.println(
          "perfgate: this run left no record to judge, and its summary could not be written ("
              + e.getMessage()
              + "). "
              + EndNote.read(runDir).map(EndNote::describe).orElse(""));
    }
  }

  /** Moves the JVM's crash report and compiler replay file (written to results/) into the run. */
  private void keepErrorReports() {
    Path perfgate = runDir.resolve("perfgate");
    for (String name : List.of("hs_err_pid" + pid + ".log", "replay_pid" + pid + ".log")) {
      Path file = results.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        Files.createDirectories(perfgate);
        Path moved = Files.move(file, perfgate.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        if (name.startsWith("hs_err")) {
          Optional<EndNote> note = EndNote.read(runDir);
          if (note.isPresent()) {
            note.get().withErrorFile(moved.toString()).write(runDir);
          }
        }
      } catch (IOException e) {
        System.err.println("perfgate: could not move " + file + " into " + perfgate + ": " + e);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a note in results/, ignored by git; the next run of this pid is unlikely
    }
  }
}
