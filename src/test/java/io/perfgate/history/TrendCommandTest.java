package io.perfgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Summary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int trend(List<String> words, Map<String, String> options) {
    return TrendCommand.run(
        dir,
        words,
        options,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rebuildsThePageFromTheHistory() throws Exception {
    Path results = TrendFixture.results(dir);

    assertEquals(0, trend(List.of(), Map.of()));

    assertTrue(Files.isRegularFile(results.resolve("trend").resolve("index.html")));
    assertTrue(out().contains("the trend of 8 runs is in " + TrendPage.file(results)), out());
    assertTrue(
        err().contains("perfgate: warning: " + results.resolve(History.FILE_NAME) + " line 7 "),
        err());
  }

  @Test
  void listsTheChangePointsOfTheHistory() throws Exception {
    Path history = dir.resolve("results").resolve(History.FILE_NAME);
    List<RunRecord> records = ShiftsTest.history(6, ShiftsTest.STEP_AT, 0.25);
    for (RunRecord r : records) {
      History.append(history, r);
    }
    Shifts.Shift p95 =
        Shifts.of(records).stream()
            .filter(s -> s.subject().equals(Shifts.ALL) && s.figure() == Shifts.Figure.P95)
            .findFirst()
            .orElseThrow();

    assertEquals(0, trend(List.of(), Map.of()));

    assertTrue(out().contains("Change points (E-divisive means, p < 0.01):\n"), out());
    assertTrue(out().contains("  smoke profile, default environment, TrackerSimulation\n"), out());
    assertTrue(out().contains("    " + p95.describe() + "\n"), out());
    assertTrue(p95.describe().contains("from run #" + p95.number() + " run-" + p95.number()));
    assertTrue(p95.describe().endsWith("(commit c0ffee" + p95.number() + ")"), p95.describe());
  }

  @Test
  void readsAnotherResultsFolderWhenTold() throws Exception {
    TrendFixture.results(dir.resolve("nightly"));

    assertEquals(0, trend(List.of(), Map.of("results", "nightly/results")));

    assertTrue(Files.isRegularFile(dir.resolve("nightly/results/trend/index.html")));
  }

  @Test
  void anEmptyResultsFolderGetsAPageThatSaysNoRunsYet() throws Exception {
    Files.createDirectories(dir.resolve("results"));

    assertEquals(0, trend(List.of(), Map.of()));

    assertTrue(out().contains("no runs recorded yet"), out());
    assertTrue(
        Files.readString(dir.resolve("results/trend/index.html")).contains("No runs recorded yet"));
  }

  @Test
  void aMissingResultsFolderIsAnError() {
    assertEquals(1, trend(List.of(), Map.of()));
    assertTrue(err().contains("there is no results folder at"), err());
  }

  @Test
  void unknownArgumentsAreAUsageMistake() {
    assertEquals(64, trend(List.of("results"), Map.of()));
    assertEquals(64, trend(List.of(), Map.of("scenario", "smoke")));
    assertTrue(err().contains("usage: perfgate trend [--results results]"), err());
  }

  @Test
  void afterARunTheHistoryAndThePageHaveIt() throws Exception {
    Path results = dir.resolve("results");
    Summary first = Runs.night(0, "smoke", "");
    Summary second = Runs.night(1, "smoke", "");
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    List<Path> a =
        Trend.afterRun(
            first, results.resolve(first.run().id()), results.resolve("baselines"), errStream);
    List<Path> b =
        Trend.afterRun(
            second, results.resolve(second.run().id()), results.resolve("baselines"), errStream);

    Path history = results.resolve(History.FILE_NAME).toAbsolutePath();
    Path page = TrendPage.file(results.toAbsolutePath());
    assertEquals(List.of(history, page), a);
    assertEquals(List.of(history, page), b);
    assertEquals("", err());
    List<RunRecord> records = History.read(history).records();
    assertEquals(2, records.size());
    assertEquals(second.run().id() + "/index.html", records.get(1).gatlingReport());
    assertTrue(Files.readString(page).contains("2 runs of 1 profile"));
  }

  @Test
  void afterARunAFailureIsASentenceNeverAnException() throws Exception {
    Path results = dir.resolve("results");
    // A folder where the history file should be: nothing can be appended.
    Files.createDirectories(results.resolve(History.FILE_NAME));
    Summary run = Runs.night(0, "smoke", "");

    List<Path> written =
        Trend.afterRun(
            run,
            results.resolve(run.run().id()),
            results.resolve("baselines"),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(List.of(), written);
    assertTrue(err().startsWith("perfgate: could not add this run to the history "), err());
  }

  @Test
  void aPageThatCannotBeWrittenLeavesTheHistoryRecorded() throws Exception {
    Path results = dir.resolve("results");
    // A non-empty folder where the page should be: the rename over it fails.
    Files.createDirectories(results.resolve("trend/index.html/x"));
    Summary run = Runs.night(0, "smoke", "");

    List<Path> written =
        Trend.afterRun(
            run,
            results.resolve(run.run().id()),
            results.resolve("baselines"),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(List.of(results.resolve(History.FILE_NAME).toAbsolutePath()), written);
    assertTrue(err().startsWith("perfgate: could not rebuild the trend page "), err());
    assertEquals(1, History.read(results.resolve(History.FILE_NAME)).records().size());
    try (var leftovers = Files.list(results.resolve("trend"))) {
      assertEquals(List.of("index.html"), leftovers.map(p -> p.getFileName().toString()).toList());
    }
  }
}
