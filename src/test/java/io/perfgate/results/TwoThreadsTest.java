package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big logs are read by two threads that share the digests (one keeps the run's figures, the other
 * the requests' and groups'): the figures are exactly those of one thread.
 */
class TwoThreadsTest {
  private static final List<Window> WINDOWS =
      List.of(
          new Window("early", 0, 20_000), Window.from("late", java.time.Duration.ofSeconds(15)));

  @TempDir Path dir;

  @Test
  void aBigLogGivesTheSameFiguresWithTwoThreads() throws IOException {
    Path log = dir.resolve("big.log");
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("a", "b"))) {
      java.util.Random r = new java.util.Random(11);
      for (int i = 0; i < 250_000; i++) {
        int start = i / 8;
        int rt = r.nextInt(20) == 0 ? 100 + r.nextInt(900) : r.nextInt(30);
        boolean ok = r.nextInt(50) != 0;
        List<String> groups =
            i % 3 == 0 ? List.of("g") : i % 3 == 1 ? List.of("g", "h") : List.of();
        w.request(groups, "r" + (i % 5), start, start + rt, ok, ok ? "" : "failed " + (i % 3));
        if (i % 3 == 1) {
          w.group(List.of("g", "h"), start, start + rt + 2, rt, ok);
          w.group(List.of("g"), start - 1, start + rt + 3, rt + 1, ok);
        }
        if (i % 40 == 0) {
          w.user(i % 80 == 0 ? "a" : "b", true, start)
              .user(i % 80 == 0 ? "a" : "b", false, start + 50);
        }
        if (i % 10_000 == 0) {
          w.error("crash " + (i % 20_000), start);
        }
      }
    }
    assertTrue(Files.size(log) >= RunStats.PARALLEL_FROM_BYTES, "big enough for two threads");
    RunStats one = RunStats.read(List.of(log), WINDOWS, false);
    RunStats two = RunStats.read(List.of(log), WINDOWS, true);
    assertSame(one, two);
    assertSame(one, RunStats.of(log, WINDOWS));
  }

  @Test
  void mergedRealLogsGiveTheSameFiguresWithTwoThreads() throws Exception {
    Fixtures.Pair runs = Fixtures.concurrentRuns();
    List<Path> logs = List.of(runs.a().log(), runs.b().log());
    assertSame(RunStats.read(logs, WINDOWS, false), RunStats.read(logs, WINDOWS, true));
  }

  private static void assertSame(RunStats expected, RunStats actual) {
    assertEquals(expected.logs(), actual.logs());
    assertEquals(expected.global(), actual.global());
    assertEquals(expected.globalByWindow(), actual.globalByWindow());
    assertEquals(expected.requests(), actual.requests());
    assertEquals(expected.groups(), actual.groups());
    assertEquals(expected.seconds(), actual.seconds());
    assertEquals(expected.errors(), actual.errors());
    assertEquals(expected, actual);
  }
}
