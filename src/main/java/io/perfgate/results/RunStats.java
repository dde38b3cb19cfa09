package io.perfgate.results;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The figures of a run, read from its simulation.log (or from the logs of several injectors that
 * ran shards of one test at the same time), computed as Gatling 3.15.1 computes its report.
 *
 * <p>Time: {@code startEpochMillis} is time zero, the run start in the log's run record (the
 * earliest one when logs are merged); windows, seconds and the event bounds are offsets from it.
 * {@code firstEventMillis} and {@code lastEventMillis} bound the run as Gatling bounds it (first
 * request, group or user start; last request, group or user end); Gatling's rps denominator is
 * {@code durationSeconds} = ceil((last - first) / 1000).
 *
 * @param logs what reading each log gave (its header, record counts, truncation)
 * @param global every request of the run ("All Requests" in Gatling's report)
 * @param globalByWindow every request that started in each window, by window name
 * @param requests each request by group path and name, in order of first appearance
 * @param groups each group, in order of first appearance
 * @param seconds one entry per second from the first to the last second with an event
 * @param errors the failure messages of requests and the run's other errors, most frequent first
 *     (Gatling's "Errors" table)
 */
public record RunStats(
    List<ReadOutcome> logs,
    long startEpochMillis,
    long firstEventMillis,
    long lastEventMillis,
    double durationSeconds,
    List<Window> windows,
    Stats global,
    Map<String, Stats> globalByWindow,
    List<RequestStats> requests,
    List<GroupStats> groups,
    List<Second> seconds,
    List<ErrorCount> errors) {

  public RunStats {
    logs = List.copyOf(logs);
    windows = List.copyOf(windows);
    Objects.requireNonNull(global, "global");
    globalByWindow = Collections.unmodifiableMap(new LinkedHashMap<>(globalByWindow));
    requests = List.copyOf(requests);
    groups = List.copyOf(groups);
    seconds = List.copyOf(seconds);
    errors = List.copyOf(errors);
  }

  /**
   * One second of the run, {@code [second * 1000, second * 1000 + 1000)} ms from the run start.
   *
   * @param requests requests that started in it
   * @param ko those of them that failed
   * @param activeUsers users alive at some time in it (started before its end, not ended before its
   *     start)
   * @param p95 95th percentile (nearest rank) of the response times of its requests: exact below
   *     256 ms, within 0.8 % above; NaN without any request
   */
  public record Second(
      long second,
      long requests,
      long ko,
      long activeUsers,
      long usersStarted,
      long usersEnded,
      double p95) {}

  /** A failure message and how often it occurred; percent of all errors, as Gatling shows it. */
  public record ErrorCount(String message, long count, double percent) {}

  /** Reads one simulation.log. */
  public static RunStats of(Path log, List<Window> windows) throws IOException {
    return merge(List.of(log), windows);
  }

  /**
   * Reads the logs of one test run by several injectors at the same time, aligned on absolute time
   * (each log's run start plus its offsets), as one run: counts add up and every percentile is over
   * the union of the records. The logs are read side by side and their records interleaved in the
   * order they were written (by event end), so that the digests see the union in the order one
   * Gatling run of all the injectors would have written it. Windows and seconds are offsets from
   * the earliest run start.
   */
  public static RunStats merge(List<Path> logs, List<Window> windows) throws IOException {
    long total = 0;
    for (Path log : logs) {
      total += Files.size(log);
    }
    boolean twoThreads =
        total >= PARALLEL_FROM_BYTES && Runtime.getRuntime().availableProcessors() >= 2;
    return read(logs, windows, twoThreads);
  }

  /** Reads with one thread, or two sharing the digests (the same figures, sooner). */
  static RunStats read(List<Path> logs, List<Window> windows, boolean twoThreads)
      throws IOException {
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("no simulation.log to read");
    }
    long base = Long.MAX_VALUE;
    long[] sizes = new long[logs.size()];
    for (int i = 0; i < logs.size(); i++) {
      base = Math.min(base, LogReader.readHeader(logs.get(i)).startEpochMillis());
      // Read up to the size seen now, so that two readers of a growing log see the same records.
      sizes[i] = Files.size(logs.get(i));
    }
    if (!twoThreads) {
      Fed all = feed(logs, sizes, base, windows, StatsCollector.Part.ALL);
      return all.collector().result(all.outcomes());
    }
    // Digests cost far more than reading: a second thread reads the log(s) again and keeps the
    // run's figures while this one keeps the requests' and groups'.
    long b = base;
    FutureTask<Fed> global =
        new FutureTask<>(() -> feed(logs, sizes, b, windows, StatsCollector.Part.GLOBAL));
    Thread thread = new Thread(global, "perfgate-results-reader");
    thread.setDaemon(true);
    thread.start();
    Fed keyed;
    try {
      keyed = feed(logs, sizes, base, windows, StatsCollector.Part.KEYED);
    } catch (IOException | RuntimeException | Error e) {
      global.cancel(true);
      throw e;
    }
    try {
      Fed g = global.get();
      return keyed.collector().result(keyed.outcomes(), g.collector());
    } catch (InterruptedException e) {
      global.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + logs);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException r) {
        throw r;
      } else if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Below this many bytes of logs, one thread reads: a second one would cost more than it saves.
   */
  static final long PARALLEL_FROM_BYTES = 4L << 20;

  private record Fed(StatsCollector collector, List<ReadOutcome> outcomes) {}

  /** Feeds one collector every record, several logs interleaved in the order they were written. */
  private static Fed feed(
      List<Path> logs, long[] sizes, long base, List<Window> windows, StatsCollector.Part part)
      throws IOException {
    StatsCollector collector = new StatsCollector(base, windows, part);
    List<LogReader.Cursor> cursors = new ArrayList<>();
    try {
      for (int i = 0; i < logs.size(); i++) {
        cursors.add(LogReader.Cursor.open(logs.get(i), sizes[i]));
      }
      if (cursors.size() == 1) {
        LogReader.Cursor c = cursors.get(0);
        collector.source(c.header());
        while (c.next()) {
          c.dispatch(collector);
        }
      } else {
        // Oldest record first; a log's own order is kept (ties go to the earlier log).
        PriorityQueue<Integer> next =
            new PriorityQueue<>(
                Comparator.<Integer>comparingLong(i -> cursors.get(i).time())
                    .thenComparingInt(i -> i));
        for (int i = 0; i < cursors.size(); i++) {
          if (cursors.get(i).next()) {
            next.add(i);
          }
        }
        while (!next.isEmpty()) {
          int i = next.poll();
          LogReader.Cursor c = cursors.get(i);
          collector.source(c.header());
          c.dispatch(collector);
          if (c.next()) {
            next.add(i);
          }
        }
      }
      List<ReadOutcome> outcomes = new ArrayList<>();
      for (LogReader.Cursor c : cursors) {
        outcomes.add(c.outcome());
      }
      return new Fed(collector, outcomes);
    } finally {
      for (LogReader.Cursor c : cursors) {
        c.close();
      }
    }
  }

  /** Whether a log ended inside a record (its figures are those of the records before). */
  public boolean truncated() {
    return logs.stream().anyMatch(ReadOutcome::truncated);
  }

  /** The reader's warnings (truncated logs), one per log that has one. */
  public List<String> warnings() {
    return logs.stream().flatMap(o -> o.warning().stream()).toList();
  }

  /** Unmatched incoming messages in all logs: read, counted here, left out of every figure. */
  public long unmatched() {
    return logs.stream().mapToLong(ReadOutcome::unmatched).sum();
  }

  /** A request by its path: "name", or "group/name" inside a group. */
  public Optional<RequestStats> request(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).findFirst();
  }

  /** A group by its path: "group" or "outer/inner". */
  public Optional<GroupStats> group(String path) {
    return groups.stream().filter(g -> g.pathString().equals(path)).findFirst();
  }
}
