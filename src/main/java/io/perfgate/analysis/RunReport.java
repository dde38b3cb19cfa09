package io.perfgate.analysis;

import java.util.List;
import java.util.Optional;

/**
 * Everything perfgate decided about one run: the figures (whole run and measured window, per
 * request, per group, per phase, per second), the gates, the findings, the verdict, what the errors
 * mean for the target in plain words, and what the resource samples said when the run had any.
 * Publishing only formats this.
 */
public record RunReport(
    Run run,
    Figures global,
    Figures measured,
    List<Entry> requests,
    List<Entry> groups,
    List<Phase> phases,
    List<Second> perSecond,
    List<ErrorCount> errors,
    List<GateResult> gates,
    List<Finding> findings,
    Optional<Double> apdex,
    Optional<BaselineDiff> baseline,
    Verdict verdict,
    Optional<Capacity> capacity,
    List<Explanation> explanations,
    Optional<ResourceReport> resources) {
  /**
   * A report without a capacity finding (the run's profile is no ladder of steps), explanations or
   * resource samples.
   */
  public RunReport(
      Run run,
      Figures global,
      Figures measured,
      List<Entry> requests,
      List<Entry> groups,
      List<Phase> phases,
      List<Second> perSecond,
      List<ErrorCount> errors,
      List<GateResult> gates,
      List<Finding> findings,
      Optional<Double> apdex,
      Optional<BaselineDiff> baseline,
      Verdict verdict) {
    this(
        run,
        global,
        measured,
        requests,
        groups,
        phases,
        perSecond,
        errors,
        gates,
        findings,
        apdex,
        baseline,
        verdict,
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  public RunReport {
    explanations = List.copyOf(explanations);
    requests = List.copyOf(requests);
    groups = List.copyOf(groups);
    phases = List.copyOf(phases);
    perSecond = List.copyOf(perSecond);
    errors = List.copyOf(errors);
    gates = List.copyOf(gates);
    findings = List.copyOf(findings);
  }

  /**
   * What ran.
   *
   * @param id the run folder's name, e.g. "trackersimulation-20261123150446734"
   * @param start epoch milliseconds of the run's start
   * @param end epoch milliseconds of its last record
   * @param warmUpMillis the start of the run left out of {@code measured}
   * @param gatlingReport relative path of Gatling's HTML report from perfgate's folder
   */
  public record Run(
      String id,
      String simulation,
      String scenario,
      String environment,
      String target,
      long start,
      long end,
      String gatlingVersion,
      boolean truncated,
      boolean aborted,
      Optional<String> abortReason,
      long warmUpMillis,
      String gatlingReport,
      List<String> warnings) {
    public Run {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * A request or a group: its path ("triage / clustered-failures"), whole-run and measured figures.
   */
  public record Entry(String name, List<String> groups, Figures global, Figures measured) {
    public Entry {
      groups = List.copyOf(groups);
    }

    /** The path as Gatling's report shows it: groups and name joined by " / ". */
    public String path() {
      return groups.isEmpty() ? name : String.join(" / ", groups) + " / " + name;
    }
  }

  /**
   * A phase of the profile (spike's normal/spike/recovery, breakpoint steps, benchmark rungs).
   *
   * @param level users (closed model) or users per second (open model)
   * @param efficiency for a ladder: rps per user relative to the first rung, 1.0 = linear scaling
   */
  public record Phase(
      String name,
      double level,
      long fromMillis,
      long toMillis,
      Figures figures,
      Optional<Double> efficiency) {}

  /** One second of the run. */
  public record Second(
      long offsetSeconds, long requests, long errors, long activeUsers, long p95) {}

  /** An error message and how often it happened. */
  public record ErrorCount(String message, long count, double percent) {}

  /** The run compared with the saved baseline of its simulation, profile and environment. */
  public record BaselineDiff(String baselineRun, long baselineStart, List<Delta> deltas) {
    public BaselineDiff {
      deltas = List.copyOf(deltas);
    }
  }

  /** One figure then and now; {@code change} is relative (0.1 = 10 % higher). */
  public record Delta(
      String subject, String metric, double baseline, double current, double change) {}

  /**
   * Where a ladder of steps (breakpoint, benchmark) stopped meeting the SLA: a step meets it when
   * the run held it to its end and every whole-run gate on latency and errors holds on its figures.
   *
   * @param lastPassing the highest step that met the SLA, if any did
   * @param firstFailing the first step that did not, if any, with why
   */
  public record Capacity(Optional<Step> lastPassing, Optional<Step> firstFailing) {}

  /**
   * One step of a ladder.
   *
   * @param level users (closed model) or users per second (open model)
   * @param rps requests per second during its hold
   * @param why for a failing step: the gate it breached, or that the run stopped in it
   */
  public record Step(String name, double level, String unit, double rps, String why) {}
}
