package io.perfgate.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns records into {@link RunStats}, as gatling-charts' ResultsHolder does, in one pass. It keeps
 * a constant-size accumulator per request, group, window and second, never a record.
 *
 * <p>Several logs can be fed one after the other (a merge): each log's header sets the shift that
 * puts its offsets on the common time zero, so that windows and seconds are absolute.
 */
final class StatsCollector implements RecordHandler {
  /**
   * A second's percentile is computed, and its histogram dropped, once a response that ended this
   * long after it was read: Gatling writes records as responses end, and its default request
   * timeout is 60 s. A response that ends later still counts in its second, not in its p95.
   */
  static final long SECOND_HORIZON_MILLIS = 120_000;

  /**
   * What a collector keeps. Two collectors fed the same log in two threads, one GLOBAL and one
   * KEYED, share the digest work (the bulk of the cost) between two cores; each digest still sees
   * its values in log order, so the figures are the same as with one ALL collector.
   */
  enum Part {
    /** Everything. */
    ALL,
    /** The run's figures, windows, seconds and errors, and the groups' durations. */
    GLOBAL,
    /** The requests' figures and the groups' cumulated response times. */
    KEYED
  }

  private final Part part;
  private final long base;
  private final Window[] windows;
  private final Set<String> windowNames = new HashSet<>();
  private long baseMillis;
  private long shift;
  private boolean sawHeader;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  private final Windowed global;
  private final Map<GroupPath, Map<String, RequestAcc>> requests = new HashMap<>();
  private final List<RequestAcc> requestOrder = new ArrayList<>();
  private final Map<GroupPath, GroupAcc> groups = new LinkedHashMap<>();
  private final Map<String, long[]> errors = new HashMap<>();
  private SecondAcc[] seconds = new SecondAcc[64];
  private long watermark = Long.MIN_VALUE;
  private long closedBelow;
  private final TreeMap<Long, SecondAcc> negativeSeconds = new TreeMap<>();

  /**
   * @param baseEpochMillis time zero of every offset; {@link Long#MIN_VALUE} for the run start of
   *     the first log fed
   */
  StatsCollector(long baseEpochMillis, List<Window> windows, Part part) {
    this.part = part;
    this.base = baseEpochMillis;
    this.windows = windows.toArray(new Window[0]);
    for (Window w : this.windows) {
      if (!windowNames.add(w.name())) {
        throw new IllegalArgumentException("two windows are named '" + w.name() + "'");
      }
    }
    this.global = new Windowed(this.windows.length);
  }

  StatsCollector(List<Window> windows) {
    this(Long.MIN_VALUE, windows, Part.ALL);
  }

  @Override
  public void header(RunHeader header) {
    source(header);
  }

  /** The records that follow come from the log with this header (merges switch often). */
  void source(RunHeader header) {
    if (!sawHeader) {
      baseMillis = base == Long.MIN_VALUE ? header.startEpochMillis() : base;
      sawHeader = true;
    }
    shift = header.startEpochMillis() - baseMillis;
  }

  @Override
  public void request(
      GroupPath group, String name, int start, int end, boolean ok, String message) {
    long s = start + shift;
    long e = end + shift;
    // Gatling's first pass: the run spans from the earliest start to the latest end.
    bounds(s, e);
    if (e > watermark) {
      watermark = e;
      closeSecondsBefore(Math.floorDiv(e - SECOND_HORIZON_MILLIS, 1000));
    }
    // RequestRecord.responseTime: (end - start).toInt, the same wrap-around as an int subtraction.
    int responseTime = end - start;
    if (part != Part.GLOBAL) {
      requestAcc(group, name).times.add(windows, s, responseTime, ok);
    }
    if (part == Part.KEYED) {
      return;
    }
    global.add(windows, s, responseTime, ok);
    second(Math.floorDiv(s, 1000)).request(responseTime, ok);
    if (!message.isEmpty()) {
      // SecondPassParser: trimToOption(message); any non-blank message is an error, whatever
      // the status (in practice only KO requests have one).
      String trimmed = message.trim();
      if (!trimmed.isEmpty()) {
        errors.computeIfAbsent(trimmed, k -> new long[1])[0]++;
      }
    }
  }

  @Override
  public void user(String scenario, boolean start, int timestamp) {
    long t = timestamp + shift;
    if (start) {
      first = Math.min(first, t);
    }
    last = Math.max(last, t);
    if (part != Part.KEYED) {
      SecondAcc second = second(Math.floorDiv(t, 1000));
      if (start) {
        second.usersStarted++;
      } else {
        second.usersEnded++;
      }
    }
  }

