package io.perfgate.live;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * perfgate's live metrics, in a registry of the official Prometheus Java client: the exposition at
 * {@code /metrics} is the client's own. Every metric carries the run's labels ({@code simulation},
 * {@code profile}, {@code env}, {@code injector}); names follow Prometheus' conventions ({@code
 * perfgate_} prefix, base units, {@code _total} counters).
 *
 * <p>Two feeds write into it. Gatling's console, once a second, adds to the request counters
 * ({@code perfgate_requests_total} by request and status), the error counters (by class: the
 * console counts errors by message, not by request) and the users. The response times, answer by
 * answer on the HTTP threads, fill the buckets of {@code perfgate_request_duration_seconds} by
 * request, which the recorder counts itself ({@link DurationBuckets}) and this registry collects at
 * each scrape. Everything else (phase, progress, stop criteria, gates, the injector's and the
 * target's resources) is read from {@link Readings} when Prometheus scrapes.
 */
final class LiveMetrics {
  /**
   * Upper bounds of the response-time histogram, in seconds: 1 ms to 60 s, each bucket at most
   * about 1.5 times the one before from 2 ms on, with edges at 5 ms and 5 s, so a 5 ms answer and a
   * 5 s answer each fall in a bucket a third of its value wide and {@code histogram_quantile} tells
   * 4, 5 and 7 ms apart as it tells 4, 5 and 7 s apart. 31 buckets and +Inf.
   */
  static final double[] BUCKETS = {
    0.001, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1,
    0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 30, 60
  };

  static final String REQUESTS = "perfgate_requests";
  static final String REQUEST_DURATION = "perfgate_request_duration_seconds";
  static final String ERRORS = "perfgate_errors_total";
  static final String USERS_ACTIVE = "perfgate_users_active";
  static final String USERS_STARTED = "perfgate_users_started_total";
  static final String ARRIVALS_PLANNED = "perfgate_arrivals_planned_per_second";
  static final String INJECTOR_CPU = "perfgate_injector_cpu_ratio";
  static final String INJECTOR_HEAP = "perfgate_injector_heap_after_gc_bytes";
  static final String INJECTOR_GC = "perfgate_injector_gc_seconds_total";
  static final String TARGET_RESOURCE = "perfgate_target_resource";
  static final String RUN_PHASE = "perfgate_run_phase_info";
  static final String RUN_ELAPSED = "perfgate_run_elapsed_seconds";
  static final String RUN_PLANNED = "perfgate_run_planned_seconds";
  static final String STOP_TRIPPED = "perfgate_stop_tripped";
  static final String GATE_PASSING = "perfgate_gate_passing";

  /** What the scrape reads besides the records. */
  interface Readings {
    String phase();

    double elapsedSeconds();

    double plannedSeconds();

    /** NaN for a closed-model profile. */
    double plannedArrivalsPerSecond();

    InjectorHealth injector();

    List<TargetSample> target();

    StopStanding stop();

    List<GateStanding> gates();

    /** Each request's response-time buckets, copied now. */
    List<DurationBuckets.Snapshot> requestDurations();
  }

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Counter errors;
  private final Gauge usersActive;
  private final Counter usersStarted;
  private final Info phase;
  private String shownPhase;

  LiveMetrics(RunLabels run, Readings readings) {
    Labels constant =
        Labels.of(
            "simulation", run.simulation(),
            "profile", run.profile(),
            "env", run.env(),
            "injector", run.injector());
    requests =
        Counter.builder()
            .name(REQUESTS)
            .help(
                "Requests that completed, by request and status (ok/ko), as Gatling counts them"
                    + " (updated every second)")
            .labelNames("request", "status")
            .constLabels(constant)
            .withoutExemplars()
            .register(registry);
    registry.register(
        DurationBuckets.collector(
            REQUEST_DURATION,
            "Response times of the answers to perfgate's configured requests, by request (a"
                + " request that got no answer, e.g. refused or timed out, has none)",
            constant,
            readings::requestDurations));
    errors =
        Counter.builder()
            .name(ERRORS)
            .help(
                "Failed requests and errors outside any request, by class of message"
                    + " (connection-refused, request-timeout, server-error, check-failed, ...)")
            .labelNames("class")
            .constLabels(constant)
            .withoutExemplars()
            .register(registry);
    usersActive =
        Gauge.builder()
            .name(USERS_ACTIVE)
            .help("Virtual users running now, by scenario")
            .labelNames("scenario")
            .constLabels(constant)
            .withoutExemplars()
            .register(registry);
    usersStarted =
        Counter.builder()
            .name(USERS_STARTED)
            .help("Virtual users started since the run began, by scenario (their rate is arrivals)")
            .labelNames("scenario")
            .constLabels(constant)
            .withoutExemplars()
            .register(registry);
    gauge(
        ARRIVALS_PLANNED,
        "Arrivals per second the open-model profile plans now (absent for closed models)",
        constant,
        readings::plannedArrivalsPerSecond);
    gauge(
        INJECTOR_CPU,
        "CPU the injector's JVM used over the last second, as a share of its cores",
        constant,
        () -> readings.injector().cpuRatio());
    gauge(
        INJECTOR_HEAP,
        "Heap the injector's JVM still used after its latest garbage collection",
        constant,
        () -> {
          long bytes = readings.injector().heapAfterGcBytes();
          return bytes < 0 ? Double.NaN : bytes;
        });
    CounterWithCallback.builder()
        .name(INJECTOR_GC)
        .help("Time the injector's JVM spent collecting garbage since it started")
        .unit(Unit.SECONDS)
        .constLabels(constant)
        .callback(
            cb -> {
              double s = readings.injector().gcSeconds();
              if (Double.isFinite(s)) {
                cb.call(s);
              }
            })
        .register(registry);
    for (TargetSample.Unit unit : TargetSample.Unit.values()) {
      GaugeWithCallback.builder()
          .name(TARGET_RESOURCE + unit.suffix())
          .help("The target's resources as its sampler last read them, by resource")
          .labelNames("resource")
          .constLabels(constant)
          .callback(
              cb -> {
                for (TargetSample t : readings.target()) {
                  if (t.unit() == unit && Double.isFinite(t.value())) {
                    cb.call(t.value(), t.resource());
                  }
                }
              })
          .register(registry);
    }
    phase =
        Info.builder()
            .name(RUN_PHASE)
            .help("The profile's phase the run is in (its label); \"ended\" once the run is over")
            .labelNames("phase")
            .constLabels(constant)
            .register(registry);
    gauge(RUN_ELAPSED, "Seconds since the run started", constant, readings::elapsedSeconds);
    gauge(
        RUN_PLANNED,
        "Seconds the profile plans for the whole run",
        constant,
        readings::plannedSeconds);
    for (StopStanding.Kind kind : StopStanding.Kind.values()) {
      gauge(
          kind.metric,
          "Stop criterion " + kind.label + ": the window's value",
          constant,
          () -> criterion(readings.stop(), kind, false));
      gauge(
          kind.limitMetric(),
          "Stop criterion " + kind.label + ": the limit that stops the run",
          constant,
          () -> criterion(readings.stop(), kind, true));
    }
    GaugeWithCallback.builder()
        .name(STOP_TRIPPED)
        .help("1 once a stop criterion is met (the run is being stopped), else 0, by criterion")
        .labelNames("criterion")
        .constLabels(constant)
        .callback(
            cb -> {
              for (StopStanding.Criterion c : readings.stop().criteria()) {
                cb.call(c.tripped() ? 1 : 0, c.kind().label);
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name(GATE_PASSING)
        .help(
            "1 while a gate holds on the measured window so far, 0 when breached; absent until"
                + " measured with enough data to judge")
        .labelNames("gate")
        .constLabels(constant)
        .callback(
            cb -> {
              for (GateStanding g : readings.gates()) {
                if (g.state() == GateStanding.State.PASS || g.state() == GateStanding.State.FAIL) {
                  cb.call(g.state() == GateStanding.State.PASS ? 1 : 0, g.name());
                }
              }
            })
        .register(registry);
  }

  private void gauge(
      String name, String help, Labels constant, java.util.function.DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .constLabels(constant)
        .callback(
            cb -> {
              double v = value.getAsDouble();
              if (Double.isFinite(v)) {
                cb.call(v);
              }
            })
        .register(registry);
  }

  private static double criterion(StopStanding stop, StopStanding.Kind kind, boolean limit) {
    for (StopStanding.Criterion c : stop.criteria()) {
      if (c.kind() == kind) {
        return limit ? c.limit() : c.value();
      }
    }
    return Double.NaN;
  }

  PrometheusRegistry registry() {
    return registry;
  }

  /** The counter of one request label and status, to cache. */
  CounterDataPoint requests(String request, boolean ok) {
    return requests.labelValues(request, ok ? "ok" : "ko");
  }

  /** The error counter of one class of message, to cache. */
  CounterDataPoint errors(String errorClass) {
    return errors.labelValues(errorClass);
  }

  GaugeDataPoint usersActive(String scenario) {
    return usersActive.labelValues(scenario);
  }

  CounterDataPoint usersStarted(String scenario) {
    return usersStarted.labelValues(scenario);
  }

  /** Shows {@code name} as the run's phase (a change of phase replaces the previous series). */
  synchronized void phase(String name) {
    if (!name.equals(shownPhase)) {
      phase.setLabelValues(name);
      shownPhase = name;
    }
  }

  /**
   * Every sample name the registry exposes (with {@code _total}, {@code _bucket}, {@code _count},
   * {@code _sum} and {@code _info} where the type adds them): what dashboards may query.
   */
  Set<String> sampleNames() {
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot s : registry.scrape()) {
      String name = s.getMetadata().getPrometheusName();
      if (s instanceof CounterSnapshot) {
        names.add(name + "_total");
      } else if (s instanceof HistogramSnapshot) {
        names.add(name + "_bucket");
        names.add(name + "_count");
        names.add(name + "_sum");
      } else if (s instanceof InfoSnapshot) {
        names.add(name + "_info");
      } else {
        names.add(name);
      }
    }
    return names;
  }
}
