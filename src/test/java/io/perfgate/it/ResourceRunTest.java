package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.demo.DataSize;
import io.perfgate.demo.DemoOptions;
import io.perfgate.demo.DemoService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs whose resources are sampled: a target that leaks a known amount per request is judged
 * leaking at about that rate and fails the run, the same target without the leak passes, and an
 * injector starved of heap and cores is named as the run's bottleneck.
 */
class ResourceRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONF = "src/test/resources/it/resources.conf";
  private static final long LEAK_BYTES = 64 * 1024;

  private static Map<String, String> soak(DemoProcess demo) {
    Map<String, String> p = new HashMap<>();
    p.put("perfgate.config", CONF);
    p.put("scenario", "soak");
    p.put("target.baseUrl", demo.url());
    p.put("target.monitor.process.pid", Long.toString(demo.pid()));
    return p;
  }

  private static JsonNode summary(GatlingProcess.Result run) throws Exception {
    Path dir = run.runDir().orElseThrow(() -> new AssertionError("no run:\n" + run.output()));
    return JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
  }

  @Test
  void aLeakingTargetIsJudgedLeakingAtTheKnownRateAndFailsTheRun(@TempDir Path results)
      throws Exception {
    try (DemoProcess demo = DemoProcess.start("--leak", "64KB")) {
      demo.warm(Duration.ofSeconds(3));
      var run = GatlingProcess.run(GatlingProcess.CONFIGURED, soak(demo), results, LIMIT);

      assertEquals(2, run.exitCode(), run.output());
      JsonNode s = summary(run);
      JsonNode target = s.path("resources").path(0).path("target");
      assertTrue(target.path("leak").path("leaking").asBoolean(), target.toString());
      // Every request keeps 64 KB, so memory grows by 64 KB times the measured request rate.
      double known =
          LEAK_BYTES / (1024.0 * 1024.0) * s.path("measured").path("rps").asDouble() * 60;
      double growth = target.path("memoryGrowthMbPerMin").asDouble();
      System.out.printf(
          "leak run: growth %.1f MB/min (R2 %.3f), known rate %.1f MB/min at %.1f req/s%n",
          growth,
          target.path("memoryFit").asDouble(),
          known,
          s.path("measured").path("rps").asDouble());
      assertTrue(
          Math.abs(growth - known) <= 0.3 * known,
          "growth " + growth + " MB/min, known rate " + known + " MB/min: " + target);
      assertTrue(target.path("memoryFit").asDouble() >= 0.8, target.toString());
      assertEquals("target rss", target.path("memorySource").asText());

      JsonNode gate = gate(s, "target memory growth < 10MB/min");
      assertFalse(gate.path("passed").asBoolean(), gate.toString());
      assertEquals("resources", gate.path("scope").asText());
      Path dir = run.runDir().orElseThrow();
      assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling's report is kept");
      String junit = Files.readString(dir.resolve("perfgate/junit.xml"));
      assertTrue(
          junit.contains("failure message=\"target memory growth &lt; 10MB/min breached"), junit);
      assertTrue(run.output().contains("the target leaks memory"), run.output());
      assertTrue(Files.readString(dir.resolve("perfgate/index.html")).contains("Resources"));

      // Analysed again, the run is judged from its saved samples the same way...
      assertEquals(2, analyze(dir), "the leak gate breaks again");
      JsonNode again = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals(
          growth,
          again.path("resources").path(0).path("target").path("memoryGrowthMbPerMin").asDouble(),
          1e-9);
      // ...and a run without samples (an older perfgate's) is analysed without resources.
      Files.delete(dir.resolve("perfgate/resources.json"));
      assertEquals(0, analyze(dir));
      JsonNode old = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals(0, old.path("resources").size(), old.toString());
    }
  }

  private static int analyze(Path dir) {
    return Cli.run("analyze", dir.toString(), "-Dperfgate.config=" + CONF).status();
  }

  @Test
  void theSameTargetWithoutTheLeakIsNotLeakingAndTheInjectorIsNotBlamed(@TempDir Path results)
      throws Exception {
    try (DemoProcess demo = DemoProcess.start()) {
      demo.warm(Duration.ofSeconds(3));
      var run = GatlingProcess.run(GatlingProcess.CONFIGURED, soak(demo), results, LIMIT);

      assertEquals(0, run.exitCode(), run.output());
      JsonNode s = summary(run);
      JsonNode target = s.path("resources").path(0).path("target");
      assertFalse(target.path("leak").path("leaking").asBoolean(), target.toString());
      assertTrue(target.path("leak").path("judged").asBoolean(), target.toString());
      // What the leak would have added at this request rate; a healthy target stays far below.
      double leakRate =
          LEAK_BYTES / (1024.0 * 1024.0) * s.path("measured").path("rps").asDouble() * 60;
      System.out.printf(
          "no-leak run: growth %.1f MB/min (R2 %.3f), the leak would add %.1f MB/min%n",
          target.path("memoryGrowthMbPerMin").asDouble(),
          target.path("memoryFit").asDouble(),
          leakRate);
      assertTrue(
          target.path("memoryGrowthMbPerMin").asDouble() < 0.2 * leakRate, target.toString());
      assertTrue(gate(s, "target memory growth < 10MB/min").path("passed").asBoolean());
      assertTrue(target.path("peakRssMb").asDouble() > 256, "the pre-touched heap is resident");
      assertTrue(target.path("avgCpuPercent").asDouble() > 0, target.toString());
      JsonNode injector = s.path("resources").path(0).path("injectorFigures");
      assertTrue(injector.path("bound").isNull(), injector.toString());
      assertFalse(run.output().contains("injector-bound"), run.output());
    }
  }

  @Test
  void aStarvedInjectorIsNamedAsTheBottleneck(@TempDir Path results) throws Exception {
    try (DemoService demo = DemoService.start(DemoOptions.defaults().withDataSize(DataSize.TINY))) {
      Map<String, String> p = new HashMap<>();
      p.put("perfgate.config", CONF);
      p.put("scenario", "flood");
      p.put("rate", "2500");
      p.put("target.baseUrl", demo.baseUrl());
      // An injector with one core cannot start 2,500 users a second on time.
      List<String> cmd =
          new ArrayList<>(GatlingProcess.command(GatlingProcess.CONFIGURED, p, results));
      cmd.replaceAll(a -> a.equals("-Xmx1G") ? "-Xmx256m" : a);
      cmd.addAll(1, List.of("-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC"));
      var run = GatlingProcess.exec(cmd, results, LIMIT);

      JsonNode s = summary(run);
      JsonNode injector = s.path("resources").path(0).path("injectorFigures");
      System.out.println("starved injector: " + injector);
      assertTrue(
          injector.path("bound").asText().startsWith("injector-bound:"), injector.toString());
      assertTrue(
          s.path("run").path("warnings").toString().contains("injector-bound"),
          s.path("run").toString());
      assertTrue(run.output().contains("WARNING: injector-bound"), run.output());
      assertTrue(
          s.path("findings").toString().contains("\"subject\":\"injector\""),
          s.path("findings").toString());
    }
  }

  @Test
  void aTargetProcessThatDoesNotExistStopsTheRunBeforeAnyLoad(@TempDir Path results)
      throws Exception {
    long dead =
        ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
    Map<String, String> p = new HashMap<>();
    p.put("perfgate.config", CONF);
    p.put("scenario", "soak");
    p.put("target.monitor.process.pid", Long.toString(dead));
    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, p, results, LIMIT);

    assertEquals(3, run.exitCode(), run.output());
    assertTrue(
        run.output().contains("'target.monitor.process.pid'")
            && run.output().contains("there is no running process " + dead),
        run.output());
    assertTrue(run.output().contains("No load was sent."), run.output());
    assertFalse(run.output().contains("\tat "), "no stack trace:\n" + run.output());
    assertTrue(run.runDir().isEmpty(), "no run folder is created");
  }

  private static JsonNode gate(JsonNode summary, String name) {
    for (JsonNode g : summary.path("gates")) {
      if (g.path("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no gate " + name + " in " + summary.path("gates"));
  }
}
