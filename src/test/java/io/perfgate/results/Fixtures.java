package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.fail;

import io.perfgate.simulation.OfflinePreferences;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real simulation.log files written by Gatling itself: two runs of {@link ReaderFixtureSimulation}
 * forked at the same time (two injectors of one test), against one {@link FixtureServer}. Made once
 * per test JVM, on first use, and shared by the test classes.
 */
final class Fixtures {
  /** gatling-maven-plugin's options for the Gatling JVM, plus perfgate's offline preferences. */
  static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx512m",
          "-XX:MaxInlineLevel=20",
          "-XX:MaxTrivialSize=12",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
          OfflinePreferences.JVM_OPTION);

  private static final long LIMIT_SECONDS = 180;

  /** A finished run: its folder (simulation.log, and index.html unless reports were off). */
  record Run(Path dir) {
    Path log() {
      return dir.resolve("simulation.log");
    }

    Path report() {
      return dir.resolve("index.html");
    }
  }

  record Pair(Run a, Run b) {}

  private static Pair pair;

  private Fixtures() {}

  /** Two runs of the fixture simulation that ran at the same time; run a has a report. */
  static synchronized Pair concurrentRuns() throws IOException, InterruptedException {
    if (pair == null) {
      pair = make();
    }
    return pair;
  }

  private static Pair make() throws IOException, InterruptedException {
    Path root = Path.of("target", "results-fixtures");
    Files.createDirectories(root);
    Path work = Files.createTempDirectory(root, "runs-");
    try (FixtureServer server = new FixtureServer()) {
      Process a = start(server.url(), work.resolve("a"), "15", false);
      Process b = start(server.url(), work.resolve("b"), "10", true);
      Run runA = finish(a, work.resolve("a"));
      Run runB = finish(b, work.resolve("b"));
      return new Pair(runA, runB);
    }
  }

  private static Process start(String url, Path results, String rate, boolean noReports)
      throws IOException {
    Files.createDirectories(results);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-cp");
    cmd.add(classpath());
    Map.of("fixture.url", url, "fixture.seconds", "6", "fixture.rate", rate)
        .forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("io.gatling.app.Gatling");
    cmd.add("-s");
    cmd.add(ReaderFixtureSimulation.class.getName());
    cmd.add("-rf");
    cmd.add(results.toString());
    if (noReports) {
      cmd.add("-nr");
    }
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(results.resolve("console.txt").toFile())
        .start();
  }

  private static Run finish(Process p, Path results) throws IOException, InterruptedException {
    Path console = results.resolve("console.txt");
    if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      fail("the fixture run did not end within " + LIMIT_SECONDS + " s:\n" + read(console));
    }
    if (p.exitValue() != 0) {
      fail("the fixture run exited " + p.exitValue() + ":\n" + read(console));
    }
    try (Stream<Path> s = Files.list(results)) {
      Path dir =
          s.filter(Files::isDirectory)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no run folder in " + results));
      return new Run(dir);
    }
  }

  private static String read(Path console) throws IOException {
    return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
  }

  static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }
}
