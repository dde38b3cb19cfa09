package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-second histogram: exact below 256 ms, within 0.8 % above, nearest rank. */
class SecondHistogramTest {
  @Test
  void bucketsAreExactThenLogLinearAndOrdered() {
    int previous = -1;
    for (int v = 0; v < 1 << 22; v += v < 4096 ? 1 : 997) {
      int i = SecondHistogram.index(v);
      assertTrue(i >= previous, "buckets grow with values at " + v);
      previous = i;
      double middle = SecondHistogram.middle(i);
      if (v < 256) {
        assertEquals(v, middle);
      } else {
        assertTrue(Math.abs(middle - v) <= v / 128.0, v + " -> " + middle);
      }
    }
    assertTrue(SecondHistogram.index(Integer.MAX_VALUE) < 2000);
  }

  @Test
  void quantilesAreNearestRank() {
    Random r = new Random(3);
    for (int n : new int[] {1, 2, 19, 20, 21, 1000, 100_000}) {
      SecondHistogram h = new SecondHistogram();
      int[] values = new int[n];
      for (int i = 0; i < n; i++) {
        values[i] = r.nextInt(10) == 0 ? 300 + r.nextInt(5000) : r.nextInt(250);
        h.add(values[i]);
      }
      Arrays.sort(values);
      for (double q : new double[] {0.5, 0.95, 0.99, 1.0}) {
        int exact = values[(int) Math.ceil(q * n) - 1];
        assertEquals(exact, h.quantile(q), exact < 256 ? 0 : exact / 128.0, n + " values, q " + q);
      }
    }
    assertTrue(Double.isNaN(new SecondHistogram().quantile(0.95)));
  }
}
