package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.results.GroupPath;
import io.perfgate.results.LogReader;
import io.perfgate.results.RecordHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two injectors run one test at the same time, each its shard of the profile; merging their logs
 * gives one summary whose figures are exactly those of the union of their records, whose gates
 * judge the merged figures, and which carries each shard's resources and resource gates.
 */
class ShardMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void twoConcurrentShardsMergeIntoOneRun(@TempDir Path tmp) throws Exception {
    CompletableFuture<GatlingProcess.Result>[] shards = new CompletableFuture[2];
    for (int i = 0; i < 2; i++) {
      Map<String, String> props =
          new java.util.HashMap<>(
              GateRunTest.props("injector.count", "2", "injector.index", String.valueOf(i)));
      Path results = tmp.resolve("shard-" + i);
      shards[i] =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return GatlingProcess.run(
                      GatlingProcess.CONFIGURED, props, results, Duration.ofMinutes(2));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    }
    var a = shards[0].get();
    var b = shards[1].get();
    // A shard may breach a gate on a busy machine; what matters here is that both ran and logged.
    assertTrue(a.exitCode() == 0 || a.exitCode() == 2, a.output());
    assertTrue(b.exitCode() == 0 || b.exitCode() == 2, b.output());
    // The it profile has 8 users: each shard runs 4 of them, with the same timing.
    for (var shard : new GatlingProcess.Result[] {a, b}) {
      assertTrue(shard.output().contains("peak 4 users, total 10s"), shard.output());
      assertTrue(shard.output().contains("of 2: this shard runs its share"), shard.output());
    }

    Path merged = tmp.resolve("merged");
    Cli.Outcome merge =
        Cli.run(
            "merge",
            a.runDir().orElseThrow().resolve("simulation.log").toString(),
            b.runDir().orElseThrow().resolve("simulation.log").toString(),
            "--out",
            merged.toString(),
            "--scenario",
            "it",
            "-Dperfgate.config=src/test/resources/it/gates.conf",
            // A resource gate every shard breaches: the merged run must judge each shard's.
            "-Dsla.resources.maxRss=1MB");
    int status = merge.status();
    String console = merge.console();
    assertTrue(status == 0 || status == 2, console);

    long countA = count(a.runDir().orElseThrow());
    long countB = count(b.runDir().orElseThrow());
    JsonNode summary = JSON.readTree(merged.resolve("perfgate/summary.json").toFile());
    assertEquals(countA + countB, summary.path("global").path("count").asLong(), console);
    for (JsonNode gate : summary.path("gates")) {
      if (gate.path("name").asText().equals("global p95 < 250ms")) {
        assertEquals(
            summary.path("measured").path("p95").asDouble(), gate.path("actual").asDouble(), 0.0);
      }
    }

    // Exactly the figures of one log holding both shards' records.
    List<Integer> union = new ArrayList<>();
    long ko = 0;
    for (var shard : new GatlingProcess.Result[] {a, b}) {
      ko += responseTimes(shard.runDir().orElseThrow().resolve("simulation.log"), union);
    }
    Collections.sort(union);
    JsonNode global = summary.path("global");
    assertEquals(union.size(), global.path("count").asLong());
    assertEquals(ko, global.path("ko").asLong());
    assertEquals(union.get(0), global.path("min").asInt());
    assertEquals(union.get(union.size() - 1), global.path("max").asInt());
    long[][] percentiles = {{50, 100}, {75, 100}, {95, 100}, {99, 100}, {999, 1000}};
    String[] names = {"p50", "p75", "p95", "p99", "p999"};
    for (int i = 0; i < names.length; i++) {
      long rank = (union.size() * percentiles[i][0] + percentiles[i][1] - 1) / percentiles[i][1];
      assertEquals(union.get((int) rank - 1), global.path(names[i]).asInt(), names[i]);
    }
    assertEquals(
        union.stream().mapToLong(Integer::longValue).sum() / (double) union.size(),
        global.path("mean").asDouble(),
        1e-9);

    // Each shard's resources, labelled by injector, and each shard's resource gates.
    JsonNode resources = summary.path("resources");
    assertEquals(2, resources.size(), resources.toString());
    assertEquals("injector 1", resources.get(0).path("injector").asText());
    assertEquals("injector 2", resources.get(1).path("injector").asText());
    for (JsonNode r : resources) {
      assertTrue(r.path("series").size() > 0, r.toString());
    }
    List<String> resourceGates = new ArrayList<>();
    for (JsonNode gate : summary.path("gates")) {
      if (gate.path("kind").asText().equals("resource")) {
        resourceGates.add(gate.path("name").asText());
        assertFalse(gate.path("passed").asBoolean(), gate.toString());
      }
    }
    assertEquals(
        List.of("injector 1: target max rss < 1MB", "injector 2: target max rss < 1MB"),
        resourceGates);
    assertEquals(2, status, "a breached resource gate fails the merged run: " + console);
    assertTrue(Files.isRegularFile(merged.resolve("perfgate/histograms.json")));
    assertEquals("histograms.json", summary.path("run").path("histograms").asText());
  }

  /** Adds a log's response times to {@code into}; returns how many of its requests failed. */
  static long responseTimes(Path log, List<Integer> into) throws Exception {
    long[] ko = {0};
    LogReader.read(
        log,
        new RecordHandler() {
          @Override
          public void request(
              GroupPath group, String name, int start, int end, boolean ok, String message) {
            into.add(end - start);
            if (!ok) {
              ko[0]++;
            }
          }
        });
    return ko[0];
  }

  private static long count(Path runDir) throws Exception {
    return JSON.readTree(runDir.resolve("perfgate/summary.json").toFile())
        .path("global")
        .path("count")
        .asLong();
  }
}
