package io.perfgate.pipeline;

import io.perfgate.analysis.RegressionBaseline;
import io.perfgate.analysis.RunSeconds;
import io.perfgate.baseline.Baseline;
import io.perfgate.history.History;
import io.perfgate.history.RunRecord;
import io.perfgate.results.HistogramFile;
import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a run's regression baseline on disk: the saved baseline with its copy of the saved run's
 * distributions, or, without a saved baseline, the last passing runs of the same simulation,
 * profile and environment in {@code results/history.jsonl} with their distributions files.
 */
final class RegressionSources {
  private RegressionSources() {}

  /**
   * The source for one run.
   *
   * @param resultsDir the folder holding the history (the run folder's parent)
   */
  static RegressionBaseline.Source of(
      RunGates gates,
      String simulation,
      String scenario,
      String environment,
      int injectors,
      Path resultsDir) {
    if (!gates.limits().enabled()) {
      return RegressionBaseline.Source.NONE;
    }
    int k = gates.limits().runs();
    if (gates.baseline().isPresent()) {
      RegressionBaseline pinned = pinned(gates.baseline().get());
      if (k < 2 || !pinned.hasSeconds()) {
        return (runId, start) -> Optional.of(pinned);
      }
      // The recent passing runs, whose spread a regression against the pinned run must exceed.
      return (runId, start) -> {
        RegressionBaseline recent =
            rolling(resultsDir, simulation, scenario, environment, injectors, runId, start, k);
        if (recent.runs().size() < 2) {
          return Optional.of(pinned);
        }
        return Optional.of(
            pinned.withRecent(
                recent.runs(),
                List.of(
                    "A regression against the baseline must also lie beyond the spread of "
                        + recent.description()
                        + ": "
                        + String.join(
                            ", ", recent.runs().stream().map(RegressionBaseline.Run::id).toList())
                        + ".")));
      };
    }
    if (k == 0) {
      return RegressionBaseline.Source.NONE;
    }
    return (runId, start) ->
        Optional.of(
            rolling(resultsDir, simulation, scenario, environment, injectors, runId, start, k));
  }

  static RegressionBaseline pinned(Baseline b) {
    Summary s = b.summary();
    List<String> notes = new ArrayList<>();
    Optional<MeasuredSeconds> seconds = Optional.empty();
    Optional<Path> file = b.histograms();
    if (file.isEmpty()) {
      notes.add(
          "The saved baseline "
              + b.file()
              + " has no copy of its run's distributions (saved before perfgate kept them): it is"
              + " judged on its figures against fixed limits. Save it again with `baseline save`"
              + " to judge against the noise.");
    } else {
      try {
        seconds = RunSeconds.measured(HistogramFile.read(file.get()), s.run().durationMillis());
      } catch (IOException e) {
        notes.add(
            "The baseline's distributions cannot be read ("
                + e.getMessage()
                + "): it is judged on its figures against fixed limits.");
      }
    }
    Map<String, Figures> requests = new LinkedHashMap<>();
    s.requests().stream()
        .filter(e -> !e.isRedirectHop())
        .forEach(e -> requests.put(e.path(), e.measured()));
    return new RegressionBaseline(
        Summary.BaselineKind.PINNED,
        "baseline " + b.runId(),
        "baseline " + b.runId() + " (" + b.file() + ")",
        List.of(
            new RegressionBaseline.Run(
                b.runId(), s.run().startEpochMillis(), s.measured(), requests, seconds)),
        notes);
  }

  /**
   * The last {@code k} runs before {@code start} of the same simulation, profile and environment
   * and the same number of injectors (a merged run carries the load of all its shards) that passed
   * (PASS or WARN), were neither cut short nor aborted, and kept readable distributions; a run
   * whose distributions are missing or damaged is left out with a note, and an earlier one taken
   * instead.
   */
  static RegressionBaseline rolling(
      Path resultsDir,
      String simulation,
      String scenario,
      String environment,
      int injectors,
      String runId,
      long start,
      int k) {
    Path historyFile = resultsDir.resolve(History.FILE_NAME);
    List<String> notes = new ArrayList<>();
    List<RunRecord> records;
    try {
      records = History.read(historyFile).records();
    } catch (IOException e) {
      records = List.of();
      notes.add("The history " + historyFile + " cannot be read (" + e.getMessage() + ").");
    }
    // A run analysed again is recorded again: its last record counts.
    Map<String, RunRecord> byId = new LinkedHashMap<>();
    for (RunRecord r : records) {
      byId.remove(r.runId());
      byId.put(r.runId(), r);
    }
    List<RunRecord> candidates =
        byId.values().stream()
            .filter(r -> r.simulation().equals(simulation))
            .filter(r -> r.profile().equals(scenario))
            .filter(r -> r.environment().equals(environment))
            .filter(r -> r.injectors() == Math.max(1, injectors))
            .filter(r -> !r.runId().equals(runId) && r.startEpochMillis() < start)
            .filter(r -> r.verdict() == Verdict.PASS || r.verdict() == Verdict.WARN)
            .filter(r -> !r.truncated() && !r.aborted())
            .sorted(Comparator.comparingLong(RunRecord::startEpochMillis).reversed())
            .toList();
    List<RegressionBaseline.Run> runs = new ArrayList<>();
    for (RunRecord r : candidates) {
      if (runs.size() == k) {
        break;
      }
      Optional<MeasuredSeconds> seconds = seconds(resultsDir, r, notes);
      if (seconds.isEmpty()) {
        continue;
      }
      Map<String, Figures> requests = new LinkedHashMap<>();
      r.requests().forEach(q -> requests.put(q.path(), q.measured()));
      runs.add(
          new RegressionBaseline.Run(
              r.runId(), r.startEpochMillis(), r.measured(), requests, seconds));
    }
    runs.sort(Comparator.comparingLong(RegressionBaseline.Run::startEpochMillis));
    String description =
        switch (runs.size()) {
          case 0 -> "no earlier run";
          case 1 -> "the last run";
          default -> "the last " + runs.size() + " runs";
        };
    return new RegressionBaseline(
        Summary.BaselineKind.ROLLING,
        description,
        "the last passing runs (at most "
            + k
            + ") of "
            + simulation
            + ", profile "
            + scenario
            + (environment.isEmpty() ? "" : ", environment " + environment)
            + " in "
            + historyFile,
        runs,
        notes);
  }

  private static Optional<MeasuredSeconds> seconds(
      Path resultsDir, RunRecord r, List<String> notes) {
    if (r.histograms().isBlank()) {
      notes.add("Run " + r.runId() + " was left out: it kept no distributions.");
      return Optional.empty();
    }
    Path file = resultsDir.resolve(r.histograms());
    if (!Files.isRegularFile(file)) {
      notes.add("Run " + r.runId() + " was left out: its distributions " + file + " are gone.");
      return Optional.empty();
    }
    try {
      Optional<MeasuredSeconds> s =
          RunSeconds.measured(HistogramFile.read(file), r.durationMillis());
      if (s.isEmpty()) {
        notes.add("Run " + r.runId() + " was left out: " + file + " has no measured window.");
      }
      return s;
    } catch (IOException e) {
      notes.add("Run " + r.runId() + " was left out: " + e.getMessage());
      return Optional.empty();
    }
  }
}
