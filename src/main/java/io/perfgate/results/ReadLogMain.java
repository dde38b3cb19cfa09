package io.perfgate.results;

import io.perfgate.summary.Figures;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads simulation.log files and prints their global figures: {@code java -cp ...
 * io.perfgate.results.ReadLogMain <simulation.log>...} (several logs are merged as one run). Used
 * by src/bench/read-log.sh; exits 1 when a log cannot be read.
 */
public final class ReadLogMain {
  private ReadLogMain() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ReadLogMain <simulation.log>...");
      System.exit(2);
    }
    List<Path> logs = new ArrayList<>();
    for (String a : args) {
      logs.add(Path.of(a));
    }
    long t0 = System.nanoTime();
    RunStats run;
    try {
      run = RunStats.merge(logs, List.of());
    } catch (IOException e) {
      System.err.println("perfgate: " + e.getMessage());
      System.exit(1);
      return;
    }
    long elapsed = System.nanoTime() - t0;
    Figures g = run.global();
    long records = run.logs().stream().mapToLong(ReadOutcome::records).sum();
    System.out.printf(
        Locale.ROOT,
        "logs %d, records %d, requests %d (ok %d, ko %d), unmatched %d, truncated %s%n",
        logs.size(),
        records,
        g.count(),
        g.ok(),
        g.ko(),
        run.unmatched(),
        run.truncated());
    if (!g.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "global: min %d, p50 %d, p75 %d, p95 %d, p99 %d, p99.9 %d, max %d, mean %.2f, std dev"
              + " %.2f, %.2f rps over %.0f s, %.2f%% KO%n",
          g.min(),
          g.p50(),
          g.p75(),
          g.p95(),
          g.p99(),
          g.p999(),
          g.max(),
          g.mean(),
          g.stdDev(),
          g.rps(),
          run.durationSeconds(),
          g.errorPercent());
    }
    System.out.printf(
        Locale.ROOT,
        "requests %d, groups %d, seconds %d, error messages %d%n",
        run.requests().size(),
        run.groups().size(),
        run.seconds().size(),
        run.errors().size());
    run.warnings().forEach(w -> System.out.println("warning: " + w));
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    // What stays reachable once reading is over: the figures, not the records.
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "read and computed in %.3f s; heap: live after GC %.1f MiB, peak %.1f MiB, max %.0f MiB%n",
        elapsed / 1e9,
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
        peak / 1048576.0,
        rt.maxMemory() / 1048576.0);
  }
}
