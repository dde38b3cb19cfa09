package io.perfgate.results;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The distributions behind a run's figures, kept with the run (see {@link HistogramFile}) so that
 * merges, comparisons and regression tests can work on distributions rather than on five
 * percentiles.
 *
 * @param startEpochMillis the run's time zero: seconds and windows are offsets from it
 * @param windows the windows the entries refer to by name
 * @param entries the whole run, each window, each request and group, and each second of the run
 */
public record Histograms(long startEpochMillis, List<Window> windows, List<Entry> entries) {
  public Histograms {
    windows = List.copyOf(windows);
    entries = List.copyOf(entries);
  }

  /** What an entry describes. */
  public enum Kind {
    /** All requests of the run (redirect hops left out: a followed redirect is one request). */
    RUN,
    /** One request, by its path ("name" or "group/name"). */
    REQUEST,
    /** One group's cumulated response time, by its path ("outer/inner"). */
    GROUP,
    /** One group's duration, pauses included. */
    GROUP_DURATION,
    /** All requests that started in one second of the run. */
    SECOND
  }

  /**
   * One distribution.
   *
   * @param path the request's or group's path; "" for {@link Kind#RUN} and {@link Kind#SECOND}
   * @param window the window's name; empty for the whole run
   * @param second the second's offset from the run start, for {@link Kind#SECOND}; otherwise empty
   * @param ko how many of the values were failures
   * @param times the values (read-only: callers must not record into it)
   */
  public record Entry(
      Kind kind,
      String path,
      Optional<String> window,
      Optional<Long> second,
      long ko,
      Distribution times) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(times, "times");
    }
  }

  /** The entry of a kind, path and window (empty for the whole run), if any. */
  public Optional<Entry> find(Kind kind, String path, Optional<String> window) {
    return entries.stream()
        .filter(e -> e.kind() == kind && e.path().equals(path) && e.window().equals(window))
        .findFirst();
  }

  /** The per-second entries, in order of their second. */
  public List<Entry> seconds() {
    return entries.stream().filter(e -> e.kind() == Kind.SECOND).toList();
  }
}
