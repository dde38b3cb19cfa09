package io.perfgate.results;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Second;
import java.io.IOException;
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

/**
 * The figures of a run, read from its simulation.log (or from the logs of several injectors that
 * ran shards of one test at the same time), exact: every percentile is the nearest-rank value of
 * the exact distribution of the run's whole-millisecond times (see {@link Distribution}), so the
 * same log always gives the same figures and a merge gives the figures of the union.
 *
 * <p>Time: {@code startEpochMillis} is time zero, the run start in the log's run record (the
 * earliest one when logs are merged); windows, seconds and the event bounds are offsets from it.
 * {@code firstEventMillis} and {@code lastEventMillis} bound the run as Gatling bounds it (first
 * request, group or user start; last request, group or user end); the whole run's rps denominator
 * is {@code durationSeconds} = ceil((last - first) / 1000), as in Gatling's report.
 *
 * @param logs what reading each log gave (its header, record counts, truncation)
 * @param global every request of the run ("All Requests" in Gatling's report), a followed redirect
 *     counted once
 * @param globalByWindow every request that started in each window, by window name
 * @param requests each request by group path and name, in order of first appearance
 * @param groups each group, in order of first appearance
 * @param seconds one entry per second from the first to the last second with an event
 * @param errors the failure messages of requests and the run's other errors, most frequent first
 *     (Gatling's "Errors" table)
 * @param histograms the distributions behind these figures
 */
public record RunStats(
    List<ReadOutcome> logs,
    long startEpochMillis,
    long firstEventMillis,
    long lastEventMillis,
    double durationSeconds,
    List<Window> windows,
    Figures global,
    Map<String, Figures> globalByWindow,
    List<RequestStats> requests,
    List<GroupStats> groups,
    List<Second> seconds,
    List<ErrorCount> errors,
    Histograms histograms) {

  public RunStats {
    logs = List.copyOf(logs);
    windows = List.copyOf(windows);
    Objects.requireNonNull(global, "global");
    globalByWindow = Collections.unmodifiableMap(new LinkedHashMap<>(globalByWindow));
    requests = List.copyOf(requests);
    groups = List.copyOf(groups);
    seconds = List.copyOf(seconds);
    errors = List.copyOf(errors);
    Objects.requireNonNull(histograms, "histograms");
  }

  /** Reads one simulation.log. */
  public static RunStats of(Path log, List<Window> windows) throws IOException {
    return merge(List.of(log), windows);
  }

  /**
   * Reads the logs of one test run by several injectors at the same time, aligned on absolute time
   * (each log's run start plus its offsets), as one run: counts add up and every figure is the
   * figure of the union of the records. Windows and seconds are offsets from the earliest run
   * start.
   */
  public static RunStats merge(List<Path> logs, List<Window> windows) throws IOException {
    return merge(logs, windows, StatsCollector.NONE);
  }

  /**
   * As {@link #merge(List, List)}, handing every record to {@code also} in the same pass, with its
   * offsets on the common time zero (for figures that need the records themselves).
   */
  public static RunStats merge(List<Path> logs, List<Window> windows, RecordHandler also)
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
    StatsCollector collector = new StatsCollector(base, windows, also);
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
        // Oldest record first, so that seconds are packed as in one log; a log's own order is
        // kept (ties go to the earlier log).
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
      return collector.result(outcomes);
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
