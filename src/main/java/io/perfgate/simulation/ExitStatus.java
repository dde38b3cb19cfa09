package io.perfgate.simulation;

import io.perfgate.summary.GateResult;
import io.perfgate.summary.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place that decides how a Gatling JVM ends once perfgate has judged the run.
 *
 * <p>Gatling calls the simulation's after() once the log is closed, then builds its report,
 * evaluates its assertions on the whole run and exits 0 or 2. perfgate judges the measured window
 * instead, and some of its verdicts are not Gatling assertions at all. Throwing from after() would
 * lose the report, so the verdict is applied from a shutdown hook: it runs when Gatling exits,
 * after the report exists. There it rewrites the report's assertion table to perfgate's results and
 * ends the JVM with perfgate's status: 2 when the verdict is FAIL, else 0. When the report is
 * missing (Gatling failed to build it), Gatling's status stands unless perfgate's verdict is FAIL.
 */
final class ExitStatus {
  /** The status of a run that breached a gate: the same as Gatling's for a failed assertion. */
  static final int FAILED = 2;

  private ExitStatus() {}

  /**
   * @param verdictBlock perfgate's console verdict, printed last so that it follows Gatling's own
   *     summary and whole-run assertion lines
   */
  static void settle(
      Path runDir, List<GateResult> gates, Verdict verdict, String window, String verdictBlock) {
    long judgedAt = System.currentTimeMillis();
    Thread hook =
        new Thread(
            () -> {
              System.out.println();
              System.out.println(
                  "perfgate: Gatling's assertion lines above judge the whole run, warm-up included;"
                      + " perfgate judges the same gates, "
                      + window
                      + ", and sets the exit status.");
              System.out.print(verdictBlock);
              Path index = runDir.resolve("index.html");
              boolean report = reportBuiltSince(index, judgedAt);
              if (!report) {
                System.out.println(
                    "perfgate: Gatling built no HTML report for this run (it builds none when no"
                        + " request completed, or with -Dgatling.noReports=true); perfgate's page is "
                        + runDir
                            .resolve(io.perfgate.pipeline.RunPipeline.FOLDER)
                            .resolve("index.html"));
              }
              if (report) {
                try {
                  if (!GatlingReport.markAssertions(index, gates, window)) {
                    System.err.println(
                        "perfgate: Gatling's assertion table did not match the gates; it is left as Gatling wrote it.");
                  }
                } catch (Exception e) {
                  System.err.println(
                      "perfgate: could not mark Gatling's report with the verdict: "
                          + e.getMessage());
                }
              }
              System.out.flush();
              System.err.flush();
              if (verdict == Verdict.FAIL) {
                Runtime.getRuntime().halt(FAILED);
              } else if (report) {
                Runtime.getRuntime().halt(0);
              }
            },
            "perfgate-exit-status");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private static boolean reportBuiltSince(Path index, long since) {
    try {
      return Files.isRegularFile(index)
          && Files.getLastModifiedTime(index).toMillis() >= since - 1000;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
