package io.perfgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Change points in a history: found where a series shifted, with the shift's size, and nowhere
 * else.
 */
class ShiftsTest {
  static final int RUNS = 30;
  static final int STEP_AT = 18; // the first run after the shift, numbered from 1

  /**
   * 30 nightly runs with 3 % noise; from run {@code stepAt} on, everything is slower by {@code
   * step}.
   */
  static List<RunRecord> history(long seed, int stepAt, double step) {
    Random rng = new Random(seed);
    List<RunRecord> out = new ArrayList<>();
    for (int n = 1; n <= RUNS; n++) {
      double slowdown = (1 + 0.03 * rng.nextGaussian()) * (n >= stepAt ? 1 + step : 1);
      out.add(
          RunRecord.of(
              Runs.report(
                  "run-" + n,
                  Runs.START + n * Runs.DAY,
                  "smoke",
                  "",
                  List.of("health"),
                  Verdict.PASS,
                  slowdown),
              "run-" + n,
              Optional.of("c0ffee" + n)));
    }
    return out;
  }

  @Test
  void aStepOfTwentyPercentIsFoundAtItsRunWithItsSize() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Shifts.Shift> shifts = Shifts.of(history(seed, STEP_AT, 0.20));
      Shifts.Shift p95 =
          shifts.stream()
              .filter(s -> s.subject().equals(Shifts.ALL) && s.figure() == Shifts.Figure.P95)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no p95 change point: " + shifts));

      assertTrue(Math.abs(p95.number() - STEP_AT) <= 1, "seed " + seed + ": " + p95.describe());
      assertEquals(0.20, p95.relative(), 0.05, p95.describe());
      assertTrue(p95.worse());
      assertEquals("run-" + p95.number(), p95.run());
      assertEquals(Optional.of("c0ffee" + p95.number()), p95.commit());
      assertTrue(p95.describe().startsWith("p95 of all requests +"), p95.describe());
      assertTrue(p95.describe().contains("from run #" + p95.number() + " run-"), p95.describe());
      assertTrue(p95.pValue() < 0.01);
    }
  }

  @Test
  void aHistoryWithoutAStepHasNoChangePoint() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Shifts.Shift> shifts = Shifts.of(history(seed, Integer.MAX_VALUE, 0));
      assertEquals(List.of(), shifts, "seed " + seed);
    }
  }

  @Test
  void tooFewRunsSaySo() {
    List<RunRecord> five = history(1, 3, 0.5).subList(0, 5);
    assertEquals(List.of(), Shifts.of(five));
    assertEquals(
        List.of("Change points: none yet (a series needs 6 runs before a shift can be found)."),
        Shifts.lines(List.of(), 5));
  }

  @Test
  void theCommandLineListsThemByTrend() {
    List<String> lines = Shifts.lines(Shifts.of(history(2, STEP_AT, 0.3)), RUNS);
    assertEquals("Change points (E-divisive means, p < 0.01):", lines.get(0));
    assertEquals("  smoke profile, default environment, TrackerSimulation", lines.get(1));
    assertTrue(lines.get(2).startsWith("    p95 of all requests +"), lines.toString());
  }
}
