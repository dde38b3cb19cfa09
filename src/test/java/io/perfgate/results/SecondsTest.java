package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Second;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-second series on logs written for the purpose. */
class SecondsTest {
  @TempDir Path dir;

  @Test
  void aResponseEndingLongAfterItsSecondCountsInItsSecondExactly() throws IOException {
    Path log = dir.resolve("late.log");
    long horizon = 120_000;
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
    Second first = s.seconds().get(0);
    assertEquals(0, first.offsetSeconds());
    assertEquals(101, first.figures().count());
    assertEquals(1, first.figures().ko());
    assertEquals(14, first.figures().p95());
    assertEquals(horizon + 10_500, first.figures().max(), "the 2-minute response is in second 0");
    assertEquals(1, first.activeUsers());
    // the global figures have it
    assertEquals(horizon + 10_500, s.global().max());
    Second last = s.seconds().get(s.seconds().size() - 1);
    assertEquals((horizon + 11_000) / 1000, last.offsetSeconds());
    assertEquals(1, last.usersEnded());
    assertTrue(s.seconds().stream().allMatch(x -> x.activeUsers() == 1), "one user all along");
  }
}
