package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecondCountsTest {

  /** The nearest-rank definition, on a sorted copy: the value at rank ceil(q * n). */
  static int nearestRank(List<Integer> values, double q) {
    List<Integer> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.max(1, Math.ceil(q * sorted.size()));
    return sorted.get(rank - 1);
  }

  @Test
  void quantilesAreNearestRankOverWholeMilliseconds() {
    Random random = new Random(12);
    for (int round = 0; round < 200; round++) {
      SecondCounts c = new SecondCounts();
      List<Integer> values = new ArrayList<>();
      int n = 1 + random.nextInt(400);
      for (int i = 0; i < n; i++) {
        // Mostly fast, some past the dense range, a few very slow.
        int v =
            switch (random.nextInt(10)) {
              case 0 -> SecondCounts.DENSE + random.nextInt(60_000);
              case 1 -> SecondCounts.DENSE - 1 - random.nextInt(3);
              default -> random.nextInt(300);
            };
        values.add(v);
        c.add(v);
      }
      for (double q : new double[] {0.01, 0.5, 0.75, 0.95, 0.99, 0.999, 1.0}) {
        assertEquals(nearestRank(values, q), c.quantile(q), "q=" + q + " of " + values);
      }
    }
  }

  @Test
  void smallCountsPickTheRankNotAnInterpolation() {
    SecondCounts c = new SecondCounts();
    for (int v : new int[] {10, 20, 30, 40}) {
      c.add(v);
    }
    // ceil(0.5 * 4) = 2, ceil(0.95 * 4) = 4, ceil(0.26 * 4) = 2.
    assertEquals(20, c.quantile(0.5));
    assertEquals(40, c.quantile(0.95));
    assertEquals(20, c.quantile(0.26));
    assertEquals(10, c.quantile(0.25));
  }

  @Test
  void clearedCountsStartAfreshAndMergedOnesAddUp() {
    SecondCounts a = new SecondCounts();
    a.add(5);
    a.add(5000);
    a.clear();
    assertEquals(-1, a.quantile(0.5));
    a.add(7);
    SecondCounts b = new SecondCounts();
    b.add(3);
    b.add(2000);
    b.add(9);
    a.addAll(b);
    assertEquals(4, a.count());
    assertEquals(7, a.quantile(0.5));
    assertEquals(2000, a.quantile(0.99));
    assertEquals(3, a.quantile(0.01));
    assertEquals(0, new SecondCounts().count());
  }

  @Test
  void negativeDurationsCountAsZero() {
    SecondCounts c = new SecondCounts();
    c.add(-3);
    assertEquals(0, c.quantile(1.0));
  }
}
