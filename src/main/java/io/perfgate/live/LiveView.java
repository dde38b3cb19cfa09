package io.perfgate.live;

import java.util.List;

/**
 * What the live page shows at one moment, copied out of the recorder under its lock so that the
 * JSON is written without holding it. Per-second arrays hold seconds {@code from..to} of the run
 * (index 0 is {@code from}); -1 (percentiles) and NaN (levels) mark a second without a value.
 */
record LiveView(
    Run run,
    long from,
    long to,
    SeriesView all,
    List<SeriesView> requests,
    double[] usersActive,
    double[] usersStarted,
    double[] plannedArrivals,
    double[] cpu,
    InjectorHealth injector,
    List<TargetSample> target,
    List<PhaseSpan> phases,
    StopStanding stop,
    List<GateStanding> gates,
    List<ClassCount> errorClasses,
    List<MessageCount> messages,
    long otherMessages) {

  /**
   * The run's identity and progress; every text is masked.
   *
   * @param state "waiting" (no record yet), "running" or "ended"
   */
  record Run(
      RunLabels labels,
      String target,
      String state,
      String phase,
      long startEpochMillis,
      double elapsedSeconds,
      double plannedSeconds,
      int historySeconds,
      int maxRequests,
      List<ReportLink> reports) {}

  /**
   * One series: per-second arrays, its whole-run totals, and its last {@link SecondRing#RECENT}
   * seconds as one exact window (percentiles -1 when it had no answer there).
   *
   * @param count requests so far, as Gatling's console counts them
   * @param answers requests whose response time the recorder heard: mean, max and percentiles are
   *     theirs
   */
  record SeriesView(
      String name,
      int[] ok,
      int[] ko,
      int[] p50,
      int[] p95,
      int[] p99,
      long count,
      long failed,
      long answers,
      double meanMs,
      int maxMs,
      SecondRing.Second recent) {}

  record ClassCount(String name, long count) {}

  record MessageCount(String message, String errorClass, long count) {}
}
