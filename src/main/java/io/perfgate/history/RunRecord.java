package io.perfgate.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as the history keeps it: one line of {@code results/history.jsonl}. The key figures the
 * trend needs, and where the rest is: the run's summary and its distributions.
 *
 * @param runId the run folder's name
 * @param profile the load profile (the {@code scenario} of summary.json)
 * @param environment the environment overlay, "" for none
 * @param commit the commit the run was built from, when known
 * @param startEpochMillis the run's start
 * @param global the whole run, warm-up included
 * @param measured the measured window (what the gates judged)
 * @param requests each request's measured figures, in the run's order (redirect hops left out)
 * @param gatlingReport Gatling's report, relative to the history file's folder ("" when the run has
 *     none, e.g. a merge of several injectors' logs)
 * @param perfgatePage perfgate's page of the run, relative to the history file's folder
 * @param histograms the run's stored distributions, relative to the history file's folder ("" when
 *     the run has none)
 * @param injectors how many injectors' logs the run merges: 1 for a run of one injector (also when
 *     a line written before this was recorded says nothing), N for a `merge` of N shards, whose
 *     load a run of one injector is not compared with
 */
@JsonPropertyOrder({
  "schemaVersion",
  "run",
  "simulation",
  "profile",
  "environment",
  "commit",
  "start",
  "startEpochMillis",
  "durationMillis",
  "truncated",
  "aborted",
  "verdict",
  "global",
  "measured",
  "requests",
  "gatlingReport",
  "perfgatePage",
  "histograms",
  "injectors"
})
public record RunRecord(
    @JsonProperty("run") String runId,
    String simulation,
    String profile,
    String environment,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> commit,
    long startEpochMillis,
    long durationMillis,
    boolean truncated,
    boolean aborted,
    Verdict verdict,
    Figures global,
    Figures measured,
    List<Request> requests,
    String gatlingReport,
    String perfgatePage,
    String histograms,
    int injectors) {
  /** Version 2: full figures (one figure record) and the distributions' file. */
  static final int SCHEMA_VERSION = 2;

  // The layout Publisher writes inside each run folder: results/<run>/perfgate/index.html.
  static final String PERFGATE_FOLDER = "perfgate";
  static final String PERFGATE_PAGE = io.perfgate.publish.RunPage.FILE_NAME;

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @JsonCreator
  public RunRecord {
    Objects.requireNonNull(runId, "run");
    injectors = Math.max(1, injectors);
    requests = requests == null ? List.of() : List.copyOf(requests);
    environment = environment == null ? "" : environment;
    commit = commit == null ? Optional.empty() : commit.filter(c -> !c.isBlank());
    gatlingReport = gatlingReport == null ? "" : gatlingReport;
    perfgatePage = perfgatePage == null ? "" : perfgatePage;
    histograms = histograms == null ? "" : histograms;
  }

  /** A record of a run of one injector. */
  public RunRecord(
      String runId,
      String simulation,
      String profile,
      String environment,
      Optional<String> commit,
      long startEpochMillis,
      long durationMillis,
      boolean truncated,
      boolean aborted,
      Verdict verdict,
      Figures global,
      Figures measured,
      List<Request> requests,
      String gatlingReport,
      String perfgatePage,
      String histograms) {
    this(
        runId,
        simulation,
        profile,
        environment,
        commit,
        startEpochMillis,
        durationMillis,
        truncated,
        aborted,
        verdict,
        global,
        measured,
        requests,
        gatlingReport,
        perfgatePage,
        histograms,
        1);
  }

  @JsonProperty("schemaVersion")
  int schemaVersion() {
    return SCHEMA_VERSION;
  }

  @JsonProperty("start")
  String start() {
    return ISO.format(Instant.ofEpochMilli(startEpochMillis));
  }

  /**
   * One request's measured figures.
   *
   * @param path groups and name as Gatling's report shows them: "triage / clustered-failures"
   */
  public record Request(String path, Figures measured) {}

  /** What the trend draws one set of charts for: simulation, profile and environment. */
  String seriesKey() {
    return simulation + "\u0000" + profile + "\u0000" + environment;
  }

  /**
   * The record of a finished run.
   *
   * @param runDirRelative the run's folder relative to the folder of the history file, e.g.
   *     "trackersimulation-20261123150446734"
   */
  public static RunRecord of(Summary summary, String runDirRelative, Optional<String> commit) {
    Summary.Run run = summary.run();
    String runDir = slashes(runDirRelative);
    List<Request> requests = new ArrayList<>();
    for (Summary.Entry e : summary.requests()) {
      if (!e.isRedirectHop()) {
        requests.add(new Request(e.path(), e.measured()));
      }
    }
    return new RunRecord(
        run.id(),
        run.simulation(),
        run.scenario(),
        run.environment(),
        commit,
        run.startEpochMillis(),
        run.durationMillis(),
        run.truncated(),
        run.aborted(),
        summary.verdict(),
        summary.global(),
        summary.measured(),
        requests,
        inRun(runDir, run.gatlingReport()),
        inRun(runDir, PERFGATE_PAGE),
        inRun(runDir, run.histograms()),
        Math.max(1, run.injectors().size()));
  }

  /** A file of perfgate's folder of a run, relative to the history file's folder; "" for none. */
  private static String inRun(String runDir, String relativeToPerfgateFolder) {
    return relativeToPerfgateFolder.isBlank()
        ? ""
        : slashes(
            Path.of(runDir, PERFGATE_FOLDER, relativeToPerfgateFolder).normalize().toString());
  }

  /** A relative path as a URL path: forward slashes, no trailing one. */
  static String slashes(String path) {
    String s = path.replace('\\', '/');
    while (s.endsWith("/") && s.length() > 1) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
