package io.perfgate.history;

import io.perfgate.summary.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the history does after every run: record it, then rebuild the trend page. */
public final class Trend {
  private Trend() {}

  /**
   * Appends the run to {@code <results>/history.jsonl} and rebuilds {@code
   * <results>/trend/index.html}, where {@code <results>} is the run folder's parent. Never throws:
   * the run's own results are complete without its trend, so a failure is one sentence on {@code
   * err}.
   *
   * @param runDir the run's folder, e.g. results/trackersimulation-20261123150446734
   * @param baselinesDir the saved baselines (the {@code baselines} setting)
   * @return the files written: the history, then the page
   */
  public static List<Path> afterRun(
      Summary report, Path runDir, Path baselinesDir, PrintStream err) {
    Path run = runDir.toAbsolutePath().normalize();
    Path results = run.getParent();
    Path history = results.resolve(History.FILE_NAME);
    List<Path> written = new ArrayList<>();
    try {
      History.append(history, report, run.getFileName().toString());
      written.add(history);
    } catch (IOException | RuntimeException e) {
      err.println(
          "perfgate: could not add this run to the history "
              + history
              + " ("
              + e.getMessage()
              + "). The run's own results are complete; the trend page leaves this run out.");
      return written;
    }
    try {
      TrendPage.Written page = TrendPage.rebuild(results, baselinesDir);
      written.add(page.page());
      if (!page.warnings().isEmpty()) {
        err.println(
            "perfgate: the trend page left out what it could not read ("
                + page.warnings().size()
                + (page.warnings().size() == 1 ? " problem" : " problems")
                + ", listed on the page), e.g.: "
                + page.warnings().get(0));
      }
    } catch (IOException | RuntimeException e) {
      err.println(
          "perfgate: could not rebuild the trend page "
              + TrendPage.file(results)
              + " ("
              + e.getMessage()
              + "). The run is in the history; the `trend` command rebuilds the page.");
    }
    return written;
  }
}
