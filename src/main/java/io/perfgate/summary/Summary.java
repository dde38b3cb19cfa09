package io.perfgate.summary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Everything perfgate decided about one run, as {@code summary.json} holds it: the figures (whole
 * run and measured window, per request, per group, per phase, per second), the gates, the findings,
 * the verdict, what the errors mean for the target in plain words, and what the resource samples
 * said when the run had any. The analysis makes it; publishing only formats it; every reader
 * (command line, baselines, comparisons, history, CI scripts) reads it through {@link
 * SummaryCodec}.
 *
 * @param resources one report per injector whose resources were sampled (several for a merged run
 *     of several injectors, each labelled)
 */
@JsonPropertyOrder({
  "schemaVersion",
  "run",
  "global",
  "measured",
  "requests",
  "groups",
  "phases",
  "perSecond",
  "errors",
  "explanations",
  "gates",
  "findings",
  "apdex",
  "baseline",
  "verdict",
  "capacity",
  "resources"
})
public record Summary(
    Run run,
    Figures global,
    Figures measured,
    List<Entry> requests,
    List<Entry> groups,
    List<Phase> phases,
    List<Second> perSecond,
    List<ErrorCount> errors,
    List<Explanation> explanations,
    List<GateResult> gates,
    List<Finding> findings,
    OptionalDouble apdex,
    Optional<BaselineDiff> baseline,
    Verdict verdict,
    Optional<Capacity> capacity,
    List<ResourceReport> resources) {

  /**
   * Changes only when a property is removed or changes meaning; readers ignore properties they do
   * not know. Version 2: exact percentiles, mean and standard deviation unrounded, per-second
   * figures, gate kinds, redirect hops, resources per injector, the stored distributions.
   */
  public static final int SCHEMA_VERSION = 2;

  public Summary {
    requests = Lists.copy(requests);
    groups = Lists.copy(groups);
    phases = Lists.copy(phases);
    perSecond = Lists.copy(perSecond);
    errors = Lists.copy(errors);
    explanations = Lists.copy(explanations);
    gates = Lists.copy(gates);
    findings = Lists.copy(findings);
    resources = Lists.copy(resources);
  }

  @JsonProperty("schemaVersion")
  public int schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The same summary with another run description. */
  public Summary withRun(Run other) {
    return new Summary(
        other,
        global,
        measured,
        requests,
        groups,
        phases,
        perSecond,
        errors,
        explanations,
        gates,
        findings,
        apdex,
        baseline,
        verdict,
        capacity,
        resources);
  }

  /** The request of a path as gates name it ("name", or "group/name" inside a group). */
  public Optional<Entry> request(String gatePath) {
    return requests.stream().filter(e -> e.gatePath().equals(gatePath)).findFirst();
  }

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * What ran.
   *
   * @param id the run folder's name, e.g. "trackersimulation-20261123150446734"
   * @param startEpochMillis the run's start
   * @param endEpochMillis its last record
   * @param injectors the injectors whose logs were read: "" for a run of one injector
   * @param warmUpMillis the start of the run left out of {@code measured}
   * @param gatlingReport relative path of Gatling's HTML report from perfgate's folder ("" when
   *     there is none)
   * @param histograms the file holding the run's distributions, relative to perfgate's folder (""
   *     when none was written)
   * @param settings the judging settings the run was given as -Dkey=value (never the target's, the
   *     workload's, the demo's or the live endpoint's): {@code analyze} applies them again
   */
  @JsonPropertyOrder({
    "id",
    "simulation",
    "scenario",
    "environment",
    "target",
    "start",
    "startEpochMillis",
    "end",
    "endEpochMillis",
    "durationMillis",
    "gatlingVersion",
    "injectors",
    "truncated",
    "aborted",
    "abortReason",
    "warmUpMillis",
    "measuredFrom",
    "gatlingReport",
    "histograms",
    "warnings",
    "settings"
  })
  public record Run(
      String id,
      String simulation,
      String scenario,
      String environment,
      String target,
      long startEpochMillis,
      long endEpochMillis,
      String gatlingVersion,
      List<String> injectors,
      boolean truncated,
      boolean aborted,
      Optional<String> abortReason,
      long warmUpMillis,
      String gatlingReport,
      String histograms,
      List<String> warnings,
      Map<String, String> settings) {
    public Run {
      settings = settings == null ? Map.of() : new TreeMap<>(settings);
      environment = environment == null ? "" : environment;
      gatlingReport = gatlingReport == null ? "" : gatlingReport;
      histograms = histograms == null ? "" : histograms;
      abortReason = abortReason == null ? Optional.empty() : abortReason;
      injectors = Lists.copy(injectors);
      warnings = Lists.copy(warnings);
    }

    @JsonProperty("start")
    public String start() {
      return iso(startEpochMillis);
    }

    @JsonProperty("end")
    public String end() {
      return iso(endEpochMillis);
    }

    @JsonProperty("durationMillis")
    public long durationMillis() {
      return endEpochMillis - startEpochMillis;
    }

    /** When the measured window starts. */
    @JsonProperty("measuredFrom")
    public String measuredFrom() {
      return iso(startEpochMillis + warmUpMillis);
    }

    /** The same run, its distributions kept in {@code file} (relative to perfgate's folder). */
    public Run withHistograms(String file) {
      return with(file, warnings);
    }

    /** The same run with more warnings. */
    public Run withWarnings(List<String> more) {
      List<String> all = new java.util.ArrayList<>(warnings);
      all.addAll(more);
      return with(histograms, all);
    }

    private Run with(String histograms, List<String> warnings) {
      return new Run(
          id,
          simulation,
          scenario,
          environment,
          target,
          startEpochMillis,
          endEpochMillis,
          gatlingVersion,
          injectors,
          truncated,
          aborted,
          abortReason,
          warmUpMillis,
          gatlingReport,
          histograms,
          warnings,
          settings);
    }
  }

  /**
   * A request or a group: its path ("triage / clustered-failures"), whole-run and measured figures.
   *
   * @param redirectOf for a redirect hop of a request ("login Redirect 1"), the request's name: its
   *     figures are the hop's own and count in no total
   */
  @JsonPropertyOrder({"name", "group", "path", "redirectOf", "global", "measured"})
  public record Entry(
      String name,
      List<String> groups,
      Figures global,
      Figures measured,
      Optional<String> redirectOf) {
    public Entry {
      groups = Lists.copy(groups);
    }

    /** The enclosing groups as Gatling's report shows them, "outer / inner"; null outside any. */
    @JsonProperty("group")
    public String group() {
      return groups.isEmpty() ? null : String.join(" / ", groups);
    }

    /** The path as Gatling's report shows it: groups and name joined by " / ". */
    @JsonProperty("path")
    public String path() {
      return groups.isEmpty() ? name : String.join(" / ", groups) + " / " + name;
    }

    /** The path as gates name it: "group/name". */
    public String gatePath() {
      return groups.isEmpty() ? name : String.join("/", groups) + "/" + name;
    }

    @JsonIgnore
    public boolean isRedirectHop() {
      return redirectOf.isPresent();
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
      OptionalDouble efficiency) {}

  /**
   * The run compared with its baseline: the saved (pinned) baseline of its simulation, profile and
   * environment, or, without one, the last passing runs of the same three (rolling).
   *
   * @param run the pinned baseline run's id; for a rolling baseline the newest of its runs
   * @param startEpochMillis that run's start
   * @param kind pinned (`baseline save`) or rolling (the last K passing runs of the history)
   * @param description how the verdicts name the baseline: "baseline trackersimulation-…", "the
   *     last 5 runs"
   * @param runs the baseline's runs, oldest first (one for a pinned baseline)
   * @param method how regressions were decided against it, in one sentence
   * @param notes runs left out of the baseline and why, and other caveats
   * @param deltas each figure then (the pinned run's, or the mean of the rolling runs) and now
   */
  @JsonPropertyOrder({
    "run",
    "start",
    "startEpochMillis",
    "kind",
    "description",
    "runs",
    "method",
    "notes",
    "deltas"
  })
  public record BaselineDiff(
      String run,
      long startEpochMillis,
      BaselineKind kind,
      String description,
      List<BaselineRun> runs,
      String method,
      List<String> notes,
      List<Delta> deltas) {
    @JsonCreator
    public BaselineDiff {
      kind = kind == null ? BaselineKind.PINNED : kind;
      description = description == null || description.isBlank() ? "baseline " + run : description;
      runs = Lists.copy(runs);
      method = method == null ? "" : method;
      notes = Lists.copy(notes);
      deltas = Lists.copy(deltas);
    }

    /** A pinned baseline of one run, without a method (figures compared only). */
    public BaselineDiff(String run, long startEpochMillis, List<Delta> deltas) {
      this(
          run,
          startEpochMillis,
          BaselineKind.PINNED,
          "baseline " + run,
          List.of(new BaselineRun(run, startEpochMillis)),
          "",
          List.of(),
          deltas);
    }

    @JsonProperty("start")
    public String start() {
      return iso(startEpochMillis);
    }
  }

  /** Where a baseline comes from. */
  public enum BaselineKind {
    /** The run saved with `baseline save`. */
    PINNED,
    /** The last passing runs of the same simulation, profile and environment in the history. */
    ROLLING
  }

  /** One run of a baseline. */
  @JsonPropertyOrder({"id", "start", "startEpochMillis"})
  public record BaselineRun(String id, long startEpochMillis) {
    @JsonProperty("start")
    public String start() {
      return iso(startEpochMillis);
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
   * @param why for a failing step: the gate it breached, or that the run stopped in it; "" for a
   *     passing one
   */
  public record Step(String name, double level, String unit, double rps, String why) {}
}
