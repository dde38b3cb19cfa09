package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-second series on logs written for the purpose. */
class SecondsTest {
  @TempDir Path dir;

  @Test
  void aResponseEndingPastTheHorizonCountsInItsSecondButNotInItsPercentile() throws IOException {
    Path log = dir.resolve("late.log");
    long horizon = StatsCollector.SECOND_HORIZON_MILLIS;
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("s"))) {
      w.user("s", true, 0);
      for (int i = 0; i < 100; i++) {
        w.request(List.of(), "quick", i, i + 10 + i % 5, true, "");
      }
      w.request(List.of(), "later", (int) horizon + 10_000, (int) horizon + 10_005, true, "");
      w.request(List.of(), "stuck", 500, (int) horizon + 11_000, false, "timeout");
      w.user("s", false, (int) horizon + 11_000);
    }
    RunStats s = RunStats.of(log, List.of());
    RunStats.Second first = s.seconds().get(0);
    assertEquals(0, first.second());
    assertEquals(101, first.requests());
    assertEquals(1, first.ko());
    assertEquals(14, first.p95(), "the 2-minute response is not in second 0's p95");
    assertEquals(1, first.activeUsers());
    // the global figures have it
    assertEquals(horizon + 10_500, s.global().max());
    RunStats.Second last = s.seconds().get(s.seconds().size() - 1);
    assertEquals((horizon + 11_000) / 1000, last.second());
    assertEquals(1, last.usersEnded());
    assertTrue(s.seconds().stream().allMatch(x -> x.activeUsers() == 1), "one user all along");
  }
}
