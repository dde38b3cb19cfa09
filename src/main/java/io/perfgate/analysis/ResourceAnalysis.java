package io.perfgate.analysis;

import io.perfgate.gate.Gate;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Tier;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.Series;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.ResourceReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Judges a run's resource samples after the warm-up: the target's memory growth (least-squares
 * slope of resident memory, MB per minute) and leak verdict, peak memory, CPU, thread and
 * descriptor growth, the resource gates of {@code sla.resources}, and whether the injector itself
 * was the bottleneck.
 */
public final class ResourceAnalysis {
  /** Average CPU of the injector's JVM, in percent of its cores, from which it limits the run. */
  static final double INJECTOR_CPU = 80;

  /** Share of wall time in GC pauses from which the injector's own pauses distort latencies. */
  static final double INJECTOR_GC = 10;

  /** Heap still in use after GC, in percent of the maximum, from which the injector is starved. */
  static final double INJECTOR_HEAP = 90;

  /** Fewest samples after the warm-up for a growth rate to mean anything. */
  static final int MIN_POINTS = 5;

  static final String SCOPE = "resources";
  private static final double MB = 1024.0 * 1024.0;

  private ResourceAnalysis() {}

  /** The resource part of a run's report, its gates, findings and run warnings. */
  public record Result(
      ResourceReport report,
      List<GateResult> gates,
      List<Finding> findings,
      List<String> warnings) {}

  /**
   * @param injectorLabel which injector sampled them: "" for a run of one injector
   * @param injectionLagMillis how late an open-model run's last user started past its schedule (see
   *     {@link InjectionLag}); 0 when on time or not an open model
   */
  public static Result analyse(
      String injectorLabel,
      ResourceSamples samples,
      long runStart,
      long warmUpMillis,
      String profile,
      ResourceSla sla,
      long injectionLagMillis) {
    List<ResourceReport.SeriesView> views = new ArrayList<>();
    for (Series s : samples.series()) {
      boolean bytes = s.unit().equals("bytes");
      List<ResourceReport.Point> points = new ArrayList<>();
      for (Series.Point p : s.points()) {
        points.add(
            new ResourceReport.Point(
                p.epochMillis() - runStart, bytes ? p.value() / MB : p.value()));
      }
      views.add(
          new ResourceReport.SeriesView(s.source(), s.metric(), bytes ? "MB" : s.unit(), points));
    }
    List<String> notes = new ArrayList<>(samples.notes());
    List<GateResult> gates = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    Optional<ResourceReport.Target> target =
        target(views, warmUpMillis, sla, sla.judgesLeaks(profile), samples.embeddedDemo());
    if (target.isPresent()) {
      gates.addAll(gates(target.get(), profile, sla));
      leakFinding(target.get(), sla).ifPresent(findings::add);
    } else if (sla.judgesLeaks(profile)) {
      notes.add(
          "No memory of the target was sampled, so this "
              + profile
              + " run has no leak verdict: set target.monitor.process or target.monitor.prometheus.");
    }
    Optional<ResourceReport.Injector> injector =
        injector(views, warmUpMillis, samples.embeddedDemo(), injectionLagMillis);
    injector
        .flatMap(ResourceReport.Injector::bound)
        .ifPresent(
            reason -> {
              warnings.add(reason);
              findings.add(
                  // A warning, not critical: the run's own verdict stands, with the caveat beside
                  // it; a loaded CI machine must not turn every passing run into WARN.
                  new Finding(
                      Finding.Severity.WARNING,
                      Finding.Kind.SATURATION,
                      "injector",
                      reason,
                      List.of(
                          new Finding.Recommendation(
                              Finding.Horizon.IMMEDIATE,
                              "Do not read this run's latency and throughput as the target's"
                                  + " limit: give the injector more cores or heap (-Xmx), or"
                                  + " split the load over injectors (injector.count)."))));
            });
    ResourceReport report =
        new ResourceReport(
            injectorLabel,
            samples.intervalMillis(),
            samples.targetProcess(),
            samples.embeddedDemo(),
            views,
            target,
            injector,
            notes);
    return new Result(report, gates, findings, warnings);
  }

