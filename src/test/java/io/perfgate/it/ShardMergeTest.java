package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two injectors run one test at the same time, each its shard of the profile; merging their logs
 * gives one summary whose counts are the sums and whose gates judge the merged figures.
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
            "-Dperfgate.config=src/test/resources/it/gates.conf");
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
  }

  private static long count(Path runDir) throws Exception {
    return JSON.readTree(runDir.resolve("perfgate/summary.json").toFile())
        .path("global")
        .path("count")
        .asLong();
  }
}
