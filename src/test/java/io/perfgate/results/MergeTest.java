package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.ErrorCount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two injectors' logs of one test (two real Gatling runs at the same time against one server),
 * merged: counts are the sums, and every figure, percentiles included, is the one perfgate gives
 * for a single log holding the union of both logs' records on one time axis, in the order one
 * Gatling writing both would have written them (by event end): the difference is zero, within the 1
 * % / 1 ms asked for.
 */
class MergeTest {
  private static final List<Window> WINDOWS =
      List.of(new Window("first-3s", 0, 3000), new Window("after-2s", 2000, Long.MAX_VALUE));

  @TempDir static Path dir;

  private static Recorded a;
  private static Recorded b;
  private static RunStats merged;
  private static RunStats statsA;
  private static RunStats statsB;

  @BeforeAll
  static void read() throws Exception {
    Fixtures.Pair runs = Fixtures.concurrentRuns();
    a = Recorded.of(runs.a().log());
    b = Recorded.of(runs.b().log());
    statsA = RunStats.of(runs.a().log(), WINDOWS);
    statsB = RunStats.of(runs.b().log(), WINDOWS);
    merged = RunStats.merge(List.of(runs.a().log(), runs.b().log()), WINDOWS);
  }

  @Test
  void countsAreTheSums() {
    assertEquals(statsA.global().count() + statsB.global().count(), merged.global().count());
    assertEquals(statsA.global().ok() + statsB.global().ok(), merged.global().ok());
    assertEquals(statsA.global().ko() + statsB.global().ko(), merged.global().ko());
    for (RequestStats r : merged.requests()) {
      long sum =
          statsA.request(r.path()).map(x -> x.global().count()).orElse(0L)
              + statsB.request(r.path()).map(x -> x.global().count()).orElse(0L);
      assertEquals(sum, r.global().count(), r.path());
    }
    for (GroupStats g : merged.groups()) {
      long sum =
          statsA.group(g.pathString()).map(x -> x.global().count()).orElse(0L)
              + statsB.group(g.pathString()).map(x -> x.global().count()).orElse(0L);
      assertEquals(sum, g.global().count(), g.pathString());
    }
    assertEquals(2, merged.logs().size());
    long errors = merged.errors().stream().mapToLong(ErrorCount::count).sum();
    long errorsA = statsA.errors().stream().mapToLong(ErrorCount::count).sum();
    long errorsB = statsB.errors().stream().mapToLong(ErrorCount::count).sum();
    assertEquals(errorsA + errorsB, errors);
  }

  @Test
  void theRunsWereConcurrentAndAreAlignedOnAbsoluteTime() {
    long startA = a.header.startEpochMillis();
    long startB = b.header.startEpochMillis();
    assertEquals(Math.min(startA, startB), merged.startEpochMillis());
    long firstA = startA + a.first();
    long firstB = startB + b.first();
    long lastA = startA + a.last();
    long lastB = startB + b.last();
    assertTrue(firstA < lastB && firstB < lastA, "the two runs overlap in time");
    assertEquals(Math.min(firstA, firstB) - merged.startEpochMillis(), merged.firstEventMillis());
    assertEquals(Math.max(lastA, lastB) - merged.startEpochMillis(), merged.lastEventMillis());
    assertEquals(
        Math.ceil((merged.lastEventMillis() - merged.firstEventMillis()) / 1000.0),
        merged.durationSeconds());
  }

  @Test
  void everyFigureIsThatOfOneLogHoldingTheUnion() throws IOException {
    RunStats union = RunStats.of(unionLog(), WINDOWS);
    assertEquals(union.startEpochMillis(), merged.startEpochMillis());
    assertEquals(union.firstEventMillis(), merged.firstEventMillis());
    assertEquals(union.lastEventMillis(), merged.lastEventMillis());
    assertEquals(union.durationSeconds(), merged.durationSeconds());
    assertEquals(union.global(), merged.global());
    assertEquals(union.globalByWindow(), merged.globalByWindow());
    assertEquals(union.requests(), merged.requests());
    assertEquals(union.groups(), merged.groups());
    assertEquals(union.seconds(), merged.seconds());
    assertEquals(union.errors(), merged.errors());
    // and the percentiles are not those of either log alone
    assertTrue(merged.global().count() > statsA.global().count());
  }

  /**
   * The records of both logs on the time axis of the earlier one, interleaved by the time each was
   * written (a request or group at its end, a user or error at its timestamp), written as one log.
   */
  private static Path unionLog() throws IOException {
    long base = Math.min(a.header.startEpochMillis(), b.header.startEpochMillis());
    Set<String> scenarios = new LinkedHashSet<>(a.header.scenarios());
    scenarios.addAll(b.header.scenarios());
    Path log = dir.resolve("union.log");
    List<Recorded> logs = List.of(a, b);
    int[] at = new int[logs.size()];
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", base, new ArrayList<>(scenarios))) {
      while (true) {
        int pick = -1;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < logs.size(); i++) {
          Recorded r = logs.get(i);
          if (at[i] < r.all.size()) {
            long t = r.header.startEpochMillis() + written(r.all.get(at[i]));
            if (t < best) {
              best = t;
              pick = i;
            }
          }
        }
        if (pick < 0) {
          return log;
        }
        Recorded r = logs.get(pick);
        int shift = (int) (r.header.startEpochMillis() - base);
        Object rec = r.all.get(at[pick]++);
        if (rec instanceof Recorded.Request q) {
          w.request(
              q.group().names(), q.name(), q.start() + shift, q.end() + shift, q.ok(), q.message());
        } else if (rec instanceof Recorded.User u) {
          w.user(u.scenario(), u.start(), u.timestamp() + shift);
        } else if (rec instanceof Recorded.Group g) {
          w.group(g.group().names(), g.start() + shift, g.end() + shift, g.cumulated(), g.ok());
        } else if (rec instanceof Recorded.Error e) {
          w.error(e.message(), e.timestamp() + shift);
        }
      }
    }
  }

  private static long written(Object rec) {
    if (rec instanceof Recorded.Request q) {
      return q.end();
    } else if (rec instanceof Recorded.Group g) {
      return g.end();
    } else if (rec instanceof Recorded.User u) {
      return u.timestamp();
    }
    return ((Recorded.Error) rec).timestamp();
  }
}
