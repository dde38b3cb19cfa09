package io.perfgate.history;

import io.perfgate.baseline.Baseline;
import io.perfgate.baseline.BaselineException;
import io.perfgate.baseline.BaselineStore;
import io.perfgate.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code results/trend/index.html}: every recorded run, one section per simulation, profile and
 * environment, with charts of the measured p95, p99, error rate and throughput per run (all
 * requests and each request), the last run against the previous one and against the saved baseline,
 * and a table of runs linking to their reports. One self-contained file: uPlot and the data are
 * inlined, so it opens offline and from Jenkins' HTML Publisher.
 */
public final class TrendPage {
  /** The page's folder inside the results folder. */
  public static final String FOLDER = "trend";

  public static final String FILE_NAME = "index.html";

  private TrendPage() {}

  /**
   * What a rebuild did.
   *
   * @param runs the runs on the page
   * @param warnings lines of the history that were skipped and baselines that could not be read
   * @param shifts the change points marked on the page
   */
  public record Written(Path page, int runs, List<String> warnings, List<Shifts.Shift> shifts) {
    public Written {
      warnings = List.copyOf(warnings);
      shifts = List.copyOf(shifts);
    }
  }

  /** The page's path for a results folder: {@code <results>/trend/index.html}. */
  public static Path file(Path resultsDir) {
    return resultsDir.resolve(FOLDER).resolve(FILE_NAME);
  }

  /**
   * Rebuilds the page from {@code <results>/history.jsonl} and the baselines, atomically. Holds the
   * history's shared lock meanwhile, so of two runs finishing at once the page written last shows
   * both. A missing history makes a page that says no run was recorded yet.
   */
  public static Written rebuild(Path resultsDir, Path baselinesDir) throws IOException {
    Path history = resultsDir.resolve(History.FILE_NAME);
    Path page = file(resultsDir);
    // The page names the history as its header does; the console by its path.
    return History.whileReading(
        history,
        History.FILE_NAME,
        read -> {
          List<String> baselineProblems = new ArrayList<>();
          String html =
              render(
                  read.records(),
                  read.warnings(),
                  store(baselinesDir, resultsDir, baselineProblems),
                  relative -> folderOf(resultsDir, relative),
                  History.FILE_NAME,
                  System.currentTimeMillis());
          AtomicFiles.writeString(page, html);
          List<String> warnings = new ArrayList<>();
          for (String w : read.warnings()) {
            warnings.add(history + w.substring(History.FILE_NAME.length()));
          }
          warnings.addAll(baselineProblems);
          int runs = (int) read.records().stream().map(RunRecord::runId).distinct().count();
          return new Written(page, runs, warnings, Shifts.of(read.records()));
        });
  }

  /**
   * Whether the folder of a run's file is still there. Not the file itself: right after a run,
   * Gatling writes its report only once perfgate is done, and the newest run must get its link.
   */
  static boolean folderOf(Path resultsDir, String relative) {
    Path folder = resultsDir.resolve(relative).getParent();
    return folder != null && Files.isDirectory(folder);
  }

  static String render(
      List<RunRecord> records,
      List<String> warnings,
      TrendView.Baselines baselines,
      Predicate<String> present,
      String historyName,
      long now) {
    Map<String, Object> view =
        TrendView.of(records, warnings, baselines, present, historyName, now);
    view.put("uplotVersion", TrendTemplates.uplotVersion());
    view.put("uplotCss", TrendTemplates.uplotCss());
    view.put("uplotJs", TrendTemplates.uplotJs());
    view.put("trendCss", TrendTemplates.inlinable(TrendTemplates.asset("trend.css"), "style"));
    view.put("trendJs", TrendTemplates.inlinable(TrendTemplates.asset("trend.js"), "script"));
    return TrendTemplates.render("trend", view);
  }

  /**
   * The baselines as BaselineStore keeps them, named relative to the results folder when inside it;
   * the problems of those that cannot be read are added to {@code problems}.
   */
  static TrendView.Baselines store(Path baselinesDir, Path resultsDir, List<String> problems) {
    BaselineStore store = new BaselineStore(baselinesDir);
    return new TrendView.Baselines() {
      @Override
      public Optional<Baseline> find(String simulation, String profile, String environment)
          throws BaselineException {
        try {
          return store.load(simulation, profile, environment);
        } catch (BaselineException e) {
          problems.add(e.getMessage());
          throw e;
        }
      }

      @Override
      public String where(String simulation, String profile, String environment) {
        Path file = store.file(simulation, profile, environment).toAbsolutePath().normalize();
        Path results = resultsDir.toAbsolutePath().normalize();
        Path shown =
            file.startsWith(results)
                ? Path.of(results.getFileName().toString()).resolve(results.relativize(file))
                : file;
        return RunRecord.slashes(shown.toString());
      }
    };
  }
}
