package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.testing.ProjectCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, exactly as a newcomer types it, in a fresh copy of the project (so the
 * nested Maven build never touches this build's classes): it passes on the embedded demo service
 * and leaves Gatling's report; and a slowed-down run fails the Maven build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeCommandTest {
  private static final Duration LIMIT = Duration.ofMinutes(6);
  @TempDir static Path copy;

  @BeforeAll
  static void copyProject() throws IOException {
    ProjectCopy.copyTo(copy);
  }

  private static GatlingProcess.Result mvn(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("mvn", "-B", "-f", copy.resolve("pom.xml").toString()));
    cmd.addAll(List.of(args));
    return GatlingProcess.exec(cmd, copy.resolve("results"), LIMIT);
  }

  @Test
  @Order(1)
  void smokeAgainstTheDemoServicePassesAndLeavesTheReport() throws Exception {
    var run = mvn("gatling:test");

    assertEquals(0, run.exitCode(), run.output());
    Path dir =
        run.runDir().orElseThrow(() -> new AssertionError("no run folder:\n" + run.output()));
    assertTrue(Files.size(dir.resolve("simulation.log")) > 0);
    String report = Files.readString(dir.resolve("index.html"));
    assertTrue(report.contains("container_assertions"), "the report has its assertions table");
    assertTrue(report.contains("health: 95th percentile of response time is less than 25.0"));
    assertTrue(run.output().contains("profile smoke (closed model)"), run.output());
    assertTrue(run.output().contains("BUILD SUCCESS"), run.output());
  }

  @Test
  @Order(2)
  void aLatencyFaultFailsTheMavenBuild() throws Exception {
    var run =
        mvn("gatling:test", "-Dscenario=smoke", "-Dscale=0.25", "-Ddemo.faults.latency=300ms");

    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("Gatling simulation assertions failed"), run.output());
    assertTrue(
        run.output().contains("health: 95th percentile of response time is less than 25.0 : false"),
        run.output());
    assertTrue(run.output().contains("BUILD FAILURE"), run.output());
  }

  @Test
  @Order(3)
  void aBreachedResourceGateAloneFailsTheMavenBuildAndKeepsTheReport() throws Exception {
    // The integration-test workload, whose gates a healthy run meets: only the resource gate,
    // judged after the run and never a Gatling assertion, can break.
    var run =
        mvn(
            "gatling:test",
            "-Dgatling.simulationClass=" + GatlingProcess.CONFIGURED,
            "-Dperfgate.config=" + copy.resolve("src/test/resources/it/gates.conf"),
            "-Dscenario=it",
            "-Dsla.resources.maxRss=1MB");

    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("BUILD FAILURE"), run.output());
    assertTrue(
        run.output().contains("Global: 95th percentile of response time is less than 250.0 : true"),
        "Gatling's own assertions hold:\n" + run.output());
    Path dir = latestRun();
    assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling's report is kept");
    String junit = Files.readString(dir.resolve("perfgate/junit.xml"));
    assertEquals(1, junit.split("<failure ", -1).length - 1, "one breached gate:\n" + junit);
    assertTrue(junit.contains("failure message=\"target max rss &lt; 1MB breached"), junit);
    assertTrue(run.output().contains("target max rss < 1MB"), run.output());
  }

  /** The newest run folder: every run folder's name ends in its start time. */
  private static Path latestRun() throws IOException {
    try (var dirs = Files.list(copy.resolve("results"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
          .max(
              java.util.Comparator.comparing(
                  (Path d) -> d.getFileName().toString().replaceFirst(".*-", "")))
          .orElseThrow();
    }
  }
}
