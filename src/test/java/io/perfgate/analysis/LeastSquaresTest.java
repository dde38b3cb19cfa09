package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The least-squares line and its R², on values worked out by hand. */
class LeastSquaresTest {
  @Test
  void anExactLineFitsPerfectly() {
    var f = LeastSquares.fit(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16});
    assertEquals(2, f.slope(), 1e-12);
    assertEquals(10, f.intercept(), 1e-12);
    assertEquals(1, f.r2(), 1e-12);
    assertEquals(4, f.points());
  }

  @Test
  void noisyPointsGiveTheTextbookSlopeAndR2() {
    // x = 1..5, y = 2, 4, 5, 4, 5: mean x 3, mean y 4, Sxx 10, Sxy 6, Syy 6.
    var f = LeastSquares.fit(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
    assertEquals(0.6, f.slope(), 1e-12);
    assertEquals(2.2, f.intercept(), 1e-12);
    assertEquals(36.0 / 60.0, f.r2(), 1e-12);
  }

  @Test
  void aFlatSeriesHasNoSlopeAndFitsPerfectly() {
    var f = LeastSquares.fit(new double[] {0, 1, 2}, new double[] {7, 7, 7});
    assertEquals(0, f.slope(), 0);
    assertEquals(1, f.r2(), 0);
  }

  @Test
  void aLineNeedsTwoDistinctX() {
    assertThrows(
        IllegalArgumentException.class, () -> LeastSquares.fit(new double[] {1}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> LeastSquares.fit(new double[] {1, 1}, new double[] {1, 2}));
  }
}