  private static Optional<ResourceReport.Target> target(
      List<ResourceReport.SeriesView> views,
      long warmUp,
      ResourceSla sla,
      boolean judgeLeaks,
      boolean embeddedDemo) {
    Optional<ResourceReport.SeriesView> memory =
        find(views, Series.TARGET, "rss")
            .or(() -> find(views, Series.PROMETHEUS, "process_resident_memory_bytes"));
    Optional<ResourceReport.SeriesView> cpu =
        find(views, Series.TARGET, "cpu").or(() -> find(views, Series.PROMETHEUS, "cpu"));
    Optional<ResourceReport.SeriesView> threads = find(views, Series.TARGET, "threads");
    Optional<ResourceReport.SeriesView> fds =
        find(views, Series.TARGET, "fds")
            .or(() -> find(views, Series.PROMETHEUS, "process_open_fds"));
    if (memory.isEmpty() && cpu.isEmpty()) {
      return Optional.empty();
    }
    List<ResourceReport.Point> mem = memory.map(m -> after(m, warmUp)).orElse(List.of());
    OptionalDouble growth = OptionalDouble.empty();
    OptionalDouble fit = OptionalDouble.empty();
    if (mem.size() >= MIN_POINTS) {
      LeastSquares.Fit f = growth(mem);
      growth = OptionalDouble.of(f.slope());
      fit = OptionalDouble.of(f.r2());
    }
    String source = memory.map(m -> m.source() + " " + m.metric()).orElse("(no memory series)");
    return Optional.of(
        new ResourceReport.Target(
            source,
            growth,
            fit,
            max(mem),
            cpu.map(c -> mean(after(c, warmUp))).orElse(OptionalDouble.empty()),
            cpu.map(c -> max(after(c, warmUp))).orElse(OptionalDouble.empty()),
            threads.map(t -> delta(after(t, warmUp))).orElse(OptionalDouble.empty()),
            fds.map(t -> delta(after(t, warmUp))).orElse(OptionalDouble.empty()),
            judgeLeaks ? leak(growth, fit, mem.size(), sla) : unjudged(growth, fit, embeddedDemo)));
  }

