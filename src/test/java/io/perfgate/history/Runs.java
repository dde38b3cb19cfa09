package io.perfgate.history;

import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Hand-built run reports: a nightly series whose latency creeps up run by run. */
final class Runs {
  /** 2026-11-23T15:04:46.734Z */
  static final long START = 1795446286734L;

  static final long DAY = 86_400_000L;

  static final List<String> REQUESTS =
      List.of("health", "list-jobs", "triage / job-detail", "triage / clustered-failures");

  private Runs() {}

  static Figures figures(long count, long ko, long p50, long p95, long p99, double rps) {
    return new Figures(
        count,
        count - ko,
        ko,
        p50 / 4,
        p99 * 2,
        p50 + 3,
        p50 / 2,
        p50,
        (p50 + p95) / 2,
        p95,
        p99,
        p99 + p99 / 4,
        rps);
  }

  /** Night {@code n} (0-based) of a profile: p95 grows by 10 % a night, one error a night. */
  static Summary night(int n, String profile, String environment) {
    return report(
        "trackersimulation-" + (20261123150446734L + n * 1_000_000_000L),
        START + n * DAY,
        profile,
        environment,
        REQUESTS,
        n % 3 == 2 ? Verdict.WARN : Verdict.PASS,
        1.0 + n * 0.1);
  }

  static Summary report(
      String id,
      long start,
      String profile,
      String environment,
      List<String> requests,
      Verdict verdict,
      double slowdown) {
    List<Summary.Entry> entries = new ArrayList<>();
    long total = 0;
    long errors = 0;
    for (int i = 0; i < requests.size(); i++) {
      String path = requests.get(i);
      int slash = path.lastIndexOf(" / ");
      List<String> groups = slash < 0 ? List.of() : List.of(path.substring(0, slash).split(" / "));
      String name = slash < 0 ? path : path.substring(slash + 3);
      long p95 = Math.round((20 + 40 * i) * slowdown);
      long ko = i == requests.size() - 1 ? Math.round((slowdown - 1) * 10) : 0;
      Figures f = figures(500, ko, p95 / 3, p95, p95 * 2, 8.3);
      entries.add(new Summary.Entry(name, groups, f, f, Optional.empty()));
      total += 500;
      errors += ko;
    }
    Figures all =
        figures(
            total,
            errors,
            Math.round(12 * slowdown),
            Math.round(100 * slowdown),
            Math.round(180 * slowdown),
            8.3 * requests.size());
    Summary.Run run =
        new Summary.Run(
            id,
            "TrackerSimulation",
            profile,
            environment,
            "http://127.0.0.1:8080",
            start,
            start + 60_000,
            "3.15.1",
            List.of(),
            false,
            false,
            Optional.empty(),
            5_000,
            "../index.html",
            "",
            List.of(),
            Map.of());
    return new Summary(
        run,
        all,
        all,
        entries,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        verdict,
        Optional.empty(),
        List.of());
  }

  /** A record as a run leaves it, its folder named after its id. */
  static RunRecord record(Summary report) {
    return RunRecord.of(
        report, report.run().id(), Optional.of("0123456789abcdef0123456789abcdef01234567"));
  }
}
