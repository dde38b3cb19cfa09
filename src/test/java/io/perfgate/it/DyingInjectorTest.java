package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.results.RunMarker;
import io.perfgate.testing.ProjectCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verdict even when the injector dies: real Gatling JVMs, each started from a copy of the project
 * under git, that run out of heap (under Maven, as a user runs it), are killed with kill -9, or run
 * out of file descriptors. Each leaves summary.json, junit.xml (valid, with the run as an error)
 * and summary.md saying what happened, and nothing outside results/.
 */
class DyingInjectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path copy;

  private Path results() {
    return copy.resolve("results");
  }

  /** The files every finalised run has, checked; returns its summary. */
  private static JsonNode verdictFiles(Path runDir, String says) throws Exception {
    Path perfgate = runDir.resolve("perfgate");
    JsonNode summary = JSON.readTree(perfgate.resolve("summary.json").toFile());
    assertEquals("FAIL", summary.path("verdict").asText(), summary.toString());
    JsonNode run = summary.path("run");
    assertTrue(run.path("aborted").asBoolean(), run.toString());
    assertTrue(run.path("abortReason").asText().contains(says), run.toString());
    Path junit = perfgate.resolve("junit.xml");
    JunitSchema.validate(junit);
    String xml = Files.readString(junit);
    assertTrue(xml.contains("type=\"Run aborted\""), xml);
    assertTrue(xml.contains(says), xml);
    assertTrue(Files.readString(perfgate.resolve("summary.md")).contains(says), "summary.md");
    assertFalse(Files.exists(RunMarker.file(runDir)), "the marker is cleared");
    return summary;
  }

  private static Path onlyRun(Path results) throws Exception {
    try (Stream<Path> s = Files.list(results)) {
      List<Path> runs = s.filter(d -> Files.isRegularFile(d.resolve("simulation.log"))).toList();
      assertEquals(1, runs.size(), runs.toString());
      return runs.get(0);
    }
  }

  @Test
  void outOfHeapUnderMavenTheVerdictComesBeforeMavensFailure() throws Exception {
    ProjectCopy.copyWithGit(copy);
    // 400 good answers (some blocks of log written), then 2 GB of zeros each: past the 256 MB heap.
    try (FaultServer target = FaultServer.gzipBomb(ResultsOnlyTest.BOMB, 400)) {
      List<String> mvn =
          new ArrayList<>(
              List.of(
                  "mvn",
                  "-B",
                  "gatling:test",
                  "-Dgatling.simulationClass=" + GatlingProcess.CONFIGURED,
                  "-Dperfgate.config=src/test/resources/it/bomb.conf",
                  "-Dscenario=late",
                  "-Dtarget.baseUrl=" + target.url(),
                  "-Dtarget.maxResponseSize=off",
                  "-Dperfgate.heap=256m"));
      var run = GatlingProcess.exec(mvn, Map.of(), copy, results(), Duration.ofMinutes(6));
      String out = run.output();
      System.out.println(out);

      assertNotEquals(0, run.exitCode(), out);
      int verdict = out.indexOf("perfgate FAIL");
      int failure = out.indexOf("BUILD FAILURE");
      assertTrue(verdict >= 0 && failure > verdict, "the verdict, then Maven's failure:\n" + out);
      assertTrue(out.replaceAll("[|\\s]+", " ").contains("ran out of heap (256MB at most)"), out);
      Path dir = onlyRun(results());
      JsonNode summary = verdictFiles(dir, "ran out of heap (256MB at most)");
      assertTrue(
          summary.path("global").path("ok").asLong() >= 300, summary.path("global").toString());
      JsonNode ended = JSON.readTree(dir.resolve("perfgate/ended.json").toFile());
      assertEquals("injector-heap", ended.path("cause").asText());
      assertEquals("8 users", ended.path("load").asText());
      assertEquals("", ProjectCopy.gitStatus(copy), "nothing outside results/");
    }
  }

  @Test
  void killedWithSigkillItsWatcherFinalisesItAndAnalyzeSaysTheSame() throws Exception {
    ProjectCopy.copyWithGit(copy);
    try (CountingTarget target = CountingTarget.http()) {
      Path output = copy.resolve("results").resolve("killed.out");
      Process gatling =
          GatlingProcess.start(
              GatlingProcess.command(
                  GatlingProcess.CONFIGURED,
                  InjectorLimitsTest.props(target.url(), "duration", "60s"),
                  results()),
              copy,
              output);
      Path dir;
      try {
        dir = awaitRequests(target, output, Duration.ofSeconds(60));
      } finally {
        gatling.destroyForcibly(); // SIGKILL: no shutdown hook runs
      }
      assertTrue(gatling.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, gatling.exitValue());
      Path summaryFile = dir.resolve("perfgate/summary.json");
      awaitFile(summaryFile, Duration.ofSeconds(90), output);
      awaitGone(RunMarker.file(dir), Duration.ofSeconds(30), output);

      String says = "vanished";
      JsonNode summary = verdictFiles(dir, says);
      assertTrue(
          summary.path("run").path("abortReason").asText().contains("SIGKILL"),
          summary.path("run").toString());
      JsonNode ended = JSON.readTree(dir.resolve("perfgate/ended.json").toFile());
      assertEquals("injector-killed", ended.path("cause").asText());
      assertTrue(summary.path("global").path("count").asLong() > 0);
      String console = Files.readString(output);
      System.out.println(console);
      // Gatling's own report of what the log holds (its reader takes a log cut by a kill), its
      // assertion rows marked with perfgate's verdict, and linked from the summary.
      assertTrue(console.contains("perfgate: Gatling builds its report of what the log holds."));
      assertTrue(Files.isRegularFile(dir.resolve("index.html")), console);
      assertEquals("../index.html", summary.path("run").path("gatlingReport").asText());
      assertTrue(
          Files.readString(dir.resolve("index.html")).contains("&mdash; perfgate, "),
          "the assertion rows carry perfgate's verdict");

      // The next analyze, days later, says the same.
      var again =
          Cli.run(
              "analyze",
              dir.toString(),
              "-Dperfgate.config=src/test/resources/it/limits.conf",
              "--scenario",
              "limits",
              "-Dbaselines=" + results().resolve("baselines"));
      assertEquals(2, again.status(), again.console());
      assertTrue(again.out().replaceAll("[|\\s]+", " ").contains("vanished"), again.out());
      Files.delete(output);
      assertEquals("", ProjectCopy.gitStatus(copy), "nothing outside results/");
    }
  }

  @Test
  void runningOutOfFileDescriptorsEndsWithAVerdictThatNamesIt() throws Exception {
    ProjectCopy.copyWithGit(copy);
    try (CountingTarget target = CountingTarget.http()) {
      var run =
          GatlingProcess.exec(
              InjectorLimitsTest.underOpenFileLimit(
                  InjectorLimitsTest.OPEN_FILES,
                  GatlingProcess.command(
                      GatlingProcess.CONFIGURED,
                      InjectorLimitsTest.props(
                          target.url(), "users", "400", "injector.preflight.beyond", "warn"),
                      results())),
              Map.of(),
              copy,
              results(),
              Duration.ofMinutes(2));
      String out = run.output();
      System.out.println(out);

      assertNotEquals(0, run.exitCode(), out);
      assertTrue(out.contains("perfgate: WARNING: This injector cannot hold the plan"), out);
      assertTrue(out.contains("(injector.preflight.beyond = warn)"), out);
      Path dir = onlyRun(results());
      JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals("FAIL", summary.path("verdict").asText());
      JsonNode why = summary.path("explanations").path(0);
      assertEquals(
          "injector-files", why.path("cause").asText(), summary.path("explanations").toString());
      assertTrue(why.path("text").asText().contains("ran out of file descriptors"));
      JunitSchema.validate(dir.resolve("perfgate/junit.xml"));
      assertTrue(
          out.replaceAll("[|\\s]+", " ")
              .contains(
                  "WHY: the injector (this machine, not the target) ran out of file descriptors"),
          out);
      awaitGone(RunMarker.file(dir), Duration.ofSeconds(30), dir.resolve("perfgate/summary.json"));
      assertEquals("", ProjectCopy.gitStatus(copy), "nothing outside results/");
    }
  }

  /** The run folder, once the target has had a few hundred requests from it. */
  private Path awaitRequests(CountingTarget target, Path output, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Path> run;
      try (Stream<Path> s = Files.list(results())) {
        run = s.filter(d -> Files.isRegularFile(d.resolve("simulation.log"))).findFirst();
      }
      if (run.isPresent()
          && target.requests() > 300
          && Files.size(run.get().resolve("simulation.log")) > 8192) {
        return run.get();
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling interval, not synchronisation
    }
    fail("the run was not under way within " + limit + ":\n" + Files.readString(output));
    return null;
  }

  private static void awaitFile(Path file, Duration limit, Path output) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        fail(file + " did not appear within " + limit + ":\n" + Files.readString(output));
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling interval, not synchronisation
    }
  }

  private static void awaitGone(Path file, Duration limit, Path context) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        fail(file + " is still there after " + limit + " (" + context + ")");
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling interval, not synchronisation
    }
  }
}
