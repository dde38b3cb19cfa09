package io.perfgate.history;

import io.perfgate.analysis.Figures;
import io.perfgate.analysis.RunReport;
import io.perfgate.analysis.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run as the history keeps it: one line of {@code results/history.jsonl}. Only the key figures
 * the trend needs; the run's summary.json keeps the rest.
 *
 * @param runId the run folder's name
 * @param profile the load profile (the {@code scenario} of summary.json)
 * @param environment the environment overlay, "" for none
 * @param commit the commit the run was built from, when known
 * @param start epoch milliseconds of the run's start
 * @param global key figures of the whole run, warm-up included (Gatling's report)
 * @param measured key figures of the measured window (what the gates judged)
 * @param requests measured key figures per request, in the run's order
 * @param gatlingReport Gatling's report, relative to the history file's folder ("" when the run has
 *     none, e.g. a merge of several injectors' logs)
 * @param perfgatePage perfgate's page of the run, relative to the history file's folder
 */
public record RunRecord(
    String runId,
    String simulation,
    String profile,
    String environment,
    Optional<String> commit,
    long start,
    long durationMillis,
    boolean truncated,
    boolean aborted,
    Verdict verdict,
    KeyFigures global,
    KeyFigures measured,
    List<RequestFigures> requests,
    String gatlingReport,
    String perfgatePage) {
  // The layout Publisher writes inside each run folder: results/<run>/perfgate/index.html.
  static final String PERFGATE_FOLDER = "perfgate";
  static final String PERFGATE_PAGE = io.perfgate.publish.RunPage.FILE_NAME;

  public RunRecord {
    requests = List.copyOf(requests);
  }

  /**
   * Figures of all requests over one window. Percentiles in milliseconds; {@code errorPercent} and
   * {@code rps} are NaN when unknown.
   */
  public record KeyFigures(
      long count, long p50, long p95, long p99, double errorPercent, double rps) {
    static KeyFigures of(Figures f) {
      return new KeyFigures(f.count(), f.p50(), f.p95(), f.p99(), f.errorPercent(), f.rps());
    }
  }

  /**
   * One request's measured figures.
   *
   * @param path groups and name as Gatling's report shows them: "triage / clustered-failures"
   */
  public record RequestFigures(
      String path, long count, long p95, long p99, double errorPercent, double rps) {}

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
  public static RunRecord of(RunReport report, String runDirRelative, Optional<String> commit) {
    RunReport.Run run = report.run();
    String runDir = slashes(runDirRelative);
    List<RequestFigures> requests = new ArrayList<>();
    for (RunReport.Entry e : report.requests()) {
      Figures m = e.measured();
      requests.add(
          new RequestFigures(e.path(), m.count(), m.p95(), m.p99(), m.errorPercent(), m.rps()));
    }
    String gatling =
        run.gatlingReport().isBlank()
            ? ""
            : slashes(Path.of(runDir, PERFGATE_FOLDER, run.gatlingReport()).normalize().toString());
    return new RunRecord(
        run.id(),
        run.simulation(),
        run.scenario(),
        run.environment(),
        commit,
        run.start(),
        run.end() - run.start(),
        run.truncated(),
        run.aborted(),
        report.verdict(),
        KeyFigures.of(report.global()),
        KeyFigures.of(report.measured()),
        requests,
        gatling,
        slashes(Path.of(runDir, PERFGATE_FOLDER, PERFGATE_PAGE).normalize().toString()));
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
