package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.results.GroupPath;
import io.perfgate.results.LogReader;
import io.perfgate.results.RecordHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop criteria in real Gatling runs against the embedded demo service or a local target: a target
 * that breaks half-way stops the run within the criteria's window, a stopped run sends no more
 * requests while perfgate judges it, and the breakpoint profile stops at the first step beyond the
 * service's capacity and names the last step that met the SLA.
 */
class StopCriteriaTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int USERS = 20;

  @Test
  void aTargetThatBreaksHalfWayStopsTheRunWithinTheWindow(@TempDir Path results) throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("perfgate.config", "src/test/resources/it/abort.conf");
    props.put("scenario", "failing");
    props.put("demo.faults.errorRate", "100%");
    props.put("demo.faults.after", "6s");

    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props, results, LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    Path dir = run.runDir().orElseThrow();
    assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling's report is written");
    assertTrue(Files.isRegularFile(dir.resolve("perfgate/junit.xml")));

    // From the log itself: when the 4-second error rate first went above 50 %, and when the last
    // request was sent.
    Seconds s = new Seconds();
    LogReader.read(dir.resolve("simulation.log"), s);
    long crossed = s.firstWindowAbove(4, 50.0);
    assertTrue(crossed > 3_000, "the target answered well at first: " + s.perSecond);
    long stoppedAfter = s.lastStart - crossed;
    System.out.printf(
        "stop criteria: error rate crossed 50%% at %d ms, last request sent at %d ms (%d ms"
            + " later), run wall time %s%n",
        crossed, s.lastStart, stoppedAfter, run.wall());
    assertTrue(
        stoppedAfter <= 4_000,
        "the last request was sent "
            + stoppedAfter
            + " ms after the error rate crossed 50 % at "
            + crossed
            + " ms; the window is 4 s");
    assertTrue(s.lastStart < 20_000, "the 30 s plan was cut short: " + s.lastStart);

    JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
    assertTrue(summary.path("run").path("aborted").asBoolean(), summary.toString());
    String reason = summary.path("run").path("abortReason").asText();
    assertTrue(reason.contains("above the stop limit of 50%"), reason);
    assertEquals("FAIL", summary.path("verdict").asText());
    String junit = Files.readString(dir.resolve("perfgate/junit.xml"));
    assertTrue(junit.contains("Run aborted"), junit);
    assertTrue(run.output().contains("perfgate: stopping the run: "), run.output());
  }

  @Test
  void aStoppedRunSendsNothingMoreWhilePerfgateJudgesIt(@TempDir Path results) throws Exception {
    try (CountingTarget target = CountingTarget.failing()) {
      Map<String, String> props = new HashMap<>();
      props.put("perfgate.config", "src/test/resources/it/limits.conf");
      props.put("scenario", "limits");
      props.put("users", String.valueOf(USERS));
      props.put("target.baseUrl", target.url());

      var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props, results, LIMIT);

      assertEquals(2, run.exitCode(), run.output());
      assertTrue(run.output().contains("perfgate: stopping the run: "), run.output());
      Seconds s = new Seconds();
      LogReader.read(run.runDir().orElseThrow().resolve("simulation.log"), s);
      // Each user may have had one request under way when the run stopped; nothing after that,
      // although the users' journeys would loop on through perfgate's analysis.
      long unlogged = target.requests() - s.requests;
      System.out.printf(
          "stopped run: %d requests in the log, %d at the target%n", s.requests, target.requests());
      assertTrue(
          unlogged <= USERS,
          "the target got "
              + target.requests()
              + " requests, the log holds "
              + s.requests
              + ": users went on after the run stopped");
    }
  }

  @Test
  void breakpointStopsBeyondCapacityAndNamesTheLastStepThatMetTheSla(@TempDir Path results)
      throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("perfgate.config", "src/test/resources/it/abort.conf");
    props.put("scenario", "breakpoint");
    // The reference profile's six doubling steps, scaled to 2, 4, 8, 16, 32 and 64 users of 4 s.
    props.put("users", "64");
    props.put("ramp", "1s");
    props.put("duration", "30s");
    props.put("run.abort.window", "3s");
    // Every answer takes 10 ms, so each user always has a request in progress at the service;
    // beyond 24 in progress, every answer waits 250 ms more: step 5 (32 users) breaks the 200 ms
    // p95 gate, step 4 (16 users) meets it.
    props.put("demo.faults.latency", "10ms");
    props.put("demo.faults.capacity", "24");
    props.put("demo.faults.overload", "250ms");

    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props, results, LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    Path dir = run.runDir().orElseThrow();
    JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
    JsonNode capacity = summary.path("capacity");
    JsonNode last = capacity.path("lastPassing");
    JsonNode first = capacity.path("firstFailing");
    assertEquals("step 4", last.path("name").asText(), capacity.toString());
    assertEquals(16, last.path("level").asInt(), capacity.toString());
    assertEquals("users", last.path("unit").asText());
    assertEquals("step 5", first.path("name").asText(), capacity.toString());
    assertEquals(32, first.path("level").asInt());
    // The step's rps is that of its hold in the phase table: 16 users without think time, 10 ms
    // each, make up to 1600 requests a second.
    JsonNode step4 = summary.path("phases").get(3);
    assertEquals("step 4", step4.path("name").asText());
    assertEquals(step4.path("figures").path("rps").asDouble(), last.path("rps").asDouble(), 1e-9);
    assertTrue(last.path("rps").asDouble() > 200, last.toString());
    assertTrue(last.path("rps").asDouble() <= 16 * 1000 / 10.0, last.toString());
    // The run stopped on the breached gate instead of going on to 64 users (the log is judged as
    // Gatling writes it, in 8 KiB blocks: at step 5's hundred requests a second, a decision comes
    // a second or two after the breach).
    assertTrue(summary.path("run").path("aborted").asBoolean(), summary.path("run").toString());
    assertTrue(
        summary.path("run").path("abortReason").asText().contains("p95 < 200ms"),
        summary.path("run").toString());
    long lasted = summary.path("run").path("durationMillis").asLong();
    System.out.printf(
        "breakpoint: capacity %s; stopped after %d ms: %s%n",
        capacity, lasted, summary.path("run").path("abortReason").asText());
    assertTrue(lasted < 28_000, "stopped before the plan's 30 s ended: " + lasted + " ms");
    assertTrue(
        run.output().contains("Capacity: step 4 (16 users, "),
        "the console names it:\n" + run.output());
  }

  /** Requests and failures per second of the log, and the latest request start. */
  private static final class Seconds implements RecordHandler {
    final TreeMap<Long, long[]> perSecond = new TreeMap<>();
    long lastStart;
    long requests;

    @Override
    public void request(
        GroupPath group, String name, int start, int end, boolean ok, String message) {
      long[] c = perSecond.computeIfAbsent((long) end / 1000, k -> new long[2]);
      c[0]++;
      if (!ok) {
        c[1]++;
      }
      lastStart = Math.max(lastStart, start);
      requests++;
    }

    /** The end (ms) of the first window of {@code seconds} whose error rate is above percent. */
    long firstWindowAbove(int seconds, double percent) {
      for (long end : perSecond.keySet()) {
        long n = 0;
        long ko = 0;
        for (long sec = end - seconds + 1; sec <= end; sec++) {
          long[] c = perSecond.getOrDefault(sec, new long[2]);
          n += c[0];
          ko += c[1];
        }
        if (n > 0 && 100.0 * ko / n > percent) {
          return (end + 1) * 1000;
        }
      }
      throw new AssertionError("the error rate never went above " + percent + "%: " + perSecond);
    }
  }
}
