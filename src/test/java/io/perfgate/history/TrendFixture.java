package io.perfgate.history;

import io.perfgate.baseline.BaselineStore;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A results folder as nightly runs leave it: run folders with their reports, history.jsonl, a saved
 * baseline. Six nights of smoke (default environment, a baseline saved from night 2), two of stress
 * on staging, one damaged line.
 */
final class TrendFixture {
  static final int SMOKE_RUNS = 6;
  static final int STRESS_RUNS = 2;

  private TrendFixture() {}

  static List<Summary> smoke() {
    List<Summary> runs = new ArrayList<>();
    for (int n = 0; n < SMOKE_RUNS; n++) {
      runs.add(Runs.night(n, "smoke", ""));
    }
    return runs;
  }

  static List<Summary> stress() {
    List<Summary> runs = new ArrayList<>();
    for (int n = 0; n < STRESS_RUNS; n++) {
      Summary r = Runs.night(n, "stress", "staging");
      runs.add(
          Runs.report(
              "trackersimulation-stress-" + n,
              r.run().startEpochMillis() + 3_600_000,
              "stress",
              "staging",
              // The second stress run has a request the first lacked.
              n == 0 ? List.of("health", "list-jobs") : List.of("health", "list-jobs", "import"),
              r.verdict(),
              2.0 + n));
    }
    return runs;
  }

  /** Writes the folder; returns the results folder. */
  static Path results(Path dir) throws Exception {
    Path results = dir.resolve("results");
    Path history = results.resolve(History.FILE_NAME);
    List<Summary> all = new ArrayList<>(smoke());
    all.addAll(stress());
    for (Summary r : all) {
      Path run = results.resolve(r.run().id());
      Files.createDirectories(run.resolve("perfgate"));
      Files.writeString(run.resolve("index.html"), "<html>Gatling</html>");
      Files.writeString(run.resolve("perfgate").resolve("index.html"), "<html>perfgate</html>");
      Files.writeString(run.resolve("perfgate").resolve("summary.json"), SummaryCodec.render(r));
    }
    // Stress runs first, out of start order: the page orders by start time, not by line.
    for (Summary r : stress()) {
      History.append(history, Runs.record(r));
    }
    for (int i = 0; i < SMOKE_RUNS; i++) {
      History.append(history, Runs.record(smoke().get(i)));
      if (i == 3) {
        Files.write(
            history,
            "{\"schemaVersion\":1,\"run\":\"cut-".getBytes(StandardCharsets.UTF_8),
            java.nio.file.StandardOpenOption.APPEND);
      }
    }
    // The oldest smoke run's folder was cleaned up since; the newest's Gatling report is not
    // written yet (Gatling writes it after perfgate's after-run work).
    deleteTree(results.resolve(smoke().get(0).run().id()));
    Files.delete(results.resolve(smoke().get(SMOKE_RUNS - 1).run().id()).resolve("index.html"));
    new BaselineStore(results.resolve("baselines"))
        .save(
            results.resolve(smoke().get(2).run().id()).resolve("perfgate").resolve("summary.json"));
    return results;
  }

  static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
