package io.perfgate.publish;

import static io.perfgate.publish.Templates.view;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Second;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run page's view: every text already formatted, every list already ordered. */
final class RunView {
  private RunView() {}

  static Map<String, Object> of(Summary report) {
    Summary.Run run = report.run();
    Map<String, Object> v =
        view(
            "title", "perfgate " + report.verdict().name() + " - " + run.id(),
            "verdict", report.verdict().name(),
            "verdictClass", report.verdict().name().toLowerCase(Locale.ROOT),
            "headline", Words.headline(report),
            "run", run(run),
            "problems", Words.runProblems(run),
            "gates", gates(report.gates()),
            "warmUpNote", Words.warmUp(run),
            "capacity", Words.capacity(report).map(List::of).orElse(List.of()),
            "figures", figureRows(report.measured(), report.global()),
            "apdex",
                report.apdex().isPresent()
                    ? List.of(Fmt.fixed(report.apdex().getAsDouble(), 2))
                    : List.of(),
            "requests", entries(report.requests()),
            "groups", entries(report.groups()),
            "findings", findings(report.findings()),
            "horizons", horizons(report.findings()),
            "phases", phases(report.phases()),
            "phaseEfficiency", report.phases().stream().anyMatch(p -> p.efficiency().isPresent()),
            "charts", charts(report),
            "errors", errors(report.errors()),
            "baseline", report.baseline().map(b -> List.of(baseline(b))).orElse(List.of()),
            "schemaVersion", Summary.SCHEMA_VERSION);
    // Mustache has no "if not empty": each optional section gets its flag.
    v.put("hasProblems", !Words.runProblems(run).isEmpty());
    v.put("explanations", Words.explanations(report));
    v.put("hasExplanations", !report.explanations().isEmpty());
    v.put("hasGates", !report.gates().isEmpty());
    v.put("unjudged", Words.unjudgedNote(report).map(List::of).orElse(List.of()));
    v.put("hasRequests", !report.requests().isEmpty());
    v.put("hasGroups", !report.groups().isEmpty());
    v.put("hasFindings", !report.findings().isEmpty());
    v.put("hasAdvice", report.findings().stream().anyMatch(f -> !f.advice().isEmpty()));
    v.put("hasPhases", !report.phases().isEmpty());
    v.put("hasCharts", !report.perSecond().isEmpty());
    v.put("hasErrorTable", !report.errors().isEmpty());
    v.put("resources", ResourceView.of(report.resources(), run.warmUpMillis()));
    v.put("hasResources", !report.resources().isEmpty());
    v.put("exactNote", Words.EXACT_PERCENTILES);
    return v;
  }

  private static Map<String, Object> run(Summary.Run run) {
    return view(
        "id", run.id(),
        "simulation", run.simulation(),
        "scenario", run.scenario(),
        "environment", run.environment().isEmpty() ? "none" : run.environment(),
        "target", run.target(),
        "start", Fmt.human(run.startEpochMillis()),
        "duration", Fmt.duration(run.durationMillis()),
        "gatlingVersion", run.gatlingVersion(),
        "gatlingReport", run.gatlingReport(),
        "hasGatlingReport", !run.gatlingReport().isBlank(),
        "warmUp", run.warmUpMillis() > 0 ? Fmt.duration(run.warmUpMillis()) : "none");
  }

