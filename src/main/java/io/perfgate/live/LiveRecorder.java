package io.perfgate.live;

import io.perfgate.results.Distribution;
import io.perfgate.results.SlidingWindow;
import io.perfgate.summary.Figures;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The run as it goes, for Prometheus, the live page, the stop criteria and the gates' standing. Two
 * feeds fill it, both in the injector's JVM and never behind the load:
 *
 * <ul>
 *   <li>Gatling's console summary, once a second ({@link #summary}, from {@link ConsoleFeed}):
 *       every request's OK and KO counts, the errors by message and the users by scenario, all
 *       cumulative, turned here into per-second deltas;
 *   <li>the response times ({@link #answered}, or a request's {@link #probe}), answer by answer
 *       from Gatling's HTTP threads: the exact response time of each request, as Gatling logs it.
 * </ul>
 *
 * Everything else (phase, progress, the injector's and the target's resources, stop criteria,
 * gates, the end of the run) comes through its setters; any thread may read it meanwhile.
 *
 * <p>An answer costs one or two map lookups and one short lock (array increments in its request's
 * and all requests' second and in its request's histogram buckets for Prometheus). Memory is
 * bounded for a run of any length: the page keeps {@code live.history} seconds second by second,
 * the run's totals, at most {@code live.maxRequests} request series (later names share {@value
 * #OTHER_REQUESTS}), {@value #MAX_MESSAGES} error messages and {@value #MAX_CLASSES} error classes.
 *
 * <p>Request labels are Gatling's console paths with "/" between groups and name ({@code
 * checkout/pay}); Gatling cuts a path longer than {@value ConsoleSummary#MAX_PATH} characters, and
 * the response times' labels are cut the same way, so both feeds meet on one label. Every text it
 * shows passes through the masking function first.
 */
public final class LiveRecorder implements LiveMetrics.Readings {
  /** The {@code request} label shared by the names past {@code live.maxRequests}. */
  public static final String OTHER_REQUESTS = "(other requests)";

  static final String OTHER_SCENARIOS = "(other scenarios)";
  static final int MAX_MESSAGES = 200;
  static final int MAX_CLASSES = 20;
  static final int MAX_SCENARIOS = 50;
  static final int MAX_MESSAGE_LENGTH = 300;
  // Console messages and paths whose last count is remembered, to turn counts into deltas.
  static final int MAX_REMEMBERED = 1000;
  // Group paths one request name's probe remembers; past them its answers share OTHER_REQUESTS.
  static final int MAX_GROUP_PATHS = 100;

  /** Nearest ranks of the reported percentiles, as fractions: p50, p75, p95, p99, p99.9. */
  private static final long[][] PERCENTILES = {
    {50, 100}, {75, 100}, {95, 100}, {99, 100}, {999, 1000}
  };

  private static final int ACTIVE = 0;
  private static final int STARTED = 1;
  private static final int CPU = 0;
  private static final int PLANNED_ARRIVALS = 1;

  private final RunLabels labels;
  private final String target;
  private final UnaryOperator<String> mask;
  private final Function<String, String> classifier;
  private final LongSupplier clock;
  private final int maxRequests;
  private final int history;
  private final LiveMetrics metrics;

  // Guarded by lock: both feeds write, readers copy.
  private final Object lock = new Object();
  private final Map<String, Series> byLabel = new HashMap<>();
  private final List<Series> series = new ArrayList<>();
  private Series all;
  private Series other;
  private final ValueRing users;
  private final ValueRing samples;
  private final Map<String, long[]> classCounts = new LinkedHashMap<>();
  private final Map<String, CounterDataPoint> classCounters = new HashMap<>();
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private long otherMessages;
  // The console's previous counts, to take deltas.
  private final Map<String, long[]> pathCounts = new HashMap<>();
  private final Map<String, Message> messageCounts = new HashMap<>();
  private final Map<String, Scenario> scenarios = new HashMap<>();
  private long lastOk;
  private long lastKo;
  private int summaries;
  private long firstSecond;
  private long consoleSecond = Long.MIN_VALUE;
  // The measured window (after the warm-up): from this second on, and which requests keep it.
  private long measuredFrom = 0;
  private final Set<String> measuredLabels = new HashSet<>();

  // The probes of answered(name, ...), by request name.
  private final Map<String, Probe> probes = new ConcurrentHashMap<>();

  // Set by anyone, read by anyone.
  private volatile long startEpochMillis = Long.MIN_VALUE;
  private volatile String phase = "";
  private volatile double elapsedSeconds = Double.NaN;
  private volatile double plannedSeconds = Double.NaN;
  private volatile double plannedArrivals = Double.NaN;
  private volatile Supplier<InjectorHealth> injectorSource = () -> InjectorHealth.UNKNOWN;
  private volatile Supplier<List<TargetSample>> targetSource = List::of;
  private volatile InjectorHealth injector = InjectorHealth.UNKNOWN;
  private volatile List<TargetSample> targetSamples = List.of();
  private volatile StopStanding stop = StopStanding.NONE;
  private volatile List<GateStanding> gates = List.of();
  private volatile List<PhaseSpan> phases = List.of();
  private volatile List<ReportLink> reports = List.of();
  private volatile long endSecond = Long.MIN_VALUE;
  private volatile long version;

  /**
   * @param labels the run's labels, on every metric
   * @param target the target's base URL, shown on the page (masked)
   * @param settings {@code history} and {@code maxRequests} bound the memory
   * @param mask hides secrets in every text shown; perfgate's Redactor::redact
   * @param classifier the class of an error message (perfgate's Explanations::errorClass)
   * @param clock epoch milliseconds, for the run's current second
   */
  public LiveRecorder(
      RunLabels labels,
      String target,
      LiveSettings settings,
      UnaryOperator<String> mask,
      Function<String, String> classifier,
      LongSupplier clock) {
    this.mask = Objects.requireNonNull(mask, "mask");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.labels =
        new RunLabels(
            masked(labels.simulation()),
            masked(labels.profile()),
            masked(labels.env()),
            masked(labels.injector()));
    this.target = masked(target == null ? "" : target);
    this.maxRequests = settings.maxRequests();
    this.history = settings.historySeconds();
    this.metrics = new LiveMetrics(this.labels, this);
    this.all = new Series("", new SecondRing(history), null, null, new Distribution());
    this.users = new ValueRing(history, 2);
    this.samples = new ValueRing(history, 2);
  }

  /** The registry to expose at {@code /metrics}. */
  public PrometheusRegistry registry() {
    return metrics.registry();
  }

  LiveMetrics metrics() {
    return metrics;
  }

  private String masked(String text) {
    String m = mask.apply(text);
    return m == null ? "" : m;
  }

  /**
   * What the gates and the stop criteria judge; call before the run starts.
   *
   * @param warmUp the start of the run left out of the measured window
   * @param stopWindow the stop criteria's window: the last seconds of all requests kept exact
   * @param gatedRequests request labels ({@code group/request}) that gates judge: each keeps its
   *     measured window's exact distribution
   */
  public void measure(Duration warmUp, Duration stopWindow, Collection<String> gatedRequests) {
    int exact = (int) Math.max(SecondRing.RECENT, Math.min(stopWindow.toSeconds(), 24 * 3600));
    synchronized (lock) {
      measuredFrom = (warmUp.toMillis() + 999) / 1000;
      if (all.ring.latest() == Long.MIN_VALUE) {
        all =
            new Series(
                "", new SecondRing(Math.max(history, exact), exact), null, null, all.measured);
      }
      for (String r : gatedRequests) {
        measuredLabels.add(masked(r));
      }
      for (Series s : series) {
        if (s.measured == null && measuredLabels.contains(s.label)) {
          s.measured = new Distribution();
        }
      }
    }
  }

  // ---- the run's start ----

  /**
   * The run started now (epoch milliseconds): the live seconds count from here. First call wins.
   */
  public void start(long epochMillis) {
    synchronized (lock) {
      if (startEpochMillis == Long.MIN_VALUE) {
        startEpochMillis = epochMillis;
      }
    }
  }

  /** The run's start in epoch milliseconds, or Long.MIN_VALUE before it started. */
  public long startEpochMillis() {
    return startEpochMillis;
  }

  // ---- feed 1: Gatling's console, once a second ----

  /**
   * Gatling's console summary printed at {@code atEpochMillis}: its counts since the previous
   * summary become the next second's. Summaries come once a second; the first counts for the second
   * that ended about when it was printed.
   */
  public void summary(ConsoleSummary s, long atEpochMillis) {
    if (startEpochMillis == Long.MIN_VALUE) {
      start(atEpochMillis - s.elapsedSeconds() * 1000);
    }
    synchronized (lock) {
      if (summaries == 0) {
        // Each summary counts what happened since the one before, about the second before it.
        firstSecond = Math.max(0, Math.floorDiv(atEpochMillis - startEpochMillis - 500, 1000));
      }
      long second = firstSecond + summaries;
      summaries++;
      consoleSecond = second;
      boolean measuring = second >= measuredFrom;
      int okDelta = delta(s.ok(), lastOk);
      int koDelta = delta(s.ko(), lastKo);
      lastOk = Math.max(lastOk, s.ok());
      lastKo = Math.max(lastKo, s.ko());
      all.counted(second, okDelta, koDelta, measuring);
      for (ConsoleSummary.Count c : s.requests()) {
        long[] before = pathCounts.get(c.path());
        if (before == null) {
          if (pathCounts.size() >= MAX_REMEMBERED) {
            continue; // all requests still count it
          }
          before = new long[2];
          pathCounts.put(c.path(), before);
        }
        int ok = delta(c.ok(), before[0]);
        int ko = delta(c.ko(), before[1]);
        before[0] = Math.max(before[0], c.ok());
        before[1] = Math.max(before[1], c.ko());
        if (ok + ko > 0) {
          seriesFor(label(c.path())).counted(second, ok, ko, measuring);
        }
      }
      for (ConsoleSummary.ErrorCount e : s.errors()) {
        failed(e.message(), e.count());
      }
      long active = 0;
      long started = 0;
      for (ConsoleSummary.Users u : s.scenarios()) {
        Scenario sc = scenarioOf(u.scenario());
        if (sc == null) {
          continue;
        }
        sc.active.set(u.active());
        long d = Math.max(0, u.started() - sc.started);
        sc.started = Math.max(sc.started, u.started());
        sc.startedCounter.inc(d);
        active += u.active();
        started += d;
      }
      users.set(second, ACTIVE, active);
      users.set(second, STARTED, started);
      version = summaries;
    }
  }

  private static int delta(long now, long before) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, now - before));
  }

  /** Counts {@code count} so far of one message, by class and message. */
  private void failed(String text, long count) {
    Message m = messageCounts.get(text);
    if (m == null) {
      if (messageCounts.size() >= MAX_REMEMBERED) {
        return;
      }
      String errorClass = masked(Objects.requireNonNullElse(classifier.apply(text), "other"));
      if (!classCounts.containsKey(errorClass) && classCounts.size() >= MAX_CLASSES) {
        errorClass = "other";
      }
      m = new Message(shortened(masked(text)), errorClass);
      messageCounts.put(text, m);
      if (messages.size() < MAX_MESSAGES) {
        messages.put(text, m);
        m.shown = true;
      }
    }
    long d = Math.max(0, count - m.count);
    if (d == 0) {
      return;
    }
    m.count += d;
    if (!m.shown) {
      otherMessages += d;
    }
    classCounts.computeIfAbsent(m.errorClass, c -> new long[1])[0] += d;
    classCounters.computeIfAbsent(m.errorClass, metrics::errors).inc(d);
  }

  private static String shortened(String text) {
    return text.length() <= MAX_MESSAGE_LENGTH
        ? text
        : text.substring(0, MAX_MESSAGE_LENGTH - 1) + "\u2026";
  }

  private Scenario scenarioOf(String name) {
    Scenario sc = scenarios.get(name);
    if (sc == null) {
      if (scenarios.size() >= MAX_SCENARIOS) {
        return null; // all requests and the page's users still count them
      }
      String label = masked(name);
      sc = new Scenario(metrics.usersActive(label), metrics.usersStarted(label));
      scenarios.put(name, sc);
    }
    return sc;
  }

  // ---- feed 2: response times, answer by answer ----

  /**
   * The probe of one request name: call it with every answer to that request (from Gatling's HTTP
   * threads, several at once).
   */
  public Probe probe(String name) {
    return new Probe(Objects.requireNonNull(name, "name"));
  }

  /**
   * An answer to request {@code name} arrived (see {@link Probe#answered}); for a feed that sees
   * every request of the run by name. Past {@value #MAX_REMEMBERED} names, a new name's answers
   * count under {@value #OTHER_REQUESTS}.
   */
  public void answered(String name, List<String> groups, long startMillis, long endMillis) {
    Probe p = probes.get(name);
    if (p == null) {
      if (probes.size() >= MAX_REMEMBERED) {
        timed(otherSeries(), startMillis, endMillis);
        return;
      }
      p = probes.computeIfAbsent(name, this::probe);
    }
    p.answered(groups, startMillis, endMillis);
  }

  /** Where one request's answers report their response times. Thread-safe. */
  public final class Probe {
    private final String name;
    private volatile Series root;
    private final Map<List<String>, Series> grouped = new ConcurrentHashMap<>();

    private Probe(String name) {
      this.name = name;
    }

    /**
     * An answer to this request arrived: Gatling measures its response time as {@code endMillis -
     * startMillis} (epoch milliseconds).
     *
     * @param groups the groups the user is in, outermost first (Gatling's {@code session.groups()})
     */
    public void answered(List<String> groups, long startMillis, long endMillis) {
      Series s;
      if (groups.isEmpty()) {
        s = root;
        if (s == null) {
          s = seriesFor(probeLabel(groups, name));
          root = s;
        }
      } else {
        s = grouped.get(groups);
        if (s == null) {
          s =
              grouped.size() >= MAX_GROUP_PATHS
                  ? otherSeries()
                  : grouped.computeIfAbsent(
                      List.copyOf(groups), g -> seriesFor(probeLabel(g, name)));
        }
      }
      timed(s, startMillis, endMillis);
    }
  }

  private void timed(Series s, long startMillis, long endMillis) {
    long start = startEpochMillis;
    int ms = (int) Math.max(0, Math.min(Integer.MAX_VALUE, endMillis - startMillis));
    synchronized (lock) {
      s.buckets.add(ms);
      if (start != Long.MIN_VALUE) {
        long second = Math.floorDiv(endMillis - start, 1000);
        boolean measuring = second >= measuredFrom;
        s.timed(second, ms, measuring);
        all.timed(second, ms, measuring);
      }
    }
  }

  /** The label of a probe's answer: Gatling's console path, cut as Gatling cuts it. */
  private String probeLabel(List<String> groups, String name) {
    String path = groups.isEmpty() ? name : String.join(" / ", groups) + " / " + name;
    if (path.length() > ConsoleSummary.MAX_PATH) {
      path = path.substring(0, ConsoleSummary.MAX_PATH - 3) + "...";
    }
    return label(masked(path));
  }

  /** The request label of a console path: "/" between groups and name. */
  private String label(String consolePath) {
    return masked(consolePath).replace(" / ", "/");
  }

  private Series seriesFor(String label) {
    synchronized (lock) {
      Series s = byLabel.get(label);
      if (s != null) {
        return s;
      }
      if (byLabel.size() >= maxRequests) {
        // Past the cap nothing more is remembered: a run with a fresh name per request stays
        // bounded.
        return otherSeries();
      }
      s =
          new Series(
              label,
              new SecondRing(history),
              metrics.requests(label, true),
              metrics.requests(label, false),
              measuredLabels.contains(label) ? new Distribution() : null);
      byLabel.put(label, s);
      series.add(s);
      return s;
    }
  }

  private Series otherSeries() {
    synchronized (lock) {
      if (other == null) {
        other =
            new Series(
                OTHER_REQUESTS,
                new SecondRing(history),
                metrics.requests(OTHER_REQUESTS, true),
                metrics.requests(OTHER_REQUESTS, false),
                null);
        series.add(other);
      }
      return other;
    }
  }

  // ---- what is not a record (any thread) ----

  /** The phase of the profile the run has entered, e.g. "ramp" or "spike". */
  public void phase(String name) {
    String m = masked(name);
    phase = m;
    if (endSecond == Long.MIN_VALUE) {
      metrics.phase(m);
    }
  }

  /** The profile's planned phases, marked on the page's time axis. */
  public void phases(List<PhaseSpan> planned) {
    List<PhaseSpan> out = new ArrayList<>();
    for (PhaseSpan p : planned) {
      out.add(new PhaseSpan(masked(p.name()), p.startSeconds(), p.endSeconds()));
    }
    phases = List.copyOf(out);
  }

  /** Seconds since the run started and seconds planned for it. */
  public void progress(double elapsed, double planned) {
    elapsedSeconds = elapsed;
    plannedSeconds = planned;
  }

  /** Arrivals per second the open-model profile plans now; NaN for a closed model. */
  public void plannedArrivalsPerSecond(double rate) {
    plannedArrivals = rate;
  }

  /** Where the injector's CPU, heap after GC and GC time come from (read once a second). */
  public void injectorHealth(Supplier<InjectorHealth> source) {
    injectorSource = Objects.requireNonNull(source, "source");
  }

  /** Where the target's sampled resources come from (read once a second); none by default. */
  public void targetResources(Supplier<List<TargetSample>> source) {
    targetSource = Objects.requireNonNull(source, "source");
  }

  /** The stop criteria as last judged. */
  public void stopCriteria(StopStanding standing) {
    stop = Objects.requireNonNull(standing, "standing");
  }

  /** Every gate's standing on the measured window so far, in the order to show them. */
  public void gates(List<GateStanding> standings) {
    List<GateStanding> out = new ArrayList<>();
    for (GateStanding g : standings) {
      out.add(new GateStanding(masked(g.name()), masked(g.value()), masked(g.limit()), g.state()));
    }
    gates = List.copyOf(out);
  }

  /**
   * The run is over: the page and {@code perfgate_run_phase_info} say so, and the page links to its
   * reports.
   */
  public void ended(List<ReportLink> links) {
    List<ReportLink> out = new ArrayList<>();
    for (ReportLink l : links) {
      out.add(new ReportLink(masked(l.title()), masked(l.href())));
    }
    reports = List.copyOf(out);
    long last;
    synchronized (lock) {
      last = consoleSecond;
      if (last == Long.MIN_VALUE && startEpochMillis != Long.MIN_VALUE) {
        last = Math.floorDiv(clock.getAsLong() - startEpochMillis, 1000);
      }
    }
    endSecond = Math.max(0, last);
    metrics.phase("ended");
  }

  public boolean hasEnded() {
    return endSecond != Long.MIN_VALUE;
  }

  /**
   * Samples the injector's and the target's resources for the current second; the server calls it
   * once a second.
   */
  public void tick() {
    InjectorHealth h = injectorSource.get();
    injector = h == null ? InjectorHealth.UNKNOWN : h;
    List<TargetSample> t = targetSource.get();
    List<TargetSample> out = new ArrayList<>();
    if (t != null) {
      for (TargetSample x : t) {
        out.add(new TargetSample(masked(x.resource()), x.unit(), x.value()));
      }
    }
    targetSamples = List.copyOf(out);
    long start = startEpochMillis;
    if (start == Long.MIN_VALUE || hasEnded()) {
      return;
    }
    long second = Math.floorDiv(clock.getAsLong() - start, 1000);
    synchronized (lock) {
      samples.set(second, CPU, injector.cpuRatio());
      samples.set(second, PLANNED_ARRIVALS, plannedArrivals);
    }
  }

  // ---- what the stop criteria and the gates judge ----

  /** How many of Gatling's summaries have been applied: one more every second of the run. */
  public long version() {
    return version;
  }

  /**
   * All requests over the last {@code seconds} seconds the console has counted, for the stop
   * criteria: counts from Gatling's console, response times (percentiles, mean, max) from the
   * probe's answers in the same seconds. Empty before the first summary.
   */
  public Optional<SlidingWindow.Snapshot> window(int seconds) {
    synchronized (lock) {
      if (summaries == 0) {
        return Optional.empty();
      }
      long to = consoleSecond;
      long from = to - seconds + 1;
      SecondRing.Window w = all.ring.window(from, to);
      Figures f = figures(w.ok() + w.ko(), w.ko(), w.times(), seconds);
      return Optional.of(
          new SlidingWindow.Snapshot(
              Math.max(0, from) * 1000, (to + 1) * 1000, f, all.ok + all.ko, all.ko));
    }
  }

  /**
   * The figures a gate judges on the measured window so far: of all requests ({@code request} null)
   * or of one request label, with how many of its requests had a timed answer (latency gates need
   * one). Empty while the window has no request of that scope, or for a request no gate named at
   * {@link #measure}.
   */
  public Optional<Measured> measured(String request) {
    synchronized (lock) {
      Series s = request == null ? all : byLabel.get(masked(request));
      if (s == null || s.measured == null || summaries == 0) {
        return Optional.empty();
      }
      long count = s.measuredOk + s.measuredKo;
      if (count == 0) {
        return Optional.empty();
      }
      double seconds = Math.max(1, consoleSecond - measuredFrom + 1);
      return Optional.of(
          new Measured(figures(count, s.measuredKo, s.measured, seconds), s.measured.count()));
    }
  }

  /**
   * Measured figures and how many answers were timed.
   *
   * @param answers requests whose response time the probe saw; 0 leaves the latency figures 0
   */
  public record Measured(Figures figures, long answers) {}

  private static Figures figures(long count, long ko, SecondCounts times, double seconds) {
    double rps = seconds > 0 ? count / seconds : 0;
    if (count == 0) {
      return Figures.NONE;
    }
    if (times.count() == 0) {
      return Figures.countsOnly(count, ko, rps);
    }
    int[] p = new int[PERCENTILES.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = times.quantile((double) PERCENTILES[i][0] / PERCENTILES[i][1]);
    }
    return timed(count, ko, rps, times.min(), times.max(), times.mean(), times.stdDev(), p);
  }

  private static Figures figures(long count, long ko, Distribution times, double seconds) {
    double rps = seconds > 0 ? count / seconds : 0;
    long n = times.count();
    if (n == 0) {
      return Figures.countsOnly(count, ko, rps);
    }
    long[] ranks = new long[PERCENTILES.length];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = Distribution.rank(n, PERCENTILES[i][0], PERCENTILES[i][1]);
    }
    int[] p = times.valuesAtRanks(ranks);
    return timed(count, ko, rps, times.min(), times.max(), times.mean(), times.stdDev(), p);
  }

  /** Figures with response times; {@code p} holds the values at {@link #PERCENTILES}. */
  private static Figures timed(
      long count, long ko, double rps, int min, int max, double mean, double stdDev, int[] p) {
    return new Figures(
        count, count - ko, ko, min, max, mean, stdDev, p[0], p[1], p[2], p[3], p[4], rps);
  }

  // ---- readings for the scrape ----

  @Override
  public String phase() {
    return phase;
  }

  @Override
  public double elapsedSeconds() {
    double e = elapsedSeconds;
    long start = startEpochMillis;
    if (Double.isNaN(e) && start != Long.MIN_VALUE) {
      return Math.max(0, (clock.getAsLong() - start) / 1000.0);
    }
    return e;
  }

  @Override
  public double plannedSeconds() {
    return plannedSeconds;
  }

  @Override
  public double plannedArrivalsPerSecond() {
    return plannedArrivals;
  }

  @Override
  public InjectorHealth injector() {
    return injector;
  }

  @Override
  public List<TargetSample> target() {
    return targetSamples;
  }

  @Override
  public StopStanding stop() {
    return stop;
  }

  @Override
  public List<GateStanding> gates() {
    return gates;
  }

  @Override
  public List<DurationBuckets.Snapshot> requestDurations() {
    synchronized (lock) {
      List<DurationBuckets.Snapshot> out = new ArrayList<>(series.size());
      for (Series s : series) {
        out.add(s.buckets.snapshot(s.label));
      }
      return out;
    }
  }

  // ---- the page's view ----

  /**
   * What the live page shows, per second from {@code from} (clamped to the kept span) to the last
   * second Gatling's console has counted.
   */
  LiveView view(long from) {
    long start = startEpochMillis;
    long end = endSecond;
    synchronized (lock) {
      long to;
      String state;
      if (end != Long.MIN_VALUE) {
        to = end;
        state = "ended";
      } else if (start == Long.MIN_VALUE) {
        to = -1;
        state = "waiting";
      } else {
        // Up to the console's last second: a later second's counts are not known yet. Without
        // any summary (a console that is not Gatling's), the last complete second by the clock.
        to = summaries > 0 ? consoleSecond : Math.floorDiv(clock.getAsLong() - start, 1000) - 1;
        state = "running";
      }
      long first = Math.max(Math.max(0, from), to - history + 1);
      if (to < first) {
        first = to + 1; // nothing yet
      }
      List<LiveView.SeriesView> requests = new ArrayList<>();
      for (Series s : series) {
        requests.add(s.view(first, to));
      }
      List<LiveView.ClassCount> classes = new ArrayList<>();
      classCounts.forEach((k, v) -> classes.add(new LiveView.ClassCount(k, v[0])));
      classes.sort(Comparator.comparingLong(LiveView.ClassCount::count).reversed());
      List<LiveView.MessageCount> shown = new ArrayList<>();
      messages.forEach(
          (k, m) -> shown.add(new LiveView.MessageCount(m.text, m.errorClass, m.count)));
      shown.sort(Comparator.comparingLong(LiveView.MessageCount::count).reversed());
      LiveView.Run run =
          new LiveView.Run(
              labels,
              target,
              state,
              end != Long.MIN_VALUE ? "ended" : phase,
              start,
              elapsedSeconds(),
              plannedSeconds,
              history,
              maxRequests,
              reports);
      return new LiveView(
          run,
          first,
          to,
          all.view(first, to),
          requests,
          users.range(first, to, ACTIVE, true),
          users.range(first, to, STARTED, false),
          samples.range(first, to, PLANNED_ARRIVALS, false),
          samples.range(first, to, CPU, false),
          injector,
          targetSamples,
          phases,
          stop,
          gates,
          classes,
          shown.subList(0, Math.min(20, shown.size())),
          otherMessages);
    }
  }

  /** Series kept for the page (request names up to the cap, and the shared one past it). */
  int seriesCount() {
    synchronized (lock) {
      return series.size();
    }
  }

  /** Error messages the page tracks one by one. */
  int messageCount() {
    synchronized (lock) {
      return messages.size();
    }
  }

  /** Entries of the feeds' lookup tables; bounded like the series. */
  int lookupEntries() {
    synchronized (lock) {
      return pathCounts.size()
          + messageCounts.size()
          + scenarios.size()
          + byLabel.size()
          + probes.size();
    }
  }

  /** One request label's figures: counts from the console, response times from the probe. */
  private static final class Series {
    final String label;
    final SecondRing ring;
    // The response-time histogram's buckets at /metrics (left empty for all requests together).
    final DurationBuckets.Counts buckets = new DurationBuckets.Counts();
    final CounterDataPoint okCounter;
    final CounterDataPoint koCounter;
    // The measured window's response times; only for all requests and the requests gates name.
    Distribution measured;
    long ok;
    long ko;
    long measuredOk;
    long measuredKo;
    long answers;
    long sumMs;
    int maxMs;

    Series(
        String label,
        SecondRing ring,
        CounterDataPoint okCounter,
        CounterDataPoint koCounter,
        Distribution measured) {
      this.label = label;
      this.ring = ring;
      this.okCounter = okCounter;
      this.koCounter = koCounter;
      this.measured = measured;
    }

    void counted(long second, int okCount, int koCount, boolean measuring) {
      if (okCount + koCount == 0) {
        return;
      }
      ring.count(second, okCount, koCount);
      ok += okCount;
      ko += koCount;
      if (measuring) {
        measuredOk += okCount;
        measuredKo += koCount;
      }
      if (okCounter != null) {
        okCounter.inc(okCount);
        koCounter.inc(koCount);
      }
    }

    void timed(long second, int ms, boolean measuring) {
      ring.time(second, ms);
      answers++;
      sumMs += ms;
      if (ms > maxMs) {
        maxMs = ms;
      }
      if (measuring && measured != null) {
        measured.record(ms);
      }
    }

    LiveView.SeriesView view(long from, long to) {
      int n = (int) Math.max(0, to - from + 1);
      int[] okOut = new int[n];
      int[] koOut = new int[n];
      int[] p50 = new int[n];
      int[] p95 = new int[n];
      int[] p99 = new int[n];
      if (n > 0) {
        ring.fill(from, to, okOut, koOut, p50, p95, p99);
      }
      SecondRing.Second recent = ring.window(to - SecondRing.RECENT + 1, to).second();
      return new LiveView.SeriesView(
          label,
          okOut,
          koOut,
          p50,
          p95,
          p99,
          ok + ko,
          ko,
          answers,
          answers == 0 ? Double.NaN : (double) sumMs / answers,
          maxMs,
          recent);
    }
  }

  private static final class Scenario {
    final GaugeDataPoint active;
    final CounterDataPoint startedCounter;
    long started;

    Scenario(GaugeDataPoint active, CounterDataPoint startedCounter) {
      this.active = active;
      this.startedCounter = startedCounter;
    }
  }

  private static final class Message {
    final String text;
    final String errorClass;
    long count;
    boolean shown;

    Message(String text, String errorClass) {
      this.text = text;
      this.errorClass = errorClass;
    }
  }
}
