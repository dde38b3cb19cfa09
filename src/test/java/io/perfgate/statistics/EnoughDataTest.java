package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnoughDataTest {

  @ParameterizedTest(name = "per mille {0} with {1} beyond needs {2}")
  @CsvSource({
    "500, 10, 20",
    "750, 10, 40",
    "950, 10, 200",
    "990, 10, 1000",
    "999, 10, 10000",
    "950, 1, 20",
    "990, 5, 500",
    "900, 3, 30",
    "995, 10, 2000"
  })
  void needsKValuesBeyondThePercentile(int perMille, int beyond, long required) {
    assertEquals(required, EnoughData.required(Quantile.ofPerMille(perMille), beyond));
  }

  @Test
  void roundsUpWhenTheTailDoesNotDivide() {
    // 1 - 2/3 = 1/3: 10 / (1/3) = 30 exactly; 7/9 leaves 2/9: 10 · 9 / 2 = 45; 5/7: 10 · 7 / 2 =
    // 35.
    assertEquals(30, EnoughData.required(new Quantile(2, 3), 10));
    assertEquals(45, EnoughData.required(new Quantile(7, 9), 10));
    assertEquals(35, EnoughData.required(new Quantile(5, 7), 10));
    assertEquals(4, EnoughData.required(new Quantile(5, 7), 1)); // 3.5 → 4
  }

  @Test
  void judgesOnlyFromTheRequiredCountOn() {
    EnoughData rule = EnoughData.DEFAULT;
    assertFalse(rule.isEnough(Quantile.P99, 999));
    assertTrue(rule.isEnough(Quantile.P99, 1000));
    assertFalse(rule.isEnough(Quantile.P99, 25));
    assertTrue(rule.isEnough(Quantile.P50, 20));
  }

  @Test
  void saysWhatIsMissingInASentence() {
    assertEquals("p99 needs 1,000 requests", EnoughData.DEFAULT.needs(Quantile.P99));
    assertEquals("p99.9 needs 10,000 requests", EnoughData.DEFAULT.needs(Quantile.P999));
    assertEquals(
        "p95 needs 200 groups", EnoughData.DEFAULT.needs(Quantile.P95, EnoughData.Noun.GROUPS));
    assertEquals(
        "not enough data: 25 requests, p99 needs 1,000",
        EnoughData.DEFAULT.notEnough(Quantile.P99, 25));
    assertEquals(
        "not enough data: 1 request, p50 needs 20", EnoughData.DEFAULT.notEnough(Quantile.P50, 1));
  }

  @Test
  void theMaximumHasNoRule() {
    assertThrows(IllegalArgumentException.class, () -> EnoughData.required(Quantile.MAX, 10));
    assertThrows(IllegalArgumentException.class, () -> new EnoughData(0));
  }
}