  @Override
  public void group(GroupPath group, int start, int end, int cumulatedResponseTime, boolean ok) {
    long s = start + shift;
    bounds(s, end + shift);
    GroupAcc acc = groupAcc(group);
    if (part != Part.GLOBAL) {
      acc.cumulated.add(windows, s, cumulatedResponseTime, ok);
    }
    if (part != Part.KEYED) {
      acc.duration.add(end - start, ok);
    }
  }

  @Override
  public void error(String message, int timestamp) {
    // ResultsHolder.addErrorRecord: counted among the run's errors as is; not a request.
    if (part != Part.KEYED) {
      errors.computeIfAbsent(message, k -> new long[1])[0]++;
    }
  }

  private void bounds(long start, long end) {
    if (start < first) {
      first = start;
    }
    if (end > last) {
      last = end;
    }
  }

  private RequestAcc requestAcc(GroupPath group, String name) {
    Map<String, RequestAcc> byName = requests.get(group);
    if (byName == null) {
      byName = new HashMap<>();
      requests.put(group, byName);
    }
    RequestAcc acc = byName.get(name);
    if (acc == null) {
      acc = new RequestAcc(group, name, windows.length);
      byName.put(name, acc);
      requestOrder.add(acc);
      // ResultsHolder.addAllParentGroups: a request's groups are listed even before (or without)
      // a group record of theirs.
      if (!group.isRoot()) {
        groupAcc(group);
      }
    }
    return acc;
  }

  private GroupAcc groupAcc(GroupPath group) {
    GroupAcc acc = groups.get(group);
    if (acc == null) {
      GroupPath parent = group.parent();
      if (parent != null && !parent.isRoot()) {
        groupAcc(parent); // an enclosing group is listed before the groups in it
      }
      acc = new GroupAcc(group, windows.length);
      groups.put(group, acc);
    }
    return acc;
  }

  private void closeSecondsBefore(long second) {
    long upTo = Math.min(second, seconds.length);
    for (long i = closedBelow; i < upTo; i++) {
      if (seconds[(int) i] != null) {
        seconds[(int) i].close();
      }
    }
    closedBelow = Math.max(closedBelow, second);
  }

  private SecondAcc second(long second) {
    if (second < 0) {
      return negativeSeconds.computeIfAbsent(second, k -> new SecondAcc());
    }
    if (second >= seconds.length) {
      if (second > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a timestamp " + second + " s after the run start");
      }
      seconds = Arrays.copyOf(seconds, (int) Math.max(second + 1, seconds.length * 2L));
    }
    SecondAcc acc = seconds[(int) second];
    if (acc == null) {
      acc = new SecondAcc();
      if (second < closedBelow) {
        acc.close(); // only late responses in it: counted, no percentile
      }
      seconds[(int) second] = acc;
    }
    return acc;
  }

  RunStats result(List<ReadOutcome> outcomes) {
    return result(outcomes, this);
  }

  /**
   * The figures: those of the requests and groups from this collector (ALL or KEYED), the run's own
   * from {@code g} (this one, or the GLOBAL collector fed the same records).
   */
  RunStats result(List<ReadOutcome> outcomes, StatsCollector g) {
    if (part == Part.GLOBAL || (g != this && g.part != Part.GLOBAL)) {
      throw new IllegalArgumentException(part + " with " + g.part);
    }
    boolean any = first != Long.MAX_VALUE && last != Long.MIN_VALUE;
    // ResultsHolder: new GeneralStatsBuffers(math.ceil((max - min) / 1000.0).toInt).
    double duration = any ? (int) Math.ceil((last - first) / 1000.0) : 0;
    double[] windowSeconds = new double[windows.length];
    for (int i = 0; i < windows.length; i++) {
      Window w = windows[i];
      long from = Math.max(w.fromMillis(), any ? first : 0);
      long to = Math.min(w.toMillis(), any ? last : 0);
      windowSeconds[i] = Math.max(0, to - from) / 1000.0;
    }

    List<RequestStats> requestStats = new ArrayList<>();
    for (RequestAcc r : requestOrder) {
      requestStats.add(
          new RequestStats(
              r.group.names(),
              r.name,
              r.times.all.toStats(duration),
              r.times.byWindow(windows, windowSeconds)));
    }
    List<GroupStats> groupStats = new ArrayList<>();
    for (GroupAcc acc : groups.values()) {
      GroupAcc durations = g.groups.get(acc.path);
      groupStats.add(
          new GroupStats(
              acc.path.names(),
              acc.cumulated.all.toStats(duration),
              durations == null ? Stats.empty(duration) : durations.duration.toStats(duration),
              acc.cumulated.byWindow(windows, windowSeconds)));
    }

    return new RunStats(
        outcomes,
        sawHeader ? baseMillis : base,
        any ? first : 0,
        any ? last : 0,
        duration,
        List.of(windows),
        g.global.all.toStats(duration),
        g.global.byWindow(windows, windowSeconds),
        requestStats,
        groupStats,
        g.secondsSeries(),
        g.errorCounts());
  }

