package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseTest {

  /**
   * For independent normal values the last step is marked as beyond the noise in about 5 % of
   * series of 10 runs and 2 % of 30 (2,000 series each).
   */
  @Test
  void ordinaryNoiseIsRarelyMarked() {
    SplittableRandom rng = new SplittableRandom(31);
    int[] lengths = {10, 30, 100};
    double[] limits = {0.06, 0.035, 0.03};
    for (int l = 0; l < lengths.length; l++) {
      int marked = 0;
      for (int t = 0; t < 2000; t++) {
        double[] x = new double[lengths[l]];
        for (int i = 0; i < x.length; i++) {
          x[i] = 100 + 3 * Load.gauss(rng);
        }
        marked += Noise.lastChangeWithinNoise(x, 0) ? 0 : 1;
      }
      System.out.printf("%d runs: last step marked in %d of 2000%n", lengths[l], marked);
      assertTrue(marked <= 2000 * limits[l], lengths[l] + " runs: " + marked);
    }
  }

  @Test
  void aRealStepIsBeyondTheNoise() {
    SplittableRandom rng = new SplittableRandom(32);
    double[] x = new double[20];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i == 19 ? 130 : 100) + 3 * Load.gauss(rng);
    }
    assertFalse(Noise.lastChangeWithinNoise(x, 0));
  }

  @Test
  void anEarlierLevelShiftDoesNotWidenTheNoise() {
    // Noise of sd 3 (differences of sd 4.24), then a step of 50 in the middle.
    SplittableRandom rng = new SplittableRandom(33);
    double[] x = new double[30];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i < 15 ? 100 : 150) + 3 * Load.gauss(rng);
    }
    Noise noise = Noise.of(x);
    assertTrue(noise.spread() > 2.5 && noise.spread() < 6.5, "spread " + noise.spread());
    assertFalse(noise.withinNoise(20));
    assertTrue(noise.withinNoise(4));
  }

  @Test
  void wholeMillisecondsThatRarelyMoveUseTheMeanDeviation() {
    // Differences 0, 0, 1, -1, 0, 0: MAD 0, mean absolute deviation 1/3, spread 1.2533 / 3.
    double[] x = {50, 50, 50, 51, 50, 50, 50};
    Noise noise = Noise.of(x);
    assertEquals(1.2533 / 3, noise.spread(), 1e-12);
    assertEquals(2.5 * 1.2533 / 3, noise.threshold(), 1e-12);
    assertTrue(noise.withinNoise(1));
    assertFalse(noise.withinNoise(2));
  }

  @Test
  void aConstantSeriesMarksAnyChangeUnlessAFloorIsGiven() {
    double[] flat = {40, 40, 40, 40, 40, 40};
    assertEquals(0, Noise.of(flat).threshold());
    assertTrue(Noise.lastChangeWithinNoise(flat, 0));
    double[] moved = {40, 40, 40, 40, 40, 41};
    assertFalse(Noise.lastChangeWithinNoise(moved, 0));
    assertTrue(Noise.lastChangeWithinNoise(moved, 1));
  }

  @Test
  void tooShortASeriesMarksNothing() {
    assertFalse(Noise.of(new double[] {1, 2, 3, 4}).known());
    assertTrue(Noise.lastChangeWithinNoise(new double[] {100, 100, 100, 400}, 0));
    assertTrue(Noise.lastChangeWithinNoise(new double[] {100}, 0));
    assertTrue(Noise.of(new double[] {1, 2, 3, 4, 5}).known());
  }
}
