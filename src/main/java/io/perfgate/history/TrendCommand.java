package io.perfgate.history;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line's {@code trend [--results results] [--baselines <folder>]}: rebuilds {@code
 * <results>/trend/index.html} from {@code <results>/history.jsonl}. Exit status as the other
 * commands: 0 done, 1 an error, 64 a usage mistake.
 */
public final class TrendCommand {
  /** The command's line in the command line's usage text, in its two columns. */
  public static final String USAGE =
      String.format(
          Locale.ROOT,
          "%-40s%s",
          "trend [--results results]",
          "rebuild results/trend/index.html from results/history.jsonl");

  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE_STATUS = 64;

  private static final Set<String> OPTIONS = Set.of("results", "baselines");

  private TrendCommand() {}

  /**
   * @param words positional arguments (trend takes none)
   * @param options --key value options: {@code results} (default "results") and {@code baselines}
   *     (default {@code <results>/baselines})
   */
  public static int run(
      Path projectDir,
      List<String> words,
      Map<String, String> options,
      PrintStream out,
      PrintStream err) {
    if (!words.isEmpty() || !OPTIONS.containsAll(options.keySet())) {
      err.println(
          "perfgate: trend takes no arguments besides --results <folder> and --baselines"
              + " <folder>.");
      err.println("usage: perfgate " + USAGE);
      return USAGE_STATUS;
    }
    Path results = projectDir.resolve(options.getOrDefault("results", "results"));
    Path baselines =
        options.containsKey("baselines")
            ? projectDir.resolve(options.get("baselines"))
            : results.resolve("baselines");
    if (!Files.isDirectory(results)) {
      err.println(
          "perfgate: there is no results folder at "
              + results
              + ". Run a profile first (mvn gatling:test), or name the folder with --results.");
      return ERROR;
    }
    TrendPage.Written written;
    try {
      written = TrendPage.rebuild(results, baselines);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("perfgate: could not rebuild the trend page: " + e.getMessage());
      return ERROR;
    }
    for (String warning : written.warnings()) {
      err.println("perfgate: warning: " + warning);
    }
    if (written.runs() == 0) {
      out.println(
          "perfgate: no runs recorded yet in "
              + results.resolve(History.FILE_NAME)
              + " (every run appends one line); "
              + written.page()
              + " says so.");
    } else {
      out.println(
          "perfgate: the trend of "
              + written.runs()
              + (written.runs() == 1 ? " run" : " runs")
              + " is in "
              + written.page());
      Shifts.lines(written.shifts(), written.runs()).forEach(out::println);
    }
    return OK;
  }
}