  private List<RunStats.Second> secondsSeries() {
    TreeMap<Long, SecondAcc> all = new TreeMap<>(negativeSeconds);
    for (int i = 0; i < seconds.length; i++) {
      if (seconds[i] != null) {
        all.put((long) i, seconds[i]);
      }
    }
    List<RunStats.Second> out = new ArrayList<>();
    if (all.isEmpty()) {
      return out;
    }
    long started = 0;
    long ended = 0;
    for (long s = all.firstKey(); s <= all.lastKey(); s++) {
      SecondAcc a = all.get(s);
      long requestCount = a == null ? 0 : a.requests;
      long ko = a == null ? 0 : a.ko;
      long usersStarted = a == null ? 0 : a.usersStarted;
      long usersEnded = a == null ? 0 : a.usersEnded;
      started += usersStarted;
      // alive in second s: started up to its end, not ended before its start
      long active = started - ended;
      ended += usersEnded;
      double p95 = a == null ? Double.NaN : a.p95();
      out.add(new RunStats.Second(s, requestCount, ko, active, usersStarted, usersEnded, p95));
    }
    return out;
  }

  private List<RunStats.ErrorCount> errorCounts() {
    long total = errors.values().stream().mapToLong(c -> c[0]).sum();
    List<RunStats.ErrorCount> out = new ArrayList<>();
    errors.forEach((m, c) -> out.add(new RunStats.ErrorCount(m, c[0], c[0] * 100.0 / total)));
    out.sort(
        (a, b) ->
            a.count() != b.count()
                ? Long.compare(b.count(), a.count())
                : a.message().compareTo(b.message()));
    return out;
  }

  /** An accumulator over the whole run and one per window, made when a value falls in it. */
  static final class Windowed {
    final Accumulator all = new Accumulator();
    private final Accumulator[] windows;

    Windowed(int windowCount) {
      this.windows = new Accumulator[windowCount];
    }

    void add(Window[] ws, long start, int value, boolean ok) {
      all.add(value, ok);
      for (int i = 0; i < ws.length; i++) {
        if (ws[i].contains(start)) {
          Accumulator a = windows[i];
          if (a == null) {
            a = new Accumulator();
            windows[i] = a;
          }
          a.add(value, ok);
        }
      }
    }

    Map<String, Stats> byWindow(Window[] ws, double[] seconds) {
      Map<String, Stats> out = new LinkedHashMap<>();
      for (int i = 0; i < ws.length; i++) {
        out.put(
            ws[i].name(),
            windows[i] == null ? Stats.empty(seconds[i]) : windows[i].toStats(seconds[i]));
      }
      return out;
    }
  }

  private static final class RequestAcc {
    final GroupPath group;
    final String name;
    final Windowed times;

    RequestAcc(GroupPath group, String name, int windowCount) {
      this.group = group;
      this.name = name;
      this.times = new Windowed(windowCount);
    }
  }

  private static final class GroupAcc {
    final GroupPath path;
    final Windowed cumulated;
    final Accumulator duration = new Accumulator();

    GroupAcc(GroupPath path, int windowCount) {
      this.path = path;
      this.cumulated = new Windowed(windowCount);
    }
  }

  private static final class SecondAcc {
    long requests;
    long ko;
    long usersStarted;
    long usersEnded;
    private SecondHistogram times;
    private boolean closed;
    private double p95 = Double.NaN;

    void request(int responseTime, boolean ok) {
      requests++;
      if (!ok) {
        ko++;
      }
      if (!closed) {
        if (times == null) {
          times = new SecondHistogram();
        }
        times.add(responseTime);
      }
    }

    void close() {
      if (!closed) {
        p95 = times == null ? Double.NaN : times.quantile(0.95);
        times = null;
        closed = true;
      }
    }

    double p95() {
      close();
      return p95;
    }
  }
}
