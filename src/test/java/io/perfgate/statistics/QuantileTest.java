package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantileTest {

  @ParameterizedTest(name = "{0} of {1} values is rank {2}")
  @CsvSource({
    "500, 1, 1",
    "500, 2, 1",
    "500, 3, 2",
    "950, 20, 19",
    "950, 21, 20",
    "990, 25, 25",
    "990, 100, 99",
    "990, 101, 100",
    "999, 1000, 999",
    "999, 1001, 1000",
    "1000, 7, 7",
    "950, 0, 0"
  })
  void nearestRankIsTheCeilingOfQTimesN(int perMille, long n, long rank) {
    assertEquals(rank, Quantile.ofPerMille(perMille).rank(n));
  }

  @Test
  void ranksAreExactForTheLargestCounts() {
    for (Quantile q : new Quantile[] {Quantile.P50, Quantile.P95, Quantile.P99, Quantile.P999}) {
      for (long n : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, 9_007_199_254_740_993L}) {
        BigInteger[] qr =
            BigInteger.valueOf(n)
                .multiply(BigInteger.valueOf(q.numerator()))
                .divideAndRemainder(BigInteger.valueOf(q.denominator()));
        long expected = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
        assertEquals(expected, q.rank(n), q + " of " + n);
      }
    }
  }

  @Test
  void decimalPercentilesBecomeExactFractions() {
    assertEquals(Quantile.P999, Quantile.ofPercent(99.9));
    assertEquals(new Quantile(999, 1000), Quantile.ofPercent(99.9));
    assertEquals(Quantile.P95, Quantile.ofPercent(95));
    assertEquals(new Quantile(19, 20), Quantile.P95);
    assertEquals(Quantile.MAX, Quantile.ofPercent(100));
    assertEquals(new Quantile(99_999, 100_000), Quantile.ofPercent(99.999));
  }

  @Test
  void labelsReadLikePerfgatesMetrics() {
    assertEquals("p50", Quantile.P50.label());
    assertEquals("p75", Quantile.P75.label());
    assertEquals("p95", Quantile.P95.label());
    assertEquals("p99", Quantile.P99.label());
    assertEquals("p99.9", Quantile.P999.label());
    assertEquals("max", Quantile.MAX.label());
    assertEquals("p33.3333", new Quantile(1, 3).label().substring(0, 8));
  }

  @Test
  void rejectsQuantilesOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class, () -> new Quantile(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Quantile(11, 10));
    assertThrows(IllegalArgumentException.class, () -> Quantile.ofPercent(0));
    assertThrows(IllegalArgumentException.class, () -> Quantile.ofPercent(100.5));
    assertThrows(IllegalArgumentException.class, () -> Quantile.ofPercent(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Quantile.ofPercent(99.123456));
  }
}
