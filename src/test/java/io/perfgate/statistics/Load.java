package io.perfgate.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated load for the statistics tests: Poisson(rps) requests start in each second, each fails
 * with probability {@code errorRate}, and response times are log-normal around {@code medianMs}
 * (spread {@code sigma}) times a random factor exp(perSecond · Z) shared by all requests of a
 * second, like a short slow spell of the target. Values are rounded to whole milliseconds, as
 * Gatling logs them.
 */
record Load(
    int seconds, double rps, double medianMs, double sigma, double perSecond, double errorRate) {

  /** 30 s at 50 requests per second, median 50 ms, sigma 0.3, per-second factor sigma 0.1. */
  static Load typical() {
    return new Load(30, 50, 50, 0.3, 0.1, 0);
  }

  Load seconds(int seconds) {
    return new Load(seconds, rps, medianMs, sigma, perSecond, errorRate);
  }

  Load rps(double rps) {
    return new Load(seconds, rps, medianMs, sigma, perSecond, errorRate);
  }

  Load median(double medianMs) {
    return new Load(seconds, rps, medianMs, sigma, perSecond, errorRate);
  }

  Load perSecond(double perSecond) {
    return new Load(seconds, rps, medianMs, sigma, perSecond, errorRate);
  }

  Load errors(double errorRate) {
    return new Load(seconds, rps, medianMs, sigma, perSecond, errorRate);
  }

  MeasuredSeconds draw(SplittableRandom rng) {
    List<Second> list = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      double factor = Math.exp(perSecond * gauss(rng));
      int n = poisson(rng, rps);
      int[] times = new int[n];
      int failed = 0;
      for (int i = 0; i < n; i++) {
        times[i] = (int) Math.round(medianMs * factor * Math.exp(sigma * gauss(rng)));
        if (rng.nextDouble() < errorRate) {
          failed++;
        }
      }
      list.add(Second.ofTimes(failed, times));
    }
    return new MeasuredSeconds(list);
  }

  static double gauss(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** Knuth's multiplication method, fine for the small rates used here. */
  static int poisson(SplittableRandom rng, double lambda) {
    if (lambda > 300) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rng)));
    }
    double limit = Math.exp(-lambda);
    double product = rng.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      k++;
    }
    return k;
  }

  /** A window of identical seconds, each with these response times and failures. */
  static MeasuredSeconds constant(int seconds, long failedPerSecond, int... times) {
    List<Second> list = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      list.add(Second.ofTimes(failedPerSecond, times));
    }
    return new MeasuredSeconds(list);
  }

  /** {@code count} requests of {@code millis} ms each. */
  static int[] repeat(int count, int millis) {
    int[] t = new int[count];
    java.util.Arrays.fill(t, millis);
    return t;
  }
}
