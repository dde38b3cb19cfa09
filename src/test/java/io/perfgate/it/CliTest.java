package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** perfgate's command line on real runs: analyze, merge, compare, runs, and its errors. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path runA;
  static Path runB;

  /** Two real runs of the integration-test profile, one after the other. */
  @BeforeAll
  static void twoRuns() throws Exception {
    var a =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            GateRunTest.props(),
            tmp.resolve("results"),
            Duration.ofMinutes(2));
    assertEquals(0, a.exitCode(), a.output());
    runA = a.runDir().orElseThrow();
    var b =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            GateRunTest.props("demo.faults.latency", "20ms"),
            tmp.resolve("results-b"),
            Duration.ofMinutes(2));
    assertEquals(0, b.exitCode(), b.output());
    runB = b.runDir().orElseThrow();
  }

  static Cli.Outcome cli(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = "-Dperfgate.config=src/test/resources/it/gates.conf";
    return Cli.run(all);
  }

  @Test
  void analyzeRewritesTheSummaryWithTheSameFigures() throws Exception {
    JsonNode before = JSON.readTree(runA.resolve("perfgate/summary.json").toFile());
    var o = cli("analyze", runA.toString());
    assertEquals(0, o.status(), o.out() + o.err());
    JsonNode after = JSON.readTree(runA.resolve("perfgate/summary.json").toFile());
    assertEquals(before.path("global"), after.path("global"));
    assertEquals(before.path("measured"), after.path("measured"));
    assertEquals("it", after.path("run").path("scenario").asText());
  }

  @Test
  void analyzeJudgesARunByTheSettingsItWasGiven() throws Exception {
    Path copy = tmp.resolve("given");
    copyRun(runA, copy);
    JsonNode before = JSON.readTree(copy.resolve("perfgate/summary.json").toFile());
    assertEquals(
        "src/test/resources/it/gates.conf",
        before.path("run").path("settings").path("perfgate.config").asText(),
        before.path("run").toString());
    // No -D at all: the run's own settings file and profile, not the project's smoke defaults.
    var o = Cli.run("analyze", copy.toString());
    assertEquals(0, o.status(), o.out() + o.err());
    JsonNode after = JSON.readTree(copy.resolve("perfgate/summary.json").toFile());
    assertEquals(before.path("run").path("settings"), after.path("run").path("settings"));
    assertEquals(before.path("run").path("warmUpMillis"), after.path("run").path("warmUpMillis"));
    assertEquals(names(before.path("gates")), names(after.path("gates")));
    assertEquals(before.path("measured"), after.path("measured"));
  }

  private static List<String> names(JsonNode gates) {
    return java.util.stream.StreamSupport.stream(gates.spliterator(), false)
        .map(g -> g.path("name").asText())
        .toList();
  }

  @Test
  void theLauncherAnswersABreachedGateWithExitTwoAndTheVerdictBlockOnly() throws Exception {
    Path copy = tmp.resolve("breached");
    copyRun(runB, copy);
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "src/perfgate",
                "analyze",
                copy.toString(),
                "-Dperfgate.config=src/test/resources/it/strict.conf")
            .redirectErrorStream(true);
    Process p = pb.start();
    String console;
    try (var in = p.getInputStream()) {
      console = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), console);
    assertEquals(2, p.exitValue(), console);
    assertTrue(console.contains("perfgate FAIL"), console);
    assertTrue(console.contains("global p95 < 1ms"), console);
    for (String noise : List.of("[INFO]", "[ERROR]", "BUILD", "Exception", "\tat ")) {
      assertFalse(console.contains(noise), "'" + noise + "' in:\n" + console);
    }
    JsonNode s = JSON.readTree(copy.resolve("perfgate/summary.json").toFile());
    assertEquals("FAIL", s.path("verdict").asText());
  }

  /** A copy of a run's log and perfgate folder, so that a test can judge it its own way. */
  private static void copyRun(Path run, Path to) throws Exception {
    Files.createDirectories(to.resolve("perfgate"));
    Files.copy(run.resolve("simulation.log"), to.resolve("simulation.log"));
    Files.copy(run.resolve("perfgate/summary.json"), to.resolve("perfgate/summary.json"));
  }

  @Test
  void aLogCutMidRecordGivesATruncatedSummaryWithAWarning() throws Exception {
    byte[] log = Files.readAllBytes(runA.resolve("simulation.log"));
    // Two cuts a byte apart: a record is longer than a byte, so at least one falls inside one
    // (a cut that happens to fall between two records leaves a shorter, whole log).
    Path dir = null;
    Cli.Outcome o = null;
    JsonNode s = null;
    for (int extra = 3;
        extra <= 4 && (s == null || !s.path("run").path("truncated").asBoolean());
        extra++) {
      dir = tmp.resolve("cut-" + extra);
      Files.createDirectories(dir);
      Files.write(dir.resolve("simulation.log"), Arrays.copyOf(log, log.length * 2 / 3 + extra));
      o = cli("analyze", dir.toString());
      assertTrue(o.status() == 0 || o.status() == 2, o.out() + o.err());
      s = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
    }
    assertTrue(s.path("run").path("truncated").asBoolean(), s.path("run").toString());
    assertTrue(
        s.path("run").path("warnings").toString().contains("byte"), s.path("run").toString());
    long whole =
        JSON.readTree(runA.resolve("perfgate/summary.json").toFile())
            .path("global")
            .path("count")
            .asLong();
    long cut = s.path("global").path("count").asLong();
    assertTrue(cut > 0 && cut < whole, cut + " of " + whole);
    assertTrue(o.out().contains("truncated") || o.out().contains("Truncated"), o.out());
  }

  @Test
  void aLogOfAnotherGatlingVersionIsRefusedClearly() throws Exception {
    Path dir = tmp.resolve("other-version");
    Files.createDirectories(dir);
    byte[] log = Files.readAllBytes(runA.resolve("simulation.log"));
    String text = new String(log, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("3.15.1");
    assertTrue(at > 0);
    log[at + 2] = '9';
    Files.write(dir.resolve("simulation.log"), log);
    var o = cli("analyze", dir.toString());
    assertEquals(1, o.status(), o.out() + o.err());
    assertTrue(o.err().contains("3.95.1") && o.err().contains("3.15.1"), o.err());
    assertFalse(o.err().contains("\tat "), o.err());
  }

  @Test
  void aFileThatIsNotALogIsRefusedClearly() throws Exception {
    Path dir = tmp.resolve("not-a-log");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("simulation.log"), "this is not a Gatling log\n");
    var o = cli("analyze", dir.toString());
    assertEquals(1, o.status(), o.out() + o.err());
    assertTrue(o.err().contains("simulation.log"), o.err());
    assertFalse(o.err().contains("\tat "), o.err());
  }

  @Test
  void mergeAddsUpTheInjectorsLogs() throws Exception {
    Path out = tmp.resolve("merged");
    var o =
        cli(
            "merge",
            runA.resolve("simulation.log").toString(),
            runB.resolve("simulation.log").toString(),
            "--out",
            out.toString());
    assertTrue(o.status() == 0 || o.status() == 2, o.out() + o.err());
    long a =
        JSON.readTree(runA.resolve("perfgate/summary.json").toFile())
            .path("global")
            .path("count")
            .asLong();
    long b =
        JSON.readTree(runB.resolve("perfgate/summary.json").toFile())
            .path("global")
            .path("count")
            .asLong();
    JsonNode merged = JSON.readTree(out.resolve("perfgate/summary.json").toFile());
    assertEquals(a + b, merged.path("global").path("count").asLong());
    assertTrue(merged.path("gates").size() > 0);
    assertTrue(Files.isRegularFile(out.resolve("perfgate/junit.xml")));
  }

  @Test
  void compareShowsBothRunsAndWritesAPage() {
    var o = cli("compare", runA.toString(), runB.toString());
    assertEquals(0, o.status(), o.out() + o.err());
    assertTrue(o.out().contains(runA.getFileName().toString()), o.out());
    assertTrue(o.out().contains("p95"), o.out());
    assertTrue(o.out().contains("comparison page: "), o.out());
    Path page = Path.of(o.out().substring(o.out().indexOf("comparison page: ") + 17).trim());
    assertTrue(Files.isRegularFile(page));
  }

  @Test
  void factsGiveScriptsTheVerdictAndTheMeasuredFigures() throws Exception {
    JsonNode summary = JSON.readTree(runA.resolve("perfgate/summary.json").toFile());
    var o = cli("facts", runA.toString());
    assertEquals(0, o.status(), o.out() + o.err());
    List<String> lines = Arrays.asList(o.out().split("\n"));
    assertTrue(lines.contains("verdict=" + summary.path("verdict").asText()), o.out());
    assertTrue(lines.contains("p95=" + summary.at("/measured/p95").asLong()), o.out());
    assertTrue(lines.contains("p99=" + summary.at("/measured/p99").asLong()), o.out());
    long regressionGates = 0;
    for (JsonNode g : summary.path("gates")) {
      if (g.path("kind").asText().equals("regression") && !g.path("note").asText().isEmpty()) {
        regressionGates++;
      }
    }
    assertEquals(
        regressionGates, lines.stream().filter(l -> l.startsWith("regression=")).count(), o.out());
  }

  @Test
  void runsListsPastRunsWithTheirVerdicts() {
    var o = cli("runs", "--results", runA.getParent().toString());
    assertEquals(0, o.status(), o.out() + o.err());
    assertTrue(o.out().contains(runA.getFileName().toString()), o.out());
    assertTrue(o.out().contains("PASS") || o.out().contains("WARN"), o.out());
    // The history's change points end the list; two runs cannot have one yet.
    assertTrue(
        o.out()
            .contains(
                "Change points: none yet (a series needs 6 runs before a shift can be found)."),
        o.out());
  }

  @Test
  void usageMistakesExplainThemselves() {
    var unknown = cli("analyse-this");
    assertEquals(64, unknown.status());
    assertTrue(unknown.err().contains("unknown command 'analyse-this'"), unknown.err());
    assertTrue(unknown.err().contains("usage: src/perfgate"), unknown.err());
    var missing = cli("compare", runA.toString());
    assertEquals(64, missing.status());
    assertTrue(missing.err().contains("compare takes two runs"), missing.err());
    var outside = cli("merge", runA.resolve("simulation.log").toString(), "--out", "merged-here");
    assertEquals(64, outside.status(), outside.out() + outside.err());
    assertTrue(outside.err().contains("outside results/"), outside.err());
    assertFalse(Files.exists(Path.of("merged-here")), "nothing written outside results/");
    var noLog = cli("analyze", tmp.resolve("nowhere").toString());
    assertEquals(1, noLog.status());
    assertTrue(noLog.err().contains("there is no simulation.log"), noLog.err());
  }
}
