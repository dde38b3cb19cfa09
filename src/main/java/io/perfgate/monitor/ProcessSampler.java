package io.perfgate.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Samples a local process from Linux's /proc: resident and virtual memory and threads from {@code
 * /proc/<pid>/status}, open file descriptors from {@code /proc/<pid>/fd}, and CPU from the process'
 * total CPU time (user + system), as a percentage of one core over the last interval.
 */
final class ProcessSampler implements Sampler {
  static final String RSS = "rss";
  static final String VMS = "vms";
  static final String CPU = "cpu";
  static final String THREADS = "threads";
  static final String FDS = "fds";

  private final long pid;
  private final Path proc;
  private long lastCpuNanos = -1;
  private long lastWallNanos;

  ProcessSampler(long pid) {
    this(pid, Path.of("/proc"));
  }

  ProcessSampler(long pid, Path procRoot) {
    this.pid = pid;
    this.proc = procRoot.resolve(Long.toString(pid));
  }

  long pid() {
    return pid;
  }

  @Override
  public String describe() {
    return "pid " + pid + commandLine(pid).map(c -> " (" + abbreviate(c) + ")").orElse("");
  }

  @Override
  public void sample(long epochMillis, Recorder r) throws IOException {
    Status s = Status.parse(Files.readString(proc.resolve("status"), StandardCharsets.UTF_8));
    r.add(Series.TARGET, RSS, "bytes", epochMillis, s.rssBytes());
    r.add(Series.TARGET, VMS, "bytes", epochMillis, s.vmsBytes());
    r.add(Series.TARGET, THREADS, "count", epochMillis, s.threads());
    try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
      r.add(Series.TARGET, FDS, "count", epochMillis, fds.count());
    } catch (IOException | SecurityException e) {
      // Another user's process: its descriptors are not ours to count; the rest still is.
    }
    Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration());
    long wall = System.nanoTime();
    if (cpu.isPresent()) {
      long cpuNanos = cpu.get().toNanos();
      if (lastCpuNanos >= 0 && wall > lastWallNanos) {
        r.add(
            Series.TARGET,
            CPU,
            "%",
            epochMillis,
            100.0 * (cpuNanos - lastCpuNanos) / (wall - lastWallNanos));
      }
      lastCpuNanos = cpuNanos;
      lastWallNanos = wall;
    }
  }

  /** The fields of /proc/&lt;pid&gt;/status the sampler keeps. */
  record Status(long rssBytes, long vmsBytes, long threads) {
    static Status parse(String text) throws IOException {
      long rss = -1;
      long vms = -1;
      long threads = -1;
      for (String line : text.split("\n")) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line) * 1024;
        } else if (line.startsWith("VmSize:")) {
          vms = kilobytes(line) * 1024;
        } else if (line.startsWith("Threads:")) {
          threads = Long.parseLong(line.substring("Threads:".length()).trim());
        }
      }
      if (rss < 0 || threads < 0) {
        throw new IOException("no VmRSS or Threads line: the process has ended");
      }
      return new Status(rss, Math.max(vms, 0), threads);
    }

    private static long kilobytes(String line) {
      String v = line.substring(line.indexOf(':') + 1).trim();
      return Long.parseLong(v.split("\\s+")[0]);
    }
  }

  /**
   * The one live process whose command line matches {@code pattern}, this JVM excepted (it would
   * match any pattern naming a class on its own class path).
   *
   * @throws IllegalArgumentException naming the matches when there is not exactly one
   */
  static long byName(Pattern pattern) {
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> matches =
        ProcessHandle.allProcesses()
            .filter(h -> h.pid() != self)
            .filter(h -> h.info().commandLine().map(c -> pattern.matcher(c).find()).orElse(false))
            .toList();
    if (matches.size() == 1) {
      return matches.get(0).pid();
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no running process has a command line matching it");
    }
    throw new IllegalArgumentException(
        matches.size()
            + " processes match it (pids "
            + String.join(", ", matches.stream().limit(5).map(h -> "" + h.pid()).toList())
            + (matches.size() > 5 ? ", ..." : "")
            + "); make the pattern match one");
  }

  static Optional<String> commandLine(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
