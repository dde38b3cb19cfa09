package io.perfgate.live;

import io.perfgate.results.GroupPath;
import io.perfgate.results.RecordHandler;
import io.perfgate.results.RunHeader;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The run as it goes, for Prometheus and the live page. It receives the run's records through
 * {@link RecordHandler} from one feeding thread, in the order they were written, and takes the rest
 * (phase, progress, the injector's and the target's resources, stop criteria, gates, the end of the
 * run) through its setters; any thread may read it meanwhile.
 *
 * <p>A request costs two hash lookups, one uncontended lock, two array increments (its series and
 * all requests, second by second) and one Prometheus histogram observation. Memory is bounded for a
 * run of any length: the page keeps {@code live.history} seconds (15 minutes by default) second by
 * second, the run's totals, at most {@code live.maxRequests} request series (later names share
 * {@value #OTHER_REQUESTS}), {@value #MAX_MESSAGES} distinct error messages and {@value
 * #MAX_CLASSES} error classes.
 *
 * <p>Every text it shows (request and scenario names, error messages and classes, the target URL,
 * phase and gate names, report links) passes through the masking function first.
 */
public final class LiveRecorder implements RecordHandler, LiveMetrics.Readings {
  /** The {@code request} label shared by the names past {@code live.maxRequests}. */
  public static final String OTHER_REQUESTS = "(other requests)";

  /** The {@code request} label of errors that belong to no request. */
  public static final String NO_REQUEST = "(no request)";

  static final String OTHER_SCENARIOS = "(other scenarios)";
  static final int MAX_MESSAGES = 200;
  static final int MAX_CLASSES = 20;
  static final int MAX_SCENARIOS = 50;
  static final int MAX_MESSAGE_LENGTH = 300;
  // Messages whose class is remembered, so that a repeated message is classified once.
  static final int MAX_CLASSIFIED = 1000;

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

  // Written by the feeding thread only; read by nobody else.
  private final Map<GroupPath, Map<String, Series>> lookup = new HashMap<>();
  private final Map<String, Series> byLabel = new HashMap<>();
  private final Map<String, String> classOf = new HashMap<>();
  private final Map<String, Scenario> scenarios = new HashMap<>();
  private final Map<String, CounterDataPoint> noRequestErrors = new HashMap<>();

  // Guarded by lock: the feeding thread writes, readers copy.
  private final Object lock = new Object();
  private final List<Series> series = new ArrayList<>();
  private final Series all;
  private final ValueRing users;
  private final ValueRing samples;
  private final Map<String, long[]> classCounts = new LinkedHashMap<>();
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private long otherMessages;
  private long activeUsers;
  private Series other;

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

  /**
   * @param labels the run's labels, on every metric
   * @param target the target's base URL, shown on the page (masked)
   * @param settings {@code history} and {@code maxRequests} bound the memory
   * @param mask hides secrets in every text shown; perfgate's Redactor::redact
   * @param classifier the class of an error message; {@link ErrorClasses#classify} by default
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
    this.all = new Series("", new SecondRing(history), null, null);
    this.users = new ValueRing(history, 2);
    this.samples = new ValueRing(history, 2);
  }

  /** A recorder with the default classifier and the system clock. */
  public LiveRecorder(
      RunLabels labels, String target, LiveSettings settings, UnaryOperator<String> mask) {
    this(labels, target, settings, mask, ErrorClasses::classify, System::currentTimeMillis);
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

  // ---- records (the feeding thread) ----

  @Override
  public void header(RunHeader header) {
    startEpochMillis = header.startEpochMillis();
  }

  @Override
  public void request(
      GroupPath group, String name, int start, int end, boolean ok, String message) {
    int ms = Math.max(0, end - start);
    long second = Math.floorDiv(end, 1000);
    Series s = seriesOf(group == null ? GroupPath.ROOT : group, name);
    synchronized (lock) {
      s.add(second, ms, ok);
      all.add(second, ms, ok);
    }
    (ok ? s.okDuration : s.koDuration).observe(ms / 1000.0);
    if (!ok) {
      failed(s, message);
    }
  }

  @Override
  public void user(String scenario, boolean start, int timestamp) {
    Scenario sc = scenarioOf(scenario);
    long second = Math.floorDiv(timestamp, 1000);
    if (start) {
      sc.active.inc();
      sc.started.inc();
    } else {
      sc.active.dec();
    }
    synchronized (lock) {
      activeUsers += start ? 1 : -1;
      users.set(second, ACTIVE, activeUsers);
      if (start) {
        users.add(second, STARTED, 1);
      } else if (Double.isNaN(users.get(second, STARTED))) {
        users.set(second, STARTED, 0);
      }
    }
  }

  @Override
  public void error(String message, int timestamp) {
    failed(null, message);
  }

  private Series seriesOf(GroupPath group, String name) {
    Map<String, Series> names = lookup.get(group);
    Series s = names == null ? null : names.get(name);
    if (s != null) {
      return s;
    }
    if (byLabel.size() >= maxRequests) {
      // Past the cap nothing more is remembered: a run with a fresh name per request stays bounded.
      return other();
    }
    String label = masked(group.isRoot() ? name : group + "/" + name);
    s = byLabel.get(label);
    if (s == null) {
      s =
          new Series(
              label,
              new SecondRing(history),
              metrics.duration(label, true),
              metrics.duration(label, false));
      byLabel.put(label, s);
      synchronized (lock) {
        series.add(s);
      }
    }
    lookup.computeIfAbsent(group, g -> new HashMap<>()).put(name, s);
    return s;
  }

  private Series other() {
    if (other == null) {
      Series o =
          new Series(
              OTHER_REQUESTS,
              new SecondRing(history),
              metrics.duration(OTHER_REQUESTS, true),
              metrics.duration(OTHER_REQUESTS, false));
      synchronized (lock) {
        series.add(o);
      }
      other = o;
    }
    return other;
  }

  private Scenario scenarioOf(String name) {
    Scenario sc = scenarios.get(name);
    if (sc == null) {
      String label = scenarios.size() >= MAX_SCENARIOS ? OTHER_SCENARIOS : masked(name);
      sc = new Scenario(metrics.usersActive(label), metrics.usersStarted(label));
      if (scenarios.size() < MAX_SCENARIOS) {
        scenarios.put(name, sc);
      }
    }
    return sc;
  }

  /** Counts a failure of {@code s} (null: an error outside any request) by class and message. */
  private void failed(Series s, String message) {
    String text = message == null ? "" : message;
    String errorClass = classOf.get(text);
    if (errorClass == null) {
      errorClass = masked(Objects.requireNonNullElse(classifier.apply(text), ErrorClasses.OTHER));
      if (classOf.size() < MAX_CLASSIFIED) {
        classOf.put(text, errorClass);
      }
    }
    synchronized (lock) {
      long[] n = classCounts.get(errorClass);
      if (n == null) {
        if (classCounts.size() >= MAX_CLASSES) {
          errorClass = ErrorClasses.OTHER;
          n = classCounts.computeIfAbsent(errorClass, c -> new long[1]);
        } else {
          n = new long[1];
          classCounts.put(errorClass, n);
        }
      }
      n[0]++;
      Message m = messages.get(text);
      if (m == null && messages.size() < MAX_MESSAGES) {
        m = new Message(shortened(masked(text)), errorClass);
        messages.put(text, m);
      }
      if (m == null) {
        otherMessages++;
      } else {
        m.count++;
      }
    }
    Map<String, CounterDataPoint> points = s == null ? noRequestErrors : s.errors;
    String label = s == null ? NO_REQUEST : s.label;
    points.computeIfAbsent(errorClass, c -> metrics.errors(label, c)).inc();
  }

  private static String shortened(String text) {
    return text.length() <= MAX_MESSAGE_LENGTH
        ? text
        : text.substring(0, MAX_MESSAGE_LENGTH - 1) + "\u2026";
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

  /** The run is over: the page says so and links to its reports. */
  public void ended(List<ReportLink> links) {
    List<ReportLink> out = new ArrayList<>();
    for (ReportLink l : links) {
      out.add(new ReportLink(masked(l.title()), masked(l.href())));
    }
    reports = List.copyOf(out);
    long last;
    synchronized (lock) {
      last = all.ring.latest();
    }
    if (startEpochMillis != Long.MIN_VALUE) {
      last = Math.max(last, Math.floorDiv(clock.getAsLong() - startEpochMillis, 1000));
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

  // ---- the page's view ----

  /**
   * What the live page shows, per second from {@code from} (clamped to the kept span) to the last
   * complete second.
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
        // The current second is not complete: it would show a dip at the right of every chart.
        to = Math.floorDiv(clock.getAsLong() - start, 1000) - 1;
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

  /** Entries of the feeding thread's lookup tables; bounded like the series. */
  int lookupEntries() {
    int n = classOf.size() + scenarios.size();
    for (Map<String, Series> m : lookup.values()) {
      n += m.size();
    }
    return n;
  }

  /** One request label's figures. */
  private static final class Series {
    final String label;
    final SecondRing ring;
    final DistributionDataPoint okDuration;
    final DistributionDataPoint koDuration;
    // The feeding thread's cache of this request's error counters by class.
    final Map<String, CounterDataPoint> errors = new HashMap<>(4);
    long count;
    long failed;
    long sumMs;
    int maxMs;

    Series(
        String label,
        SecondRing ring,
        DistributionDataPoint okDuration,
        DistributionDataPoint koDuration) {
      this.label = label;
      this.ring = ring;
      this.okDuration = okDuration;
      this.koDuration = koDuration;
    }

    void add(long second, int ms, boolean ok) {
      ring.add(second, ms, ok);
      count++;
      if (!ok) {
        failed++;
      }
      sumMs += ms;
      if (ms > maxMs) {
        maxMs = ms;
      }
    }

    LiveView.SeriesView view(long from, long to) {
      int n = (int) Math.max(0, to - from + 1);
      int[] ok = new int[n];
      int[] ko = new int[n];
      int[] p50 = new int[n];
      int[] p95 = new int[n];
      int[] p99 = new int[n];
      if (n > 0) {
        ring.fill(from, to, ok, ko, p50, p95, p99);
      }
      SecondRing.Second recent = ring.window(to - SecondRing.RECENT + 1, to);
      return new LiveView.SeriesView(
          label,
          ok,
          ko,
          p50,
          p95,
          p99,
          count,
          failed,
          count == 0 ? Double.NaN : (double) sumMs / count,
          maxMs,
          recent);
    }
  }

  private record Scenario(GaugeDataPoint active, CounterDataPoint started) {}

  private static final class Message {
    final String text;
    final String errorClass;
    long count;

    Message(String text, String errorClass) {
      this.text = text;
      this.errorClass = errorClass;
    }
  }
}