  private static List<Map<String, Object>> gates(List<GateResult> gates) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (GateResult g : gates) {
      rows.add(
          view(
              "name", g.name(),
              "scope", g.scope(),
              "criterion", g.criterion(),
              "threshold", Words.threshold(g),
              "actual", Words.actual(g),
              "tier", Words.tierOrDash(g.tier()),
              "tierClass", g.tier().isPresent() ? "tier-" + Words.tier(g.tier()) : "tier-none",
              "result", Words.result(g),
              "resultClass", !g.passed() ? "fail" : g.unjudged() ? "unjudged" : "pass",
              "note", g.note(),
              "hasNote", !g.note().isEmpty(),
              "origin", g.origin()));
    }
    return rows;
  }

  private static List<Map<String, Object>> figureRows(Figures measured, Figures global) {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(row("Requests", measured.count(), global.count(), ""));
    rows.add(row("Failed", measured.ko(), global.ko(), ""));
    rows.add(
        view(
            "label",
            "Errors",
            "measured",
            Fmt.percent(measured.errorPercent()),
            "global",
            Fmt.percent(global.errorPercent()),
            "differs",
            measured.errorPercent() != global.errorPercent()));
    rows.add(
        view(
            "label",
            "Throughput",
            "measured",
            Fmt.fixed(measured.rps(), 1) + " req/s",
            "global",
            Fmt.fixed(global.rps(), 1) + " req/s",
            "differs",
            measured.rps() != global.rps()));
    rows.add(row("Min", measured.min(), global.min(), " ms"));
    rows.add(row("Mean", Math.round(measured.mean()), Math.round(global.mean()), " ms"));
    rows.add(row("Std dev", Math.round(measured.stdDev()), Math.round(global.stdDev()), " ms"));
    rows.add(row("p50", measured.p50(), global.p50(), " ms"));
    rows.add(row("p75", measured.p75(), global.p75(), " ms"));
    rows.add(row("p95", measured.p95(), global.p95(), " ms"));
    rows.add(row("p99", measured.p99(), global.p99(), " ms"));
    rows.add(row("p99.9", measured.p999(), global.p999(), " ms"));
    rows.add(row("Max", measured.max(), global.max(), " ms"));
    return rows;
  }

  private static Map<String, Object> row(String label, long measured, long global, String unit) {
    return view(
        "label",
        label,
        "measured",
        measured + unit,
        "global",
        global + unit,
        "differs",
        measured != global);
  }

  private static List<Map<String, Object>> entries(List<Summary.Entry> entries) {
    long slowest = entries.stream().mapToLong(e -> e.measured().p95()).max().orElse(0);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Summary.Entry e : entries) {
      Figures m = e.measured();
      rows.add(
          view(
              "path", e.path(),
              "count", m.count(),
              "ko", m.ko(),
              "errorPercent", Fmt.percent(m.errorPercent()),
              "hasErrors", m.ko() > 0,
              "mean", m.count() == 0 ? "-" : Fmt.number(m.mean(), 1),
              "p50", m.p50(),
              "p95", m.p95(),
              "p99", m.p99(),
              "max", m.max(),
              "rps", Fmt.fixed(m.rps(), 1),
              // A bar in the p95 cell shows at a glance which requests dominate.
              "p95Bar", slowest == 0 ? "0" : Fmt.number(m.p95() * 100.0 / slowest, 1)));
    }
    return rows;
  }

  private static List<Map<String, Object>> findings(List<Finding> findings) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Finding f : findings.stream().sorted(Comparator.comparing(Finding::severity)).toList()) {
      rows.add(
          view(
              "severity", Words.lower(f.severity()),
              "kind", Words.lower(f.kind()),
              "subject", f.subject(),
              "summary", f.summary()));
    }
    return rows;
  }

  /** Every recommendation, grouped by how soon to act, worst finding first within a group. */
  private static List<Map<String, Object>> horizons(List<Finding> findings) {
    Map<Finding.Horizon, List<Map<String, Object>>> byHorizon =
        new EnumMap<>(Finding.Horizon.class);
    for (Finding f : findings.stream().sorted(Comparator.comparing(Finding::severity)).toList()) {
      for (Finding.Recommendation r : f.advice()) {
        byHorizon
            .computeIfAbsent(r.horizon(), h -> new ArrayList<>())
            .add(
                view(
                    "text", r.text(),
                    "subject", f.subject(),
                    "severity", Words.lower(f.severity())));
      }
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    byHorizon.forEach(
        (h, items) ->
            groups.add(
                view("title", Words.horizonTitle(h), "horizon", Words.lower(h), "items", items)));
    return groups;
  }

  private static List<Map<String, Object>> phases(List<Summary.Phase> phases) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Summary.Phase p : phases) {
      Figures f = p.figures();
      rows.add(
          view(
              "name", p.name(),
              "level", Fmt.number(p.level(), 1),
              "from", Fmt.clock(p.fromMillis()),
              "to", Fmt.clock(p.toMillis()),
              "count", f.count(),
              "errorPercent", Fmt.percent(f.errorPercent()),
              "p50", f.p50(),
              "p95", f.p95(),
              "p99", f.p99(),
              "rps", Fmt.fixed(f.rps(), 1),
              "efficiency",
                  p.efficiency().isPresent()
                      ? Fmt.fixed(p.efficiency().getAsDouble() * 100, 0) + "%"
                      : "-"));
    }
    return rows;
  }

  private static List<Map<String, Object>> charts(Summary report) {
    List<Second> s = report.perSecond();
    if (s.isEmpty()) {
      return List.of();
    }
    long warmUp = report.run().warmUpMillis();
    return List.of(
        Charts.chart(
            "Requests per second",
            s,
            warmUp,
            List.of(
                new Charts.Series(
                    "line-requests", "requests", s2 -> s2.figures().count(), Charts.Fold.MEAN),
                new Charts.Series(
                    "line-errors", "errors", s2 -> s2.figures().ko(), Charts.Fold.MAX))),
        Charts.chart(
            "Errors per second",
            s,
            warmUp,
            List.of(
                new Charts.Series(
                    "line-errors", "errors", s2 -> s2.figures().ko(), Charts.Fold.MAX))),
        Charts.chart(
            "p95 response time per second (ms)",
            s,
            warmUp,
            List.of(
                new Charts.Series("line-p95", "p95", s2 -> s2.figures().p95(), Charts.Fold.MAX))),
        Charts.chart(
            "Active users",
            s,
            warmUp,
            List.of(
                new Charts.Series("line-users", "users", Second::activeUsers, Charts.Fold.MEAN))));
  }

  private static List<Map<String, Object>> errors(List<ErrorCount> errors) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ErrorCount e : errors) {
      rows.add(
          view(
              "message", e.message(),
              "count", e.count(),
              "percent", Fmt.fixed(e.percent(), 2) + "%"));
    }
    return rows;
  }

  private static Map<String, Object> baseline(Summary.BaselineDiff diff) {
    List<Map<String, Object>> deltas = new ArrayList<>();
    for (Summary.Delta d : diff.deltas()) {
      deltas.add(
          view(
              "subject", d.subject(),
              "metric", d.metric(),
              "baseline", Fmt.number(d.baseline(), 2),
              "current", Fmt.number(d.current(), 2),
              "change", Fmt.change(d.change()),
              // Direction only: whether higher is worse depends on the metric, and the analysis
              // has already said which changes are regressions (findings of kind regression).
              "direction", direction(d.change())));
    }
    return view(
        "run", diff.run(),
        "start", Fmt.human(diff.startEpochMillis()),
        "pinned", diff.kind() == Summary.BaselineKind.PINNED,
        "description", diff.description(),
        "runs", diff.runs().stream().map(r -> view("id", r.id())).toList(),
        "hasRuns", !diff.runs().isEmpty(),
        "method", diff.method(),
        "hasMethod", !diff.method().isEmpty(),
        "notes", diff.notes(),
        "deltas", deltas);
  }

  static String direction(double change) {
    if (!Double.isFinite(change) || Math.abs(change) < 0.0005) {
      return "flat";
    }
    return change > 0 ? "up" : "down";
  }
}
