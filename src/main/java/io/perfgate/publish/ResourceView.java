package io.perfgate.publish;

import static io.perfgate.publish.Templates.view;

import io.perfgate.summary.ResourceReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** The run page's resources section: derived figures, the leak verdict, notes and charts. */
final class ResourceView {
  /** Prometheus series drawn besides the standard ones; more would drown the page. */
  static final int MAX_EXTRA_CHARTS = 6;

  private static final Set<String> STANDARD =
      Set.of("process_resident_memory_bytes", "cpu", "process_open_fds");

  private ResourceView() {}

  /** One view per injector whose resources were sampled; empty when none were. */
  static List<Map<String, Object>> of(List<ResourceReport> resources, long warmUpMillis) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResourceReport r : resources) {
      out.add(of(r, warmUpMillis));
    }
    return out;
  }

  private static Map<String, Object> of(ResourceReport r, long warmUpMillis) {
    List<Map<String, Object>> rows = new ArrayList<>();
    r.target()
        .ifPresent(
            t -> {
              rows.add(row("Memory growth after warm-up", t.memoryGrowth(), " MB/min", 2));
              rows.add(row("Fit of the memory line (R\u00b2)", t.memoryFit(), "", 2));
              rows.add(row("Peak resident memory", t.peakRssMb(), " MB", 1));
              rows.add(row("Average CPU", t.avgCpu(), "% of a core", 1));
              rows.add(row("Peak CPU", t.peakCpu(), "% of a core", 1));
              rows.add(row("Threads gained (last sample minus first)", t.threadGrowth(), "", 0));
              rows.add(row("Open files gained (last sample minus first)", t.fdGrowth(), "", 0));
            });
    List<Map<String, Object>> injector = new ArrayList<>();
    r.injectorFigures()
        .ifPresent(
            i -> {
              injector.add(row("Average CPU", OptionalDouble.of(i.avgCpu()), "% of its cores", 1));
              injector.add(row("Peak CPU", OptionalDouble.of(i.peakCpu()), "% of its cores", 1));
              injector.add(row("Time in GC", OptionalDouble.of(i.gcPercent()), "%", 1));
              injector.add(
                  row("Peak heap after GC", OptionalDouble.of(i.peakHeapAfterGc()), "% of max", 1));
            });
    String leak = r.target().map(t -> t.leak().reason()).orElse("");
    boolean leaking = r.target().map(t -> t.leak().leaking()).orElse(false);
    return view(
        "injectorLabel", r.injector(),
        "process", r.targetProcess().orElse("none (no local process was sampled)"),
        "embeddedDemo", r.embeddedDemo(),
        "interval", Fmt.duration(r.intervalMillis()),
        "target", rows,
        "hasTarget", !rows.isEmpty(),
        "injector", injector,
        "hasInjector", !injector.isEmpty(),
        "bound",
            r.injectorFigures()
                .flatMap(ResourceReport.Injector::bound)
                .map(List::of)
                .orElse(List.of()),
        "leak", leak,
        "leakClass", leaking ? "fail" : "pass",
        "hasLeak", !leak.isEmpty(),
        "notes", r.notes(),
        "hasNotes", !r.notes().isEmpty(),
        "charts", charts(r, warmUpMillis));
  }

  private static Map<String, Object> row(String label, OptionalDouble v, String unit, int digits) {
    return view(
        "label", label, "value", v.isPresent() ? Fmt.number(v.getAsDouble(), digits) + unit : "-");
  }

  private static List<Map<String, Object>> charts(ResourceReport r, long warmUp) {
    List<Map<String, Object>> out = new ArrayList<>();
    chart(
        out,
        r,
        warmUp,
        "Target resident memory (MB)",
        "target",
        "rss",
        "prometheus",
        "process_resident_memory_bytes");
    chart(out, r, warmUp, "Target CPU (% of one core)", "target", "cpu", "prometheus", "cpu");
    List<Charts.Line> counts = new ArrayList<>();
    line(r, "target", "threads", "line-a", "threads").ifPresent(counts::add);
    line(r, "target", "fds", "line-b", "open files").ifPresent(counts::add);
    if (counts.isEmpty()) {
      line(r, "prometheus", "process_open_fds", "line-b", "open files").ifPresent(counts::add);
    }
    if (!counts.isEmpty()) {
      out.add(Charts.sampled("Target threads and open files", warmUp, counts));
    }
    List<Charts.Line> injector = new ArrayList<>();
    line(r, "injector", "cpu", "line-requests", "CPU").ifPresent(injector::add);
    line(r, "injector", "gc", "line-errors", "GC time").ifPresent(injector::add);
    line(r, "injector", "heapAfterGc", "line-users", "heap after GC").ifPresent(injector::add);
    if (!injector.isEmpty()) {
      out.add(Charts.sampled("Injector JVM (%)", warmUp, injector));
    }
    int extra = 0;
    for (ResourceReport.SeriesView s : r.series()) {
      if (s.source().equals("prometheus")
          && !STANDARD.contains(s.metric())
          && extra < MAX_EXTRA_CHARTS) {
        extra++;
        out.add(
            Charts.sampled(
                s.metric() + (s.unit().isEmpty() ? "" : " (" + s.unit() + ")"),
                warmUp,
                List.of(new Charts.Line("line-p95", s.metric(), points(s)))));
      }
    }
    return out;
  }

  private static void chart(
      List<Map<String, Object>> out,
      ResourceReport r,
      long warmUp,
      String title,
      String source,
      String metric,
      String fallbackSource,
      String fallbackMetric) {
    line(r, source, metric, "line-p95", metric)
        .or(() -> line(r, fallbackSource, fallbackMetric, "line-p95", fallbackMetric))
        .ifPresent(l -> out.add(Charts.sampled(title, warmUp, List.of(l))));
  }

  private static Optional<Charts.Line> line(
      ResourceReport r, String source, String metric, String css, String label) {
    return r.series().stream()
        .filter(s -> s.source().equals(source) && s.metric().equals(metric))
        .filter(s -> !s.points().isEmpty())
        .findFirst()
        .map(s -> new Charts.Line(css, label, points(s)));
  }

  private static List<double[]> points(ResourceReport.SeriesView s) {
    return s.points().stream()
        .map(p -> new double[] {p.offsetMillis() / 1000.0, p.value()})
        .toList();
  }
}
