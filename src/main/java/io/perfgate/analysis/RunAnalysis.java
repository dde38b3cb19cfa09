package io.perfgate.analysis;

import io.perfgate.baseline.Baseline;
import io.perfgate.baseline.RunGates;
import io.perfgate.config.Settings;
import io.perfgate.gate.Gate;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Plan;
import io.perfgate.results.GroupStats;
import io.perfgate.results.LogReader;
import io.perfgate.results.RequestStats;
import io.perfgate.results.RunMarker;
import io.perfgate.results.RunStats;
import io.perfgate.results.Stats;
import io.perfgate.results.Window;
import io.perfgate.target.Redactor;
import io.perfgate.target.Tls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one run's simulation.log (or several injectors' logs of one test) into a {@link RunReport}:
 * figures for the whole run and the measured window, phases, gates judged on the measured window,
 * findings and the verdict.
 */
public final class RunAnalysis {
  /** The name of the window after the warm-up, which gates judge. */
  public static final String MEASURED = "measured";

  private RunAnalysis() {}

  /**
   * What the analysis needs besides the log.
   *
   * @param plan the profile as run (phases, warm-up)
   * @param gates the run's gates, in the order Gatling got them as assertions
   * @param gatlingReport path of Gatling's report relative to perfgate's folder
   * @param redactor masks the run's secrets in every text the report carries (the target's URL,
   *     error messages the target may have echoed a credential into, warnings)
   * @param runWarnings what every output of the run must say about how it ran (TLS checks off)
   */
  public record Inputs(
      String runId,
      String simulation,
      String scenario,
      String environment,
      String target,
      Plan plan,
      List<Gate> gates,
      Sla sla,
      ErrorBudget budget,
      AnalysisSettings settings,
      Optional<Baseline> baseline,
      String gatlingReport,
      Redactor redactor,
      List<String> runWarnings) {
    public Inputs {
      gates = List.copyOf(gates);
      runWarnings = List.copyOf(runWarnings);
    }

    /** The inputs of a run of {@code simulation} under {@code settings}. */
    public static Inputs of(
        Settings settings,
        String simulation,
        String target,
        RunGates gates,
        String runId,
        String gatlingReport) {
      Plan plan = settings.requirePlan();
      return new Inputs(
          runId,
          simulation,
          settings.scenario(),
          settings.env().orElse(""),
          target,
          plan,
          gates.gates(),
          settings.sla(),
          plan.profile().errorBudget(),
          settings.analysis(),
          gates.baseline(),
          gatlingReport,
          settings.target().redactor(),
          settings.target().tlsWarning().stream().toList());
    }
  }

  public static RunReport analyse(List<Path> logs, Inputs in) throws IOException {
    return analyse(logs, in, Optional.empty(), ResourceSla.defaults());
  }

