package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeasuredSecondsTest {

  @Test
  void pooledPercentileIsTheValueAtRankCeilQNOfAllValuesSorted() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 50; trial++) {
      List<Second> seconds = new ArrayList<>();
      List<Integer> all = new ArrayList<>();
      int n = 1 + rng.nextInt(40);
      for (int s = 0; s < n; s++) {
        int[] times = new int[rng.nextInt(30)];
        for (int i = 0; i < times.length; i++) {
          // Heavy ties and a long tail: values 0 to 20 and sometimes up to 5,000.
          times[i] = rng.nextInt(10) == 0 ? rng.nextInt(5000) : rng.nextInt(21);
          all.add(times[i]);
        }
        seconds.add(Second.ofTimes(0, times));
      }
      int[] sorted = all.stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int perMille : new int[] {1, 500, 750, 950, 990, 999, 1000}) {
        Quantile q = Quantile.ofPerMille(perMille);
        OptionalLong expected =
            sorted.length == 0
                ? OptionalLong.empty()
                : OptionalLong.of(sorted[(int) q.rank(sorted.length) - 1]);
        assertEquals(expected, MeasuredSeconds.pooled(seconds, q), q + " of " + all);
      }
    }
  }

  @Test
  void knownSmallAnswers() {
    // 25 health checks: 24 of 3 ms and one of 900 ms. p99 of 25 values is their maximum.
    int[] times = Load.repeat(25, 3);
    times[7] = 900;
    MeasuredSeconds run = MeasuredSeconds.of(Second.ofTimes(0, times));
    assertEquals(OptionalLong.of(900), run.percentile(Quantile.P99));
    assertEquals(OptionalLong.of(3), run.percentile(Quantile.P95)); // rank 24 of 25
    assertEquals(OptionalLong.of(3), run.percentile(Quantile.P50));
    // 1..100 over two seconds: p95 is 95, p50 is 50, p99.9 is 100.
    int[] low = new int[50];
    int[] high = new int[50];
    for (int i = 0; i < 50; i++) {
      low[i] = 2 * i + 1;
      high[i] = 2 * i + 2;
    }
    MeasuredSeconds hundred = MeasuredSeconds.of(Second.ofTimes(0, high), Second.ofTimes(0, low));
    assertEquals(OptionalLong.of(95), hundred.percentile(Quantile.P95));
    assertEquals(OptionalLong.of(50), hundred.percentile(Quantile.P50));
    assertEquals(OptionalLong.of(100), hundred.percentile(Quantile.P999));
    assertEquals(OptionalLong.empty(), MeasuredSeconds.of(Second.empty()).percentile(Quantile.P50));
  }

  @Test
  void throughputAndErrorsAreMeansOverTheWindow() {
    MeasuredSeconds run =
        MeasuredSeconds.of(
            Second.ofTimes(1, 10, 20, 30, 40), Second.ofTimes(0, 10, 10), Second.empty());
    assertEquals(2.0, run.throughput());
    assertEquals(100.0 / 6, run.errorPercent(), 1e-12);
    assertEquals(6, run.requests());
    assertEquals(6, run.count());
    assertTrue(Double.isNaN(MeasuredSeconds.of(Second.empty()).errorPercent()));
  }

  @Test
  void aSecondIsAnExactSparseHistogram() {
    Second s = Second.ofTimes(2, 5, 3, 5, 5, 9, 3);
    assertArrayEquals(new int[] {3, 5, 9}, s.values());
    assertArrayEquals(new long[] {2, 3, 1}, s.counts());
    assertEquals(6, s.requests());
    assertEquals(2, s.failed());
    int[] leaked = s.values();
    leaked[0] = 99;
    assertEquals(3, s.values()[0], "a second cannot be changed from outside");
    assertEquals(s, Second.ofTimes(2, 3, 3, 5, 5, 5, 9));
  }

  @Test
  void rejectsHistogramsThatAreNotSortedDistinctAndPositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Second(new int[] {5, 3}, new long[] {1, 1}, 2, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Second(new int[] {3, 3}, new long[] {1, 1}, 2, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Second(new int[] {3}, new long[] {0}, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Second(new int[] {3}, new long[] {1, 2}, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Second(new int[] {-1}, new long[] {1}, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Second(new int[] {3}, new long[] {1}, 1, 2));
  }
}
