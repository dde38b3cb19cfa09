package io.perfgate.gate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoundsTest {
  // DESIGN.md: p95 500 / 1000 / 2000 ms; errors under normal load 0.1% / 1% / 5%.
  private static final Bounds P95 = new Bounds(500, 1000, 2000);
  private static final Bounds NORMAL_ERRORS = new Bounds(0.1, 1, 5);

  @ParameterizedTest(name = "p95 {0} ms is {1}")
  @CsvSource({
    "0, TARGET",
    "1, TARGET",
    "499, TARGET",
    "499.999, TARGET",
    "500, ACCEPTABLE",
    "500.001, ACCEPTABLE",
    "999.999, ACCEPTABLE",
    "1000, POOR",
    "1999.999, POOR",
    "2000, CRITICAL",
    "2000.001, CRITICAL",
    "1000000, CRITICAL",
  })
  void latencyBoundsAreStrictUpperBounds(double millis, Tier tier) {
    assertEquals(tier, P95.classify(millis));
  }

  @ParameterizedTest(name = "errors {0}% is {1}")
  @CsvSource({
    "0, TARGET",
    "0.099, TARGET",
    "0.1, ACCEPTABLE",
    "0.999, ACCEPTABLE",
    "1, POOR",
    "4.999, POOR",
    "5, CRITICAL",
    "100, CRITICAL",
  })
  void errorRateBoundsAreStrictUpperBounds(double percent, Tier tier) {
    assertEquals(tier, NORMAL_ERRORS.classify(percent));
  }

  @ParameterizedTest(name = "limit for {0} is {1}")
  @CsvSource({"TARGET, 500", "ACCEPTABLE, 1000", "POOR, 2000", "CRITICAL, 2000"})
  void limitOfATierIsItsUpperBound(Tier tier, double limit) {
    assertEquals(limit, P95.limit(tier));
  }

  @ParameterizedTest(
      name = "a value of {0} ms passes a '< limit(acceptable)' gate iff its tier is no worse")
  @ValueSource(doubles = {0, 499, 500, 999, 1000, 1500, 2000, 5000})
  void gateAtALimitAgreesWithTheTierOfTheValue(double millis) {
    for (Tier failBeyond : new Tier[] {Tier.TARGET, Tier.ACCEPTABLE, Tier.POOR}) {
      Criterion gate = new Criterion(Metric.P95, Comparison.LT, P95.limit(failBeyond));
      boolean noWorse = P95.classify(millis).compareTo(failBeyond) <= 0;
      assertEquals(noWorse, gate.holds(millis), failBeyond + " at " + millis);
    }
  }

  @Test
  void equalBoundsCollapseTheTiersBetweenThem() {
    Bounds b = new Bounds(100, 100, 200);
    assertEquals(Tier.TARGET, b.classify(99));
    assertEquals(Tier.POOR, b.classify(100));
    assertEquals(Tier.CRITICAL, b.classify(200));
  }

  @ParameterizedTest(name = "[{0}, {1}, {2}] is refused")
  @CsvSource({"1000, 500, 2000", "500, 2000, 1000", "3, 2, 1", "-1, 5, 10"})
  void boundsMustAscendFromZero(double target, double acceptable, double poor) {
    assertThrows(IllegalArgumentException.class, () -> new Bounds(target, acceptable, poor));
  }

  @Test
  void zeroTargetIsAllowed() {
    assertDoesNotThrow(() -> new Bounds(0, 0, 0));
    assertEquals(Tier.CRITICAL, new Bounds(0, 0, 0).classify(0));
  }
}