  /**
   * The report of a run whose resources were sampled: the resource gates follow the log's gates (so
   * Gatling's assertions stay the first gates, in order), the resource findings follow the log's,
   * and an injector that limited the run is a warning of the run.
   */
  public static RunReport analyse(
      List<Path> logs, Inputs in, Optional<ResourceSamples> samples, ResourceSla resourceSla)
      throws IOException {
    long warmUp = in.plan().warmUp().toMillis();
    List<Window> windows = new ArrayList<>();
    windows.add(new Window(MEASURED, warmUp, Long.MAX_VALUE));
    List<Plan.Window> phases = in.plan().windows();
    for (Plan.Window w : phases) {
      long from = w.end().equals(w.rampEnd()) ? w.start().toMillis() : w.rampEnd().toMillis();
      long to = w.end().toMillis();
      if (to > from) {
        windows.add(new Window(phaseWindow(w.name()), from, to));
      }
    }
    RunStats stats = RunStats.merge(logs, windows);
    Apdex apdex = new Apdex(in.settings().apdexThreshold().toMillis(), warmUp);
    InjectionLag lag = new InjectionLag();
    for (Path log : logs) {
      // A second pass: apdex needs every response time, which the statistics do not keep.
      LogReader.read(log, apdex);
      LogReader.read(log, lag);
    }
    long injectionLag =
        in.plan().model() == LoadModel.OPEN
            ? InjectionLag.significant(lag.lastStartMillis(), in.plan().total().toMillis())
            : 0;

    List<RunReport.Entry> requests = new ArrayList<>();
    for (RequestStats r : stats.requests()) {
      requests.add(
          new RunReport.Entry(r.name(), r.groups(), figures(r.global()), measured(r.byWindow())));
    }
    List<RunReport.Entry> groups = new ArrayList<>();
    for (GroupStats g : stats.groups()) {
      List<String> outer = g.path().subList(0, g.path().size() - 1);
      groups.add(new RunReport.Entry(g.name(), outer, figures(g.global()), measured(g.byWindow())));
    }
    Figures measured = figures(stats.globalByWindow().get(MEASURED));
    List<RunReport.Phase> phaseFigures = phases(in.plan(), stats);
    List<RunReport.ErrorCount> errors =
        stats.errors().stream()
            .map(
                e ->
                    new RunReport.ErrorCount(
                        in.redactor().redact(e.message()), e.count(), e.percent()))
            .toList();
    List<RunReport.Second> seconds =
        stats.seconds().stream()
            .map(
                s ->
                    new RunReport.Second(
                        s.second(),
                        s.requests(),
                        s.ko(),
                        s.activeUsers(),
                        Double.isNaN(s.p95()) ? 0 : Math.round(s.p95())))
            .toList();

    List<GateResult> gates =
        new ArrayList<>(
            GateJudge.judge(in.gates(), in.sla(), in.budget(), scope -> lookup(stats, scope)));
    List<Finding> findings =
        new ArrayList<>(
            new Analyzer(in.settings()).findings(requests, phaseFigures, errors, apdex.score()));
    Optional<ResourceAnalysis.Result> resources =
        samples
            .filter(s -> !s.isEmpty())
            .map(
                s ->
                    ResourceAnalysis.analyse(
                        s,
                        stats.startEpochMillis(),
                        warmUp,
                        in.scenario(),
                        resourceSla,
                        injectionLag));
    resources.ifPresent(
        r -> {
          gates.addAll(r.gates());
          findings.addAll(r.findings());
        });
    Optional<RunReport.BaselineDiff> diff =
        in.baseline().map(b -> Baselines.diff(b, measured, requests));
    // A run whose injector died (out of heap, killed...) ended there: that is its abort reason.
    Optional<EndNote> ended =
        logs.stream().map(EndNote::beside).flatMap(Optional::stream).findFirst();
    Optional<AbortNote> abort =
        ended
            .map(n -> new AbortNote(n.describe(), n.atMillis()))
            .or(() -> logs.stream().map(AbortNote::beside).flatMap(Optional::stream).findFirst());
    // A run that stopped itself met a stop criterion: whatever its gates say, it failed.
    Verdict verdict = abort.isPresent() ? Verdict.FAIL : GateJudge.verdict(gates, findings);
    Optional<RunReport.Capacity> capacity =
        CapacityFinder.find(
            in.plan(),
            phaseFigures,
            in.gates(),
            in.sla(),
            in.budget(),
            stats.lastEventMillis(),
            abort);

    List<String> warnings = new ArrayList<>(in.runWarnings());
    stats.warnings().forEach(w -> warnings.add(in.redactor().redact(w)));
    errors.stream()
        .map(e -> Tls.explainFailure(e.message()))
        .flatMap(Optional::stream)
        .findFirst()
        .ifPresent(warnings::add);
    boolean cutShort = ended.isPresent();
    for (Path log : logs) {
      if (RunMarker.cutShort(log)) {
        cutShort = true;
        warnings.add(
            "The Gatling process that wrote "
                + log
                + " was stopped before the run ended (killed, or aborted by CI): the log holds the"
                + " run only up to that moment. ("
                + RunMarker.FILE_NAME
                + " is still in the run folder.)");
      }
    }
    if (stats.unmatched() > 0) {
      warnings.add(
          stats.unmatched() + " unmatched incoming messages were left out of the figures.");
    }
    resources.ifPresent(r -> warnings.addAll(r.warnings()));
    var header = stats.logs().get(0).header();
    RunReport.Run run =
        new RunReport.Run(
            in.runId(),
            in.simulation(),
            in.scenario(),
            in.environment(),
            in.redactor().redact(in.target()),
            stats.startEpochMillis(),
            stats.startEpochMillis() + stats.lastEventMillis(),
            header.gatlingVersion(),
            stats.truncated() || cutShort,
            abort.isPresent(),
            abort.map(AbortNote::reason),
            warmUp,
            in.gatlingReport(),
            warnings);
    return new RunReport(
        run,
        figures(stats.global()),
        measured,
        requests,
        groups,
        phaseFigures,
        seconds,
        errors,
        gates,
        findings,
        apdex.score(),
        diff,
        verdict,
        capacity,
        Explanations.explain(errors, in.target(), figures(stats.global()), seconds),
        resources.map(ResourceAnalysis.Result::report));
  }

