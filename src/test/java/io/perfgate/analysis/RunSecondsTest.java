package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perfgate.results.Distribution;
import io.perfgate.results.Histograms;
import io.perfgate.results.Window;
import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.statistics.Second;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The measured window of stored distributions, second by second, as the statistics read it. */
class RunSecondsTest {
  private static Histograms.Entry second(long s, long ko, int... times) {
    Distribution d = new Distribution();
    for (int t : times) {
      d.record(t);
    }
    return new Histograms.Entry(
        Histograms.Kind.SECOND, "", Optional.empty(), Optional.of(s), ko, d.compact());
  }

  @Test
  void wholeSecondsFromTheWarmUpToTheLastWholeSecondWithEmptyOnesKept() {
    Histograms h =
        new Histograms(
            0,
            List.of(new Window(RunAnalysis.MEASURED, 2_500, Long.MAX_VALUE, true)),
            List.of(
                second(1, 0, 900), // warm-up
                second(2, 0, 800), // starts inside the warm-up
                second(3, 1, 10, 12, 12, -1),
                second(5, 0, 20),
                second(6, 0, 30))); // the run ends at 6.4 s: a partial second

    MeasuredSeconds m = RunSeconds.measured(h, 6_400).orElseThrow();

    assertEquals(3, m.size(), "seconds 3, 4 and 5");
    Second third = m.seconds().get(0);
    assertArrayEquals(new int[] {0, 10, 12}, third.values(), "a negative time counts as 0 ms");
    assertArrayEquals(new long[] {1, 1, 2}, third.counts());
    assertEquals(4, third.requests());
    assertEquals(1, third.failed());
    assertEquals(Second.empty(), m.seconds().get(1), "no request in second 4");
    assertEquals(1, m.seconds().get(2).requests());
  }

  @Test
  void distributionsWithoutAMeasuredWindowGiveNone() {
    Histograms h = new Histograms(0, List.of(), List.of(second(0, 0, 5)));
    assertEquals(Optional.empty(), RunSeconds.measured(h, 5_000));
  }
}
