package io.perfgate.analysis;

import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.statistics.Second;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated measured windows for the regression tests: {@code rps} requests start each second
 * (Poisson), log-normal response times around {@code medianMs} (spread 0.3) times a factor shared
 * by the second (spread 0.1), a share {@code errorRate} of them failing; whole milliseconds.
 */
record Traffic(int seconds, double rps, double medianMs, double errorRate) {
  MeasuredSeconds draw(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Second> out = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      double factor = Math.exp(0.1 * gauss(rng));
      int n = poisson(rng, rps);
      int[] times = new int[n];
      int failed = 0;
      for (int i = 0; i < n; i++) {
        times[i] = (int) Math.round(medianMs * factor * Math.exp(0.3 * gauss(rng)));
        failed += rng.nextDouble() < errorRate ? 1 : 0;
      }
      out.add(Second.ofTimes(failed, times));
    }
    return new MeasuredSeconds(out);
  }

  private static double gauss(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
        * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static int poisson(SplittableRandom rng, double lambda) {
    double limit = Math.exp(-lambda);
    double product = rng.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      k++;
    }
    return k;
  }
}
