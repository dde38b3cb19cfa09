package io.perfgate.results;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Second;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns records into {@link RunStats} in one pass, keeping an exact {@link Distribution} per
 * request, group, window and second, never a record.
 *
 * <p>Several logs can be fed one after the other (a merge): each log's header sets the shift that
 * puts its offsets on the common time zero, so that windows and seconds are absolute. Another
 * handler can ride along in the same pass: it gets every record with its offsets on that common
 * time zero.
 *
 * <p>Redirects: Gatling logs each hop of a followed redirect as a request of its own, the first
 * under the request's name and the next ones as "&lt;name&gt; Redirect &lt;n&gt;". perfgate counts
 * the chain as one logical request, the one named after the request: the hops keep their own
 * figures (listed, as Gatling's report lists them) but are left out of the run's, the windows' and
 * the seconds' totals, and a hop that fails fails the logical request it belongs to. The log does
 * not say which chain a hop belongs to, so a failed hop counts in the window its hop started in.
 */
final class StatsCollector implements RecordHandler {
  /**
   * A second's distribution is packed once a response that ended this long after it was read:
   * Gatling writes records as responses end, so few records for a second arrive later (a slow
   * response still counts in its second, in the slower packed form).
   */
  static final long PACK_AFTER_MILLIS = 5_000;

  private static final Pattern HOP = Pattern.compile("(.+) Redirect ([1-9][0-9]*)");

  private final long base;
  private final Window[] windows;
  private final RecordHandler also;
  private long baseMillis;
  private long shift;
  private boolean sawHeader;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  private final Keyed global;
  private final Map<GroupPath, Map<String, RequestAcc>> requests = new HashMap<>();
  private final List<RequestAcc> requestOrder = new ArrayList<>();
  private final Map<GroupPath, GroupAcc> groups = new LinkedHashMap<>();
  private final Map<String, long[]> errors = new HashMap<>();
  private SecondAcc[] seconds = new SecondAcc[64];
  private final TreeMap<Long, SecondAcc> negativeSeconds = new TreeMap<>();
  private long watermark = Long.MIN_VALUE;
  private long packedBelow;

  /**
   * @param baseEpochMillis time zero of every offset; {@link Long#MIN_VALUE} for the run start of
   *     the first log fed
   */
  StatsCollector(long baseEpochMillis, List<Window> windows, RecordHandler also) {
    this.base = baseEpochMillis;
    this.also = also;
    this.windows = windows.toArray(new Window[0]);
    Set<String> names = new HashSet<>();
    for (Window w : this.windows) {
      if (!names.add(w.name())) {
        throw new IllegalArgumentException("two windows are named '" + w.name() + "'");
      }
    }
    this.global = new Keyed(this.windows, false);
  }

  StatsCollector(List<Window> windows) {
    this(Long.MIN_VALUE, windows, NONE);
  }

  /** Hands nothing on. */
  static final RecordHandler NONE = new RecordHandler() {};

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
    bounds(s, e);
    if (e > watermark) {
      watermark = e;
      packSecondsBefore(Math.floorDiv(e - PACK_AFTER_MILLIS, 1000));
    }
    if (also != NONE) {
      also.request(group, name, (int) s, (int) e, ok, message);
    }
    // RequestRecord.responseTime: (end - start).toInt, the same wrap-around as an int subtraction.
    int responseTime = end - start;
    RequestAcc acc = requestAcc(group, name);
    acc.times.add(s, responseTime, ok);
    if (!message.isEmpty()) {
      // Any non-blank message is an error, whatever the status (in practice only KO requests have
      // one), as in Gatling's Errors table.
      String trimmed = message.trim();
      if (!trimmed.isEmpty()) {
        errors.computeIfAbsent(trimmed, k -> new long[1])[0]++;
      }
    }
    if (acc.redirectOf != null) {
      if (!ok) {
        acc.redirectOf.times.failedHop(s);
        global.failedHop(s);
        second(Math.floorDiv(s, 1000)).tally.failedHops++;
      }
      return;
    }
    global.add(s, responseTime, ok);
    second(Math.floorDiv(s, 1000)).tally.add(responseTime, ok);
  }

  @Override
  public void user(String scenario, boolean start, int timestamp) {
    long t = timestamp + shift;
    if (also != NONE) {
      also.user(scenario, start, (int) t);
    }
    if (start) {
      first = Math.min(first, t);
    }
    last = Math.max(last, t);
    SecondAcc second = second(Math.floorDiv(t, 1000));
    if (start) {
      second.usersStarted++;
    } else {
      second.usersEnded++;
    }
  }

  @Override
  public void group(GroupPath group, int start, int end, int cumulatedResponseTime, boolean ok) {
    long s = start + shift;
    bounds(s, end + shift);
    if (also != NONE) {
      also.group(group, (int) s, (int) (end + shift), cumulatedResponseTime, ok);
    }
    GroupAcc acc = groupAcc(group);
    acc.cumulated.add(s, cumulatedResponseTime, ok);
    acc.duration.add(end - start, ok);
  }

  @Override
  public void error(String message, int timestamp) {
    if (also != NONE) {
      also.error(message, (int) (timestamp + shift));
    }
    // Counted among the run's errors as is, as Gatling's Errors table does; not a request.
    errors.computeIfAbsent(message, k -> new long[1])[0]++;
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
      // A hop follows its request's first record (the first hop ends before the next starts).
      Matcher m = HOP.matcher(name);
      RequestAcc redirectOf = m.matches() ? byName.get(m.group(1)) : null;
      while (redirectOf != null && redirectOf.redirectOf != null) {
        redirectOf = redirectOf.redirectOf;
      }
      acc = new RequestAcc(group, name, windows, redirectOf);
      byName.put(name, acc);
      requestOrder.add(acc);
      // A request's groups are listed even before (or without) a group record of theirs, as
      // Gatling's ResultsHolder.addAllParentGroups lists them.
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
      acc = new GroupAcc(group, windows);
      groups.put(group, acc);
    }
    return acc;
  }

  private void packSecondsBefore(long second) {
    long upTo = Math.min(second, seconds.length);
    for (long i = packedBelow; i < upTo; i++) {
      SecondAcc a = seconds[(int) i];
      if (a != null && !a.packed) {
        a.pack();
      }
    }
    packedBelow = Math.max(packedBelow, second);
  }

  private SecondAcc second(long second) {
    if (second < 0) {
      return negativeSeconds.computeIfAbsent(second, k -> new SecondAcc());
    }
    if (second >= seconds.length) {
      if (second > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a timestamp " + second + " s after the run start");
      }
      seconds = java.util.Arrays.copyOf(seconds, (int) Math.max(second + 1, seconds.length * 2L));
    }
    SecondAcc acc = seconds[(int) second];
    if (acc == null) {
      acc = new SecondAcc();
      seconds[(int) second] = acc;
    }
    return acc;
  }

  RunStats result(List<ReadOutcome> outcomes) {
    boolean any = first != Long.MAX_VALUE && last != Long.MIN_VALUE;
    // Gatling's rps denominator: ceil((last event - first event) / 1000) seconds.
    double duration = any ? (int) Math.ceil((last - first) / 1000.0) : 0;
    double[] windowSeconds = new double[windows.length];
    for (int i = 0; i < windows.length; i++) {
      Window w = windows[i];
      long from = Math.max(w.fromMillis(), any ? first : 0);
      long to = Math.min(w.toMillis(), any ? last : 0);
      windowSeconds[i] = Math.max(0, to - from) / 1000.0;
    }
    List<Histograms.Entry> histograms = new ArrayList<>();
    global.histograms(Histograms.Kind.RUN, "", histograms);

    List<RequestStats> requestStats = new ArrayList<>();
    for (RequestAcc r : requestOrder) {
      requestStats.add(
          new RequestStats(
              r.group.names(),
              r.name,
              r.times.all.figures(duration),
              r.times.byWindow(windowSeconds),
              Optional.ofNullable(r.redirectOf).map(o -> o.name)));
      r.times.histograms(Histograms.Kind.REQUEST, path(r.group, r.name), histograms);
    }
    List<GroupStats> groupStats = new ArrayList<>();
    for (GroupAcc g : groups.values()) {
      groupStats.add(
          new GroupStats(
              g.path.names(),
              g.cumulated.all.figures(duration),
              g.duration.figures(duration),
              g.cumulated.byWindow(windowSeconds)));
      String path = String.join("/", g.path.names());
      g.cumulated.histograms(Histograms.Kind.GROUP, path, histograms);
      histograms.add(
          new Histograms.Entry(
              Histograms.Kind.GROUP_DURATION,
              path,
              Optional.empty(),
              Optional.empty(),
              g.duration.count() - g.duration.ok,
              g.duration.times));
    }
    List<Second> secondSeries = secondsSeries(histograms);
    return new RunStats(
        outcomes,
        sawHeader ? baseMillis : base,
        any ? first : 0,
        any ? last : 0,
        duration,
        List.of(windows),
        global.all.figures(duration),
        global.byWindow(windowSeconds),
        requestStats,
        groupStats,
        secondSeries,
        errorCounts(),
        new Histograms(sawHeader ? baseMillis : base, List.of(windows), histograms));
  }

  private static String path(GroupPath group, String name) {
    return group.isRoot() ? name : String.join("/", group.names()) + "/" + name;
  }

  private List<Second> secondsSeries(List<Histograms.Entry> histograms) {
    TreeMap<Long, SecondAcc> all = new TreeMap<>(negativeSeconds);
    for (int i = 0; i < seconds.length; i++) {
      if (seconds[i] != null) {
        all.put((long) i, seconds[i]);
      }
    }
    List<Second> out = new ArrayList<>();
    if (all.isEmpty()) {
      return out;
    }
    long started = 0;
    long ended = 0;
    for (long s = all.firstKey(); s <= all.lastKey(); s++) {
      SecondAcc a = all.get(s);
      if (a == null) {
        out.add(new Second(s, started - ended, 0, 0, Tally.none(1)));
        continue;
      }
      if (!a.packed) {
        a.pack();
      }
      started += a.usersStarted;
      // alive in second s: started up to its end, not ended before its start
      long active = started - ended;
      ended += a.usersEnded;
      Figures f = a.tally.figures(1);
      out.add(new Second(s, active, a.usersStarted, a.usersEnded, f));
      if (f.count() > 0) {
        histograms.add(
            new Histograms.Entry(
                Histograms.Kind.SECOND,
                "",
                Optional.empty(),
                Optional.of(s),
                f.ko(),
                a.tally.times));
      }
    }
    return out;
  }

  private List<ErrorCount> errorCounts() {
    long total = errors.values().stream().mapToLong(c -> c[0]).sum();
    List<ErrorCount> out = new ArrayList<>();
    errors.forEach((m, c) -> out.add(new ErrorCount(m, c[0], c[0] * 100.0 / total)));
    out.sort(
        (a, b) ->
            a.count() != b.count()
                ? Long.compare(b.count(), a.count())
                : a.message().compareTo(b.message()));
    return out;
  }

  /**
   * The tallies of one subject: the whole run, and each window it gets figures over (every window
   * for the run, the per-request windows for a request or group), made when a value falls in it.
   */
  private static final class Keyed {
    final Tally all = new Tally();
    private final Window[] windows;
    private final boolean[] kept;
    private final Tally[] byWindow;

    Keyed(Window[] windows, boolean perRequestOnly) {
      this.windows = windows;
      this.kept = new boolean[windows.length];
      for (int i = 0; i < windows.length; i++) {
        kept[i] = !perRequestOnly || windows[i].perRequest();
      }
      this.byWindow = new Tally[windows.length];
    }

    void add(long start, int value, boolean ok) {
      all.add(value, ok);
      for (int i = 0; i < windows.length; i++) {
        if (kept[i] && windows[i].contains(start)) {
          window(i).add(value, ok);
        }
      }
    }

    void failedHop(long start) {
      all.failedHops++;
      for (int i = 0; i < windows.length; i++) {
        if (kept[i] && windows[i].contains(start)) {
          window(i).failedHops++;
        }
      }
    }

    private Tally window(int i) {
      Tally t = byWindow[i];
      if (t == null) {
        t = new Tally();
        byWindow[i] = t;
      }
      return t;
    }

    Map<String, Figures> byWindow(double[] seconds) {
      Map<String, Figures> out = new LinkedHashMap<>();
      for (int i = 0; i < windows.length; i++) {
        if (kept[i]) {
          out.put(
              windows[i].name(),
              byWindow[i] == null ? Tally.none(seconds[i]) : byWindow[i].figures(seconds[i]));
        }
      }
      return out;
    }

    void histograms(Histograms.Kind kind, String path, List<Histograms.Entry> out) {
      out.add(entry(kind, path, Optional.empty(), all));
      for (int i = 0; i < windows.length; i++) {
        if (byWindow[i] != null) {
          out.add(entry(kind, path, Optional.of(windows[i].name()), byWindow[i]));
        }
      }
    }

    private static Histograms.Entry entry(
        Histograms.Kind kind, String path, Optional<String> window, Tally t) {
      long ko = Math.min(t.count(), t.count() - t.ok + t.failedHops);
      return new Histograms.Entry(kind, path, window, Optional.empty(), ko, t.times);
    }
  }

  private static final class RequestAcc {
    final GroupPath group;
    final String name;
    final Keyed times;
    final RequestAcc redirectOf;

    RequestAcc(GroupPath group, String name, Window[] windows, RequestAcc redirectOf) {
      this.group = group;
      this.name = name;
      this.times = new Keyed(windows, true);
      this.redirectOf = redirectOf;
    }
  }

  private static final class GroupAcc {
    final GroupPath path;
    final Keyed cumulated;
    final Tally duration = new Tally();

    GroupAcc(GroupPath path, Window[] windows) {
      this.path = path;
      this.cumulated = new Keyed(windows, true);
    }
  }

  private static final class SecondAcc {
    final Tally tally = new Tally();
    long usersStarted;
    long usersEnded;
    boolean packed;

    void pack() {
      tally.compact();
      packed = true;
    }
  }
}
