package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resampling engine against brute force: expand every value of a resample and sort. */
class ResamplerTest {
  private static final List<Quantile> QUANTILES =
      List.of(Quantile.P50, Quantile.P95, Quantile.P99, Quantile.P999, Quantile.MAX);

  @Test
  void resampledPercentilesAndCountsEqualSortingTheExpandedResample() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int trial = 0; trial < 60; trial++) {
      MeasuredSeconds run = randomRun(rng, 1 + rng.nextInt(50));
      int n = run.size();
      int block = 1 + rng.nextInt(n);
      Resampler table = new Resampler(run, QUANTILES, block, Long.MAX_VALUE);
      Resampler dense = new Resampler(run, QUANTILES, block, 0);
      assertFalse(dense.usesTable());
      int[] starts = new int[table.blocks()];
      long[] fromTable = new long[QUANTILES.size()];
      long[] fromDense = new long[QUANTILES.size()];
      for (int r = 0; r < 20; r++) {
        table.draw(rng, starts);
        table.percentiles(starts, fromTable);
        dense.percentiles(starts, fromDense);
        List<Second> chosen = expand(run, starts, block);
        long[] expected = bruteForce(chosen);
        assertArrayEquals(expected, fromTable, "table, trial " + trial);
        assertArrayEquals(expected, fromDense, "dense, trial " + trial);
        assertEquals(chosen.stream().mapToLong(Second::requests).sum(), table.requests(starts));
        assertEquals(chosen.stream().mapToLong(Second::failed).sum(), table.failed(starts));
        assertEquals(chosen.stream().mapToLong(Second::count).sum(), table.count(starts));
        assertEquals(n, chosen.size(), "a resample has as many seconds as the run");
      }
    }
  }

  @Test
  void blocksWrapFromTheLastSecondToTheFirst() {
    MeasuredSeconds run =
        MeasuredSeconds.of(
            Second.ofTimes(0, 10),
            Second.ofTimes(0, 20),
            Second.ofTimes(0, 30),
            Second.ofTimes(0, 40),
            Second.ofTimes(0, 50));
    Resampler r = new Resampler(run, List.of(Quantile.MAX, Quantile.P50), 3);
    // Blocks of 3 and 2 seconds from seconds 4 and 4: 50, 10, 20 then 50, 10.
    long[] out = new long[2];
    r.percentiles(new int[] {4, 4}, out);
    assertArrayEquals(new long[] {50, 20}, out);
    assertEquals(5, r.requests(new int[] {4, 4}));
  }

  @Test
  void theWholeRunAsOneResampleGivesThePooledPercentiles() {
    MeasuredSeconds run = randomRun(new SplittableRandom(8), 40);
    long[] pooled = Resampler.pooled(run, QUANTILES);
    assertArrayEquals(bruteForce(run.seconds()), pooled);
  }

  @Test
  void aResampleWithoutValuesHasNoPercentile() {
    MeasuredSeconds run = MeasuredSeconds.of(Second.empty(), Second.empty(), Second.ofTimes(0, 7));
    Resampler r = new Resampler(run, List.of(Quantile.P50), 1);
    long[] out = new long[1];
    r.percentiles(new int[] {0, 1, 0}, out);
    assertEquals(-1, out[0]);
    r.percentiles(new int[] {0, 2, 2}, out);
    assertEquals(7, out[0]);
  }

  @Test
  void drawsAreReproducibleAndCoverEverySecond() {
    MeasuredSeconds run = randomRun(new SplittableRandom(1), 30);
    Resampler r = new Resampler(run, QUANTILES, 3);
    int[] a = new int[r.blocks()];
    int[] b = new int[r.blocks()];
    SplittableRandom one = new SplittableRandom(42);
    SplittableRandom two = new SplittableRandom(42);
    boolean[] seen = new boolean[30];
    for (int i = 0; i < 200; i++) {
      r.draw(one, a);
      r.draw(two, b);
      assertArrayEquals(a, b);
      for (int s : a) {
        assertTrue(s >= 0 && s < 30);
        seen[s] = true;
      }
    }
    for (boolean s : seen) {
      assertTrue(s, "every second can start a block, the last ones too");
    }
  }

  @ParameterizedTest(name = "{0} s: blocks of {1} s")
  @CsvSource({
    "1, 1",
    "2, 1",
    "4, 2",
    "5, 2",
    "6, 3",
    "30, 3",
    "57, 4",
    "60, 4",
    "900, 10",
    "3600, 15"
  })
  void blockLengthIsAboutTheCubeRootWithAFloorOfThreeAndAtMostHalfTheRun(int n, int length) {
    assertEquals(length, BlockBootstrap.blockLength(n));
  }

  static MeasuredSeconds randomRun(SplittableRandom rng, int seconds) {
    List<Second> list = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      int[] times = new int[rng.nextInt(4) == 0 ? 0 : rng.nextInt(25)];
      for (int i = 0; i < times.length; i++) {
        times[i] = rng.nextInt(8) == 0 ? rng.nextInt(3000) : 40 + rng.nextInt(15);
      }
      list.add(Second.ofTimes(times.length == 0 ? 0 : rng.nextInt(times.length + 1), times));
    }
    return new MeasuredSeconds(list);
  }

  private static List<Second> expand(MeasuredSeconds run, int[] starts, int block) {
    int n = run.size();
    List<Second> chosen = new ArrayList<>();
    for (int b = 0; b < starts.length; b++) {
      for (int j = 0; j < block && chosen.size() < n; j++) {
        chosen.add(run.seconds().get((starts[b] + j) % n));
      }
    }
    return chosen;
  }

  private static long[] bruteForce(List<Second> seconds) {
    List<Integer> all = new ArrayList<>();
    for (Second s : seconds) {
      int[] v = s.values();
      long[] c = s.counts();
      for (int k = 0; k < v.length; k++) {
        for (long i = 0; i < c[k]; i++) {
          all.add(v[k]);
        }
      }
    }
    int[] sorted = all.stream().mapToInt(Integer::intValue).sorted().toArray();
    long[] out = new long[QUANTILES.size()];
    for (int q = 0; q < out.length; q++) {
      out[q] = sorted.length == 0 ? -1 : sorted[(int) QUANTILES.get(q).rank(sorted.length) - 1];
    }
    return out;
  }
}
