package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.history.History;
import io.perfgate.results.RunMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Gatling run killed half-way with SIGTERM, as Jenkins kills a build it aborts. Gatling runs
 * no after() then; perfgate's shutdown hook notes that the run was stopped and waits while the
 * run's watcher judges it as cut short. A later {@code analyze} of its folder says the same, and
 * the history and the saved baseline beside it come through whole.
 */
class InterruptedRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "src/test/resources/it/gates.conf";

  @TempDir Path tmp;

  private Cli.Outcome cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("-Dperfgate.config=" + CONFIG);
    all.add("-Dbaselines=" + tmp.resolve("results/baselines"));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void aRunKilledWithSigtermIsAnalysedAsTruncatedAndHistoryAndBaselineSurvive() throws Exception {
    Path results = tmp.resolve("results");
    Path baselines = results.resolve("baselines");

    // A finished run first: it writes the history, and it becomes the baseline.
    var first =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            GateRunTest.props("duration", "3s", "baselines", baselines.toString()),
            results,
            Duration.ofMinutes(2));
    assertTrue(first.exitCode() == 0 || first.exitCode() == 2, first.output());
    Path firstRun = first.runDir().orElseThrow();
    assertFalse(Files.exists(RunMarker.file(firstRun)), "a finished run leaves no marker");
    var saved = cli("baseline", "save", firstRun.toString());
    assertEquals(0, saved.status(), saved.out() + saved.err());
    Path history = results.resolve(History.FILE_NAME);
    Path baseline = onlyFile(baselines);
    byte[] historyBefore = Files.readAllBytes(history);
    byte[] baselineBefore = Files.readAllBytes(baseline);
    assertEquals(1, History.read(history).records().size());

    // A long run, killed once it is well under way.
    Path output = tmp.resolve("killed.out");
    Process gatling =
        GatlingProcess.start(
            GatlingProcess.CONFIGURED,
            GateRunTest.props("duration", "60s", "baselines", baselines.toString()),
            results,
            output);
    Path killedRun;
    try {
      killedRun = awaitUnderWay(results, firstRun, output, Duration.ofSeconds(90));
    } catch (AssertionError | RuntimeException e) {
      gatling.destroyForcibly().waitFor();
      throw e;
    }
    long logBeforeKill = Files.size(killedRun.resolve("simulation.log"));
    long killedAt = System.nanoTime();
    gatling.destroy(); // SIGTERM to the Gatling JVM itself
    if (!gatling.waitFor(30, TimeUnit.SECONDS)) {
      gatling.destroyForcibly().waitFor();
      fail("the Gatling JVM did not end within 30 s of SIGTERM");
    }
    Duration toExit = Duration.ofNanos(System.nanoTime() - killedAt);
    String killedOutput = Files.readString(output);

    // The JVM ended on the signal, with its status; before that, the run's watcher judged it.
    assertEquals(128 + 15, gatling.exitValue(), killedOutput);
    assertTrue(killedOutput.contains("perfgate FAIL"), killedOutput);
    assertTrue(
        killedOutput.replaceAll("[|\\s]+", " ").contains("by a signal (SIGTERM or SIGINT"),
        killedOutput);
    assertTrue(Files.exists(killedRun.resolve("perfgate/summary.json")), "the watcher judged it");
    // Gatling itself ended on the signal without a report; the watcher had it built from the log.
    assertTrue(
        killedOutput.contains("perfgate: Gatling builds its report of what the log holds."),
        killedOutput);
    assertTrue(Files.exists(killedRun.resolve("index.html")), "Gatling's report, built afterwards");
    assertFalse(Files.exists(RunMarker.file(killedRun)), "the watcher cleared the marker");
    JsonNode stopped = JSON.readTree(killedRun.resolve("perfgate/ended.json").toFile());
    assertEquals("injector-stopped", stopped.path("cause").asText(), stopped.toString());
    byte[] historyKilled = Files.readAllBytes(history);
    assertArrayEquals(
        historyBefore,
        Arrays.copyOf(historyKilled, historyBefore.length),
        "the history's earlier lines are byte for byte the same");
    assertEquals(2, History.read(history).records().size());
    assertArrayEquals(baselineBefore, Files.readAllBytes(baseline), "baseline untouched");

    // The next analyze says the run was cut short.
    var analysed = cli("analyze", killedRun.toString(), "--scenario", "it", "-Dduration=60s");
    assertTrue(analysed.status() == 0 || analysed.status() == 2, analysed.out() + analysed.err());
    JsonNode summary = JSON.readTree(killedRun.resolve("perfgate/summary.json").toFile());
    JsonNode run = summary.path("run");
    assertTrue(run.path("truncated").asBoolean(), run.toString());
    assertTrue(
        run.path("abortReason").asText().contains("was stopped"), run.path("abortReason").asText());
    assertTrue(
        summary.path("global").path("count").asLong() > 0, summary.path("global").toString());
    assertTrue(
        run.path("durationMillis").asLong() < 60_000,
        "the figures cover the run up to the kill: " + run.path("durationMillis"));
    assertTrue(analysed.out().contains("The run was cut short"), analysed.out());
    String junit = Files.readString(killedRun.resolve("perfgate/junit.xml"));
    // Aborted by the signal, with the note as the reason; cut short, too.
    assertTrue(junit.contains("type=\"Run aborted\""), junit);
    assertTrue(junit.contains("The run was cut short"), junit);
    JunitSchema.validate(killedRun.resolve("perfgate/junit.xml"));

    // History: the old lines are intact, the killed run is one more whole line for each judgement.
    byte[] historyAfter = Files.readAllBytes(history);
    assertArrayEquals(
        historyKilled,
        Arrays.copyOf(historyAfter, historyKilled.length),
        "the history's earlier lines are byte for byte the same");
    var read = History.read(history);
    assertEquals(List.of(), read.warnings());
    assertEquals(3, read.records().size());
    assertTrue(read.records().get(1).truncated(), "the history marks the killed run truncated");
    assertTrue(read.records().get(2).truncated(), "the history marks the killed run truncated");
    assertArrayEquals(baselineBefore, Files.readAllBytes(baseline), "baseline untouched");

    // A cut-short run cannot become the baseline.
    var refused = cli("baseline", "save", killedRun.toString());
    assertEquals(1, refused.status(), refused.out() + refused.err());
    assertTrue(refused.err().contains("cut short"), refused.err());
    assertArrayEquals(baselineBefore, Files.readAllBytes(baseline), "baseline untouched");

    System.out.printf(
        "killed run: log %d bytes when killed, %d after; exit %d, %.1f s after SIGTERM;"
            + " analyze read %d requests over %d ms; log warnings: %s%n",
        logBeforeKill,
        Files.size(killedRun.resolve("simulation.log")),
        gatling.exitValue(),
        toExit.toMillis() / 1000.0,
        summary.path("global").path("count").asLong(),
        run.path("durationMillis").asLong(),
        run.path("warnings"));
  }

  /**
   * Waits until the new run's folder holds its marker and a log with some thousands of records'
   * worth of bytes (Gatling writes the log in blocks), or fails at the deadline.
   */
  private static Path awaitUnderWay(Path results, Path other, Path output, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Path> run = newRun(results, other);
      if (run.isPresent()
          && Files.exists(RunMarker.file(run.get()))
          && Files.size(run.get().resolve("simulation.log")) > 16 * 1024) {
        return run.get();
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling interval, not synchronisation
    }
    throw new AssertionError(
        "the run was not under way within " + limit + ":\n" + Files.readString(output));
  }

  private static Optional<Path> newRun(Path results, Path other) throws IOException {
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.filter(d -> !d.equals(other))
          .filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
          .findFirst();
    }
  }

  /** The baseline's summary; beside it only the copy of its run's distributions. */
  private static Path onlyFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      List<Path> summaries =
          all.stream()
              .filter(p -> !p.getFileName().toString().endsWith(".histograms.json"))
              .toList();
      assertEquals(1, summaries.size(), all.toString());
      assertEquals(2, all.size(), "the summary and its distributions: " + all);
      return summaries.get(0);
    }
  }
}
