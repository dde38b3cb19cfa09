package io.perfgate.analysis;

import io.perfgate.summary.Figures;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report of a run whose injector died before Gatling wrote the first block of its
 * simulation.log (Gatling writes the log 8 KiB at a time): there is no record to read, not even the
 * run's header, so nothing can be counted. Every gate is "not measured", the run is aborted with
 * the injector's end note as the reason, and the verdict is FAIL. Everything else a report of the
 * run says comes from its settings.
 */
public final class UnrecordedRun {
  private UnrecordedRun() {}

  /**
   * @param startEpochMillis when the injection started, by the injector's clock
   */
  public static Summary summary(RunAnalysis.Inputs in, EndNote note, long startEpochMillis) {
    List<GateResult> gates =
        GateJudge.judge(in.gates(), in.sla(), in.budget(), scope -> Optional.empty());
    List<String> warnings = new ArrayList<>(in.runWarnings());
    warnings.add(
        "Gatling's simulation.log holds no record: the injector died before Gatling wrote its"
            + " first block (8 KiB) of it, so no request of this run could be counted.");
    Summary.Run run =
        new Summary.Run(
            in.runId(),
            in.simulation(),
            in.scenario(),
            in.environment(),
            in.redactor().redact(note.target().isEmpty() ? in.target() : note.target()),
            startEpochMillis,
            startEpochMillis + Math.max(0, note.atMillis()),
            "",
            List.of(),
            true,
            true,
            Optional.of(note.describe()),
            in.plan().warmUp().toMillis(),
            // Gatling builds no report from a log without a record.
            "",
            "",
            warnings,
            in.given());
    return new Summary(
        run,
        Figures.NONE,
        Figures.NONE,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        gates,
        List.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        Verdict.FAIL,
        Optional.empty(),
        List.of());
  }
}
