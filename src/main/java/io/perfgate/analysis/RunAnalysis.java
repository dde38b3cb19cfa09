package io.perfgate.analysis;

import io.perfgate.gate.Gate;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.SamplesFile;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Plan;
import io.perfgate.results.GroupStats;
import io.perfgate.results.RequestStats;
import io.perfgate.results.RunMarker;
import io.perfgate.results.RunStats;
import io.perfgate.results.Window;
import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.ResourceReport;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import io.perfgate.target.Redactor;
import io.perfgate.target.Tls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns one run's simulation.log (or several injectors' logs of one test) into its {@link Summary}:
 * figures for the whole run and the measured window, phases, gates judged on the measured window,
 * resources, findings and the verdict. It reads the logs once; everything else comes from the exact
 * distributions the read keeps.
 */
public final class RunAnalysis {
  /** The name of the window after the warm-up, which gates judge. */
  public static final String MEASURED = "measured";

  private RunAnalysis() {}

  /**
   * What the analysis needs besides the logs.
   *
   * @param plan the profile as run (phases, warm-up)
   * @param gates the run's gates, in the order Gatling got them as assertions
   * @param regression where the run's baseline comes from; its gates follow the assertion gates
   * @param limits how regressions are decided (sla.regression)
   * @param gatlingReport path of Gatling's report relative to perfgate's folder ("" for none)
   * @param redactor masks the run's secrets in every text the summary carries (the target's URL,
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
      ResourceSla resourceSla,
      RegressionBaseline.Source regression,
      RegressionLimits limits,
      String gatlingReport,
      Redactor redactor,
      List<String> runWarnings,
      Map<String, String> given) {
    public Inputs {
      gates = List.copyOf(gates);
      runWarnings = List.copyOf(runWarnings);
      given = Map.copyOf(given);
    }
  }

  /** A run's summary and the statistics it was made from (their distributions are kept too). */
  public record Result(Summary summary, RunStats stats) {}

