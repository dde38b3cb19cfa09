package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.testing.ProjectCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Gatling JVM that runs out of heap, started from a copy of the project under git: it ends at
 * once rather than limping, and leaves nothing outside results/ (no heap dump in the working
 * directory, which the plugin's default options would write); a heap dump, when asked for, lands in
 * the run's own folder.
 */
class ResultsOnlyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2 GB of zeros, 2 MB on the wire: more than the 256 MB heap holds. */
  static final long BOMB = 2_000_000_000L;

  static final Duration BOUND = Duration.ofSeconds(90);

  static Map<String, String> bombProps(String url, String... extra) {
    Map<String, String> p = new java.util.HashMap<>();
    p.put("perfgate.config", "src/test/resources/it/bomb.conf");
    p.put("scenario", "bomb");
    p.put("target.baseUrl", url);
    p.put("target.maxResponseSize", "off");
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  static List<Path> files(Path dir, String glob) throws Exception {
    var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> matcher.matches(p.getFileName())).toList();
    }
  }

  /** The requests a log holds; an empty log holds none. */
  static long loggedRequests(Path log) throws Exception {
    List<Integer> responseTimes = new ArrayList<>();
    if (Files.size(log) > 0) {
      ShardMergeTest.responseTimes(log, responseTimes);
    }
    return responseTimes.size();
  }

  @Test
  void aHeapDumpWhenAskedForLandsInTheRunsFolderAndNothingElseLeavesResults(@TempDir Path copy)
      throws Exception {
    ProjectCopy.copyWithGit(copy);
    Path results = copy.resolve("results");
    try (FaultServer target = FaultServer.gzipBomb(BOMB, 0)) {
      var run =
          GatlingProcess.exec(
              GatlingProcess.command(
                  GatlingProcess.CONFIGURED,
                  List.of("-Xmx256m"),
                  bombProps(target.url(), "run.heapDump", "true"),
                  results),
              Map.of(),
              copy,
              results,
              BOUND.plusMinutes(1));
      System.out.println(run.output());

      assertEquals(1, run.exitCode(), run.output());
      assertTrue(run.wall().compareTo(BOUND) < 0, "ended in " + run.wall());
      Path dir = run.runDir().orElseThrow();
      // The very first answers exhausted the heap: no request reached Gatling's log (empty, or
      // its run record alone when Gatling closed its writer before the JVM ended), and the
      // verdict comes from the settings and the injector's note alone.
      assertEquals(0, loggedRequests(dir.resolve("simulation.log")));
      JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals("FAIL", summary.path("verdict").asText());
      assertTrue(
          summary
              .path("run")
              .path("abortReason")
              .asText()
              .contains("ran out of heap (256MB at most)"),
          summary.path("run").toString());
      JunitSchema.validate(dir.resolve("perfgate/junit.xml"));
      assertTrue(
          Files.readString(dir.resolve("perfgate/junit.xml")).contains("type=\"Run aborted\""));
      assertTrue(Files.isRegularFile(dir.resolve("perfgate/summary.md")));
      assertTrue(run.output().contains("perfgate FAIL"), run.output());
      List<Path> dumps = files(copy, "*.hprof");
      assertEquals(1, dumps.size(), dumps.toString());
      assertEquals(dir.resolve("perfgate"), dumps.get(0).getParent(), dumps.toString());
      assertEquals("", ProjectCopy.gitStatus(copy), "nothing outside results/");
    }
  }
}