  static String phaseWindow(String phase) {
    return "phase:" + phase;
  }

  private static List<RunReport.Phase> phases(Plan plan, RunStats stats) {
    List<RunReport.Phase> out = new ArrayList<>();
    boolean ladder = plan.model() == LoadModel.CLOSED && CapacityFinder.isLadder(plan);
    double firstPerUser = Double.NaN;
    for (Plan.Window w : plan.windows()) {
      Stats s = stats.globalByWindow().get(phaseWindow(w.name()));
      Figures f = s == null ? Figures.EMPTY : figures(s);
      Optional<Double> efficiency = Optional.empty();
      if (ladder && w.level() > 0 && f.count() > 0) {
        double perUser = f.rps() / w.level();
        if (Double.isNaN(firstPerUser)) {
          firstPerUser = perUser;
        }
        efficiency = Optional.of(perUser / firstPerUser);
      }
      out.add(
          new RunReport.Phase(
              w.name(), w.level(), w.start().toMillis(), w.end().toMillis(), f, efficiency));
    }
    return out;
  }

  private static Optional<Figures> lookup(RunStats stats, Scope scope) {
    Optional<Figures> figures =
        switch (scope.kind()) {
          case GLOBAL -> Optional.of(figures(stats.globalByWindow().get(MEASURED)));
          case REQUEST -> stats.request(scope.name()).map(r -> measured(r.byWindow()));
          case GROUP -> stats.group(scope.name()).map(g -> measured(g.byWindow()));
        };
    // No request of the scope in the measured window: there is nothing to judge, and zeros would
    // pass (a request or group made only during the warm-up, or a run in which none completed).
    return figures.filter(f -> f.count() > 0);
  }

  private static Figures measured(Map<String, Stats> byWindow) {
    Stats s = byWindow.get(MEASURED);
    return s == null ? Figures.EMPTY : figures(s);
  }

  /** Gatling's rounding of the figures, so perfgate's numbers read like the report's. */
  static Figures figures(Stats s) {
    if (s == null || s.isEmpty() || s.gatling() == null) {
      return s == null
          ? Figures.EMPTY
          : new Figures(s.count(), s.ok(), s.ko(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    Stats.Gatling g = s.gatling();
    return new Figures(
        s.count(),
        s.ok(),
        s.ko(),
        g.min(),
        g.max(),
        g.mean(),
        g.stdDev(),
        g.p50(),
        g.p75(),
        g.p95(),
        g.p99(),
        g.p999(),
        g.rps());
  }
}