  /**
   * Analyses the logs of one run: one log, or the logs of several injectors that ran one test at
   * the same time (each with its resource samples, kept in {@code perfgate/resources.json} beside
   * it, labelled "injector 1", "injector 2"...).
   */
  public static Result analyse(List<Path> logs, Inputs in) throws IOException {
    long warmUp = in.plan().warmUp().toMillis();
    List<Window> windows = new ArrayList<>();
    windows.add(new Window(MEASURED, warmUp, Long.MAX_VALUE, true));
    for (Plan.Window w : in.plan().windows()) {
      long from = w.end().equals(w.rampEnd()) ? w.start().toMillis() : w.rampEnd().toMillis();
      long to = w.end().toMillis();
      if (to > from) {
        windows.add(new Window(phaseWindow(w.name()), from, to));
      }
    }
    Apdex apdex = new Apdex(in.settings().apdexThreshold().toMillis(), warmUp);
    InjectionLag lag = new InjectionLag();
    RunStats stats = RunStats.merge(logs, windows, new BothHandlers(apdex, lag));
    long injectionLag =
        in.plan().model() == LoadModel.OPEN
            ? InjectionLag.significant(lag.lastStartMillis(), in.plan().total().toMillis())
            : 0;

    List<Summary.Entry> requests = new ArrayList<>();
    for (RequestStats r : stats.requests()) {
      requests.add(
          new Summary.Entry(
              r.name(), r.groups(), r.global(), measured(r.byWindow()), r.redirectOf()));
    }
    List<Summary.Entry> groups = new ArrayList<>();
    for (GroupStats g : stats.groups()) {
      List<String> outer = g.path().subList(0, g.path().size() - 1);
      groups.add(
          new Summary.Entry(g.name(), outer, g.global(), measured(g.byWindow()), Optional.empty()));
    }
    Figures measured = stats.globalByWindow().get(MEASURED);
    List<Summary.Phase> phaseFigures = phases(in.plan(), stats);
    List<ErrorCount> errors =
        stats.errors().stream()
            .map(e -> new ErrorCount(in.redactor().redact(e.message()), e.count(), e.percent()))
            .toList();

    List<GateResult> gates =
        new ArrayList<>(
            GateJudge.judge(in.gates(), in.sla(), in.budget(), scope -> lookup(stats, scope)));
    List<Summary.Entry> logical = requests.stream().filter(e -> !e.isRedirectHop()).toList();
    // Regression gates are judged here, after the run, never by Gatling: they follow the
    // assertion gates, so that row i of Gatling's assertion table stays gate i.
    Optional<Summary.BaselineDiff> diff = Optional.empty();
    Optional<RegressionBaseline> baseline =
        in.limits().enabled()
            ? in.regression().find(in.runId(), stats.startEpochMillis())
            : Optional.empty();
    if (baseline.isPresent()) {
      RegressionJudge judge = new RegressionJudge(in.limits(), in.sla().enoughData());
      gates.addAll(
          judge.judge(
              baseline.get(),
              RunSeconds.of(stats.histograms(), warmUp, stats.lastEventMillis()),
              measured));
      diff =
          Optional.of(
              Baselines.diff(baseline.get(), judge.method(baseline.get()), measured, logical));
    }
    List<Finding> findings =
        new ArrayList<>(
            new Analyzer(in.settings()).findings(logical, phaseFigures, errors, apdex.score()));
    List<String> warnings = new ArrayList<>(in.runWarnings());
    List<ResourceReport> resources = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      Optional<ResourceSamples> samples =
          SamplesFile.read(
              logs.get(i)
                  .toAbsolutePath()
                  .getParent()
                  .resolve("perfgate")
                  .resolve(SamplesFile.FILE_NAME));
      if (samples.isEmpty() || samples.get().isEmpty()) {
        continue;
      }
      String label = logs.size() == 1 ? "" : injectorLabel(i);
      ResourceAnalysis.Result r =
          ResourceAnalysis.analyse(
              label,
              samples.get(),
              stats.startEpochMillis(),
              warmUp,
              in.scenario(),
              in.resourceSla(),
              injectionLag);
      resources.add(r.report());
      r.gates().forEach(g -> gates.add(label.isEmpty() ? g : labelled(g, label)));
      findings.addAll(r.findings());
      r.warnings().forEach(w -> warnings.add(label.isEmpty() ? w : label + ": " + w));
    }
    // A run whose injector died (out of heap, killed...) ended there: that is its abort reason.
    Optional<EndNote> ended =
        logs.stream().map(EndNote::beside).flatMap(Optional::stream).findFirst();
    Optional<AbortNote> abort =
        ended
            .map(n -> new AbortNote(n.describe(), n.atMillis()))
            .or(() -> logs.stream().map(AbortNote::beside).flatMap(Optional::stream).findFirst());
    // A run that stopped itself met a stop criterion: whatever its gates say, it failed.
    Verdict verdict = abort.isPresent() ? Verdict.FAIL : GateJudge.verdict(gates, findings);
    Optional<Summary.Capacity> capacity =
        CapacityFinder.find(
            in.plan(),
            phaseFigures,
            in.gates(),
            in.sla(),
            in.budget(),
            stats.lastEventMillis(),
            abort);

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
    var header = stats.logs().get(0).header();
    List<String> injectors = new ArrayList<>();
    for (int i = 0; logs.size() > 1 && i < logs.size(); i++) {
      injectors.add(
          injectorLabel(i) + " (" + logs.get(i).toAbsolutePath().getParent().getFileName() + ")");
    }
    Summary.Run run =
        new Summary.Run(
            in.runId(),
            in.simulation(),
            in.scenario(),
            in.environment(),
            in.redactor().redact(in.target()),
            stats.startEpochMillis(),
            stats.startEpochMillis() + stats.lastEventMillis(),
            header.gatlingVersion(),
            injectors,
            stats.truncated() || cutShort,
            abort.isPresent(),
            abort.map(AbortNote::reason),
            warmUp,
            in.gatlingReport(),
            "",
            warnings,
            in.given());
    Summary summary =
        new Summary(
            run,
            stats.global(),
            measured,
            requests,
            groups,
            phaseFigures,
            stats.seconds(),
            errors,
            Explanations.explain(errors, in.target(), stats.global(), stats.seconds()),
            gates,
            findings,
            apdex.score(),
            diff,
            verdict,
            capacity,
            resources);
    return new Result(summary, stats);
  }

  /** How a merged run names its injectors, in the order their logs were given. */
  static String injectorLabel(int index) {
    return "injector " + (index + 1);
  }

  /** A resource gate of one injector of several: its name and scope say which. */
  private static GateResult labelled(GateResult g, String label) {
    return g.renamed(label + ": " + g.name(), g.scope() + " of " + label);
  }

  static String phaseWindow(String phase) {
    return "phase:" + phase;
  }

  private static List<Summary.Phase> phases(Plan plan, RunStats stats) {
    List<Summary.Phase> out = new ArrayList<>();
    boolean ladder = plan.model() == LoadModel.CLOSED && CapacityFinder.isLadder(plan);
    double firstPerUser = Double.NaN;
    for (Plan.Window w : plan.windows()) {
      Figures f = stats.globalByWindow().getOrDefault(phaseWindow(w.name()), Figures.NONE);
      OptionalDouble efficiency = OptionalDouble.empty();
      if (ladder && w.level() > 0 && f.count() > 0) {
        double perUser = f.rps() / w.level();
        if (Double.isNaN(firstPerUser)) {
          firstPerUser = perUser;
        }
        efficiency = OptionalDouble.of(perUser / firstPerUser);
      }
      out.add(
          new Summary.Phase(
              w.name(), w.level(), w.start().toMillis(), w.end().toMillis(), f, efficiency));
    }
    return out;
  }

  private static Optional<Figures> lookup(RunStats stats, Scope scope) {
    Optional<Figures> figures =
        switch (scope.kind()) {
          case GLOBAL -> Optional.of(stats.globalByWindow().get(MEASURED));
          case REQUEST -> stats.request(scope.name()).map(r -> measured(r.byWindow()));
          case GROUP -> stats.group(scope.name()).map(g -> measured(g.byWindow()));
        };
    // No request of the scope in the measured window: there is nothing to judge, and zeros would
    // pass (a request or group made only during the warm-up, or a run in which none completed).
    return figures.filter(f -> f.count() > 0);
  }

  private static Figures measured(Map<String, Figures> byWindow) {
    return byWindow.getOrDefault(MEASURED, Figures.NONE);
  }
}
