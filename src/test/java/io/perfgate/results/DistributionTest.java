package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every value at every rank equals the sorted values, whatever form the distribution is in. */
class DistributionTest {
  /** Values from every region: negative, the front array, the dense histogram, beyond it. */
  private static int[] values(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(100);
      v[i] =
          kind < 2
              ? -r.nextInt(1, 50)
              : kind < 80
                  ? r.nextInt(0, Distribution.FRONT)
                  : kind < 97 ? r.nextInt(Distribution.FRONT, Distribution.DENSE_LIMIT) : 40_000;
    }
    return v;
  }

  private static void assertEveryRank(int[] sorted, Distribution d) {
    assertEquals(sorted.length, d.count());
    long[] ranks = new long[sorted.length];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = i + 1;
    }
    assertArrayEquals(sorted, d.valuesAtRanks(ranks));
    assertEquals(sorted[0], d.min());
    assertEquals(sorted[sorted.length - 1], d.max());
    assertEquals(Arrays.stream(sorted).asLongStream().sum(), d.sum());
  }

  @Test
  void everyRankIsTheSortedValueInEveryForm() {
    for (long seed = 1; seed <= 5; seed++) {
      int[] v = values(seed, 3_000);
      Distribution d = new Distribution();
      for (int x : v) {
        d.record(x);
      }
      int[] sorted = v.clone();
      Arrays.sort(sorted);
      assertEveryRank(sorted, d);
      assertEveryRank(sorted, d.compact());
      assertEveryRank(sorted, d.copy());
      assertEveryRank(sorted, Distribution.decode(d.encodeCounts(), d.outsideCounts()));
    }
  }

  @Test
  void aDistributionReadBeforeItsFirstSlowValueStaysExactAfterIt() {
    // Fast values only: nothing needs the dense form, and a read leaves it packed.
    Distribution d = new Distribution();
    d.record(5, 3);
    d.record(900);
    assertEquals(900, d.valueAtRank(4));
    d.record(2_000);
    d.record(7);
    assertArrayEquals(new int[] {5, 5, 5, 7, 900, 2_000}, d.valuesAtRanks(1, 2, 3, 4, 5, 6));
  }

  @Test
  void mergingGivesTheDistributionOfAllValues() {
    int[] a = values(11, 1_000);
    int[] b = values(12, 700);
    Distribution da = new Distribution();
    Distribution db = new Distribution();
    Arrays.stream(a).forEach(da::record);
    Arrays.stream(b).forEach(db::record);
    Distribution merged = da.compact();
    merged.add(db);
    int[] all = new int[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    assertEveryRank(all, merged);
  }

  @Test
  void nearestRankIsTheCeilingOfPTimesN() {
    assertEquals(19, Distribution.rank(20, 95, 100));
    assertEquals(999, Distribution.rank(1_000, 999, 1_000));
    assertEquals(25, Distribution.rank(25, 99, 100), "p99 of 25 values is their maximum");
    assertEquals(1, Distribution.rank(3, 0, 100), "never below the first");
    assertEquals(0, Distribution.rank(0, 95, 100), "no values, no rank");
  }
}