  /** The slope of memory (MB) over time, in MB per minute. */
  static LeastSquares.Fit growth(List<ResourceReport.Point> points) {
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i).offsetMillis() / 60_000.0;
      y[i] = points.get(i).value();
    }
    return LeastSquares.fit(x, y);
  }

  static ResourceReport.Leak leak(
      OptionalDouble growth, OptionalDouble fit, int points, ResourceSla sla) {
    if (growth.isEmpty()) {
      return new ResourceReport.Leak(
          false,
          false,
          "Too few memory samples after the warm-up ("
              + points
              + ", at least "
              + MIN_POINTS
              + " needed) to judge a leak.");
    }
    double g = growth.getAsDouble();
    double r2 = fit.getAsDouble();
    double acceptable = sla.memoryGrowth().acceptable();
    String rate =
        "Memory grows "
            + num(g)
            + " MB/min after the warm-up (R2 "
            + String.format(Locale.ROOT, "%.2f", r2)
            + ")";
    if (g <= acceptable) {
      return new ResourceReport.Leak(
          false, true, rate + ", within the acceptable " + num(acceptable) + " MB/min: no leak.");
    }
    if (r2 < sla.leakFit()) {
      return new ResourceReport.Leak(
          false,
          true,
          rate
              + ", beyond the acceptable "
              + num(acceptable)
              + " MB/min but unevenly (R2 below "
              + num(sla.leakFit())
              + "): heap sizing or noise rather than a steady leak.");
    }
    return new ResourceReport.Leak(
        true,
        true,
        rate
            + ", steadily and beyond the acceptable "
            + num(acceptable)
            + " MB/min: the target leaks memory.");
  }

  /**
   * A run of a profile that is not meant to find leaks (a one-minute smoke run's memory mostly
   * shows the JVM sizing its heap): the growth is reported, not judged.
   */
  static ResourceReport.Leak unjudged(
      OptionalDouble growth, OptionalDouble fit, boolean embeddedDemo) {
    String rate =
        growth.isEmpty()
            ? "Too few memory samples after the warm-up for a growth rate"
            : "Memory grows "
                + num(growth.getAsDouble())
                + " MB/min after the warm-up (R2 "
                + String.format(Locale.ROOT, "%.2f", fit.getAsDouble())
                + ")";
    return new ResourceReport.Leak(
        false,
        false,
        rate
            + "; leaks are judged on the profiles of sla.resources.leakProfiles (soak, endurance)"
            + (embeddedDemo
                ? ", and this memory is the injector's JVM, which runs the embedded demo service."
                : "."));
  }

  private static List<GateResult> gates(ResourceReport.Target t, String profile, ResourceSla sla) {
    List<GateResult> out = new ArrayList<>();
    if (sla.judgesLeaks(profile) && t.memoryGrowth().isPresent()) {
      double g = t.memoryGrowth().getAsDouble();
      double limit = sla.memoryGrowth().acceptable();
      String criterion = "memory growth < " + num(limit) + "MB/min";
      // Growth beyond acceptable that no straight line explains is noise: the leak verdict says so
      // and the gate holds; a steady climb beyond acceptable breaches it.
      out.add(
          new GateResult(
              "target " + criterion,
              Gate.Kind.RESOURCE,
              SCOPE,
              criterion,
              limit,
              OptionalDouble.of(g),
              "MB/min",
              !t.leak().leaking(),
              Optional.of(sla.memoryGrowth().classify(Math.max(g, 0))),
              sla.origin()));
    }
    sla.maxRssMb().ifPresent(limit -> out.add(below("max rss", limit, "MB", t.peakRssMb(), sla)));
    sla.cpuPercent().ifPresent(limit -> out.add(below("cpu", limit, "%", t.avgCpu(), sla)));
    return out;
  }

  /** A gate "{@code what} < limit", without tiers: held when the figure is there and below. */
  private static GateResult below(
      String what, double limit, String unit, OptionalDouble actual, ResourceSla sla) {
    String criterion = what + " < " + num(limit) + unit;
    return new GateResult(
        "target " + criterion,
        Gate.Kind.RESOURCE,
        SCOPE,
        criterion,
        limit,
        actual,
        unit,
        actual.isPresent() && actual.getAsDouble() < limit,
        Optional.<Tier>empty(),
        sla.origin());
  }

  private static Optional<Finding> leakFinding(ResourceReport.Target t, ResourceSla sla) {
    if (!t.leak().leaking()) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Finding.Severity.CRITICAL,
            Finding.Kind.MEMORY,
            "target",
            t.leak().reason(),
            List.of(
                new Finding.Recommendation(
                    Finding.Horizon.IMMEDIATE,
                    "Take two heap or native-memory snapshots some minutes apart under this load"
                        + " and compare what grew (jcmd GC.class_histogram, NMT, or the"
                        + " runtime's profiler)."),
                new Finding.Recommendation(
                    Finding.Horizon.SHORT_TERM,
                    "Run the soak profile again after the fix; the gate holds below "
                        + num(sla.memoryGrowth().acceptable())
                        + " MB/min."))));
  }

  private static Optional<ResourceReport.Injector> injector(
      List<ResourceReport.SeriesView> views, long warmUp, boolean embeddedDemo, long lag) {
    Optional<ResourceReport.SeriesView> cpu = find(views, Series.INJECTOR, "cpu");
    if (cpu.isEmpty()) {
      return Optional.empty();
    }
    List<ResourceReport.Point> c = after(cpu.get(), warmUp);
    List<ResourceReport.Point> gc =
        find(views, Series.INJECTOR, "gc").map(s -> after(s, warmUp)).orElse(List.of());
    List<ResourceReport.Point> heap =
        find(views, Series.INJECTOR, "heapAfterGc").map(s -> after(s, warmUp)).orElse(List.of());
    double avgCpu = mean(c).orElse(0);
    double peakCpu = max(c).orElse(0);
    double gcPercent = mean(gc).orElse(0);
    double peakHeap = max(heap).orElse(0);
    return Optional.of(
        new ResourceReport.Injector(
            avgCpu,
            peakCpu,
            gcPercent,
            peakHeap,
            lag,
            bound(avgCpu, gcPercent, peakHeap, lag, embeddedDemo)));
  }

  /** Why the injector limited the run, in one sentence starting "injector-bound:"; or empty. */
  static Optional<String> bound(
      double avgCpu, double gcPercent, double peakHeap, long lagMillis, boolean embeddedDemo) {
    List<String> why = new ArrayList<>();
    if (lagMillis > 0) {
      why.add(
          "it started its last users "
              + num(lagMillis / 1000.0)
              + " s after the profile's schedule ended, so it could not keep the planned arrival"
              + " rate");
    }
    if (avgCpu >= INJECTOR_CPU) {
      why.add(
          "its CPU averaged " + num(avgCpu) + "% of its cores (limit " + num(INJECTOR_CPU) + "%)");
    }
    if (gcPercent >= INJECTOR_GC) {
      why.add(
          "it spent "
              + num(gcPercent)
              + "% of the time in GC pauses (limit "
              + num(INJECTOR_GC)
              + "%)");
    }
    if (peakHeap >= INJECTOR_HEAP) {
      why.add(
          "its heap after GC reached "
              + num(peakHeap)
              + "% of the maximum (limit "
              + num(INJECTOR_HEAP)
              + "%)");
    }
    if (why.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "injector-bound: the load generator, not the target, limited this run: "
            + String.join("; ", why)
            + ". Its latency and throughput figures measure the injector as much as the target."
            + (embeddedDemo
                ? " The embedded demo service runs in the same JVM, so part of that load is the"
                    + " target's."
                : ""));
  }

  private static Optional<ResourceReport.SeriesView> find(
      List<ResourceReport.SeriesView> views, String source, String metric) {
    return views.stream()
        .filter(v -> v.source().equals(source) && v.metric().equals(metric))
        .findFirst();
  }

  private static List<ResourceReport.Point> after(ResourceReport.SeriesView s, long warmUp) {
    return s.points().stream().filter(p -> p.offsetMillis() >= warmUp).toList();
  }

  static OptionalDouble mean(List<ResourceReport.Point> points) {
    return points.stream().mapToDouble(ResourceReport.Point::value).average();
  }

  static OptionalDouble max(List<ResourceReport.Point> points) {
    return points.stream().mapToDouble(ResourceReport.Point::value).max();
  }

  static OptionalDouble delta(List<ResourceReport.Point> points) {
    return points.size() < 2
        ? OptionalDouble.empty()
        : OptionalDouble.of(points.get(points.size() - 1).value() - points.get(0).value());
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.1f", v);
  }
}
