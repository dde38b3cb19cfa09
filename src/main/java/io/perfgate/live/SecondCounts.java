package io.perfgate.live;

import java.util.Arrays;

/**
 * The whole-millisecond response times of one second of one series, counted exactly: one counter
 * per millisecond below {@link #DENSE} ms, and the values themselves above (slow answers are few,
 * and a list keeps them exact whatever their size). Its quantiles are nearest-rank figures (the
 * value at rank ceil(q * n)), the same definition as perfgate's reports. Reused from second to
 * second; not thread-safe (its owner locks).
 */
final class SecondCounts {
  /** Values below this many ms are counted in a dense array of this size (4 KB). */
  static final int DENSE = 1024;

  private int[] dense;
  private int low = Integer.MAX_VALUE;
  private int high = -1;
  private int[] slow = new int[0];
  private int slowCount;
  private boolean slowSorted = true;
  private long total;
  private long sum;
  private double sumOfSquares;
  private int min = Integer.MAX_VALUE;
  private int max = -1;

  void add(int ms) {
    int v = Math.max(0, ms);
    if (v < DENSE) {
      if (dense == null) {
        dense = new int[DENSE];
      }
      dense[v]++;
      if (v < low) {
        low = v;
      }
      if (v > high) {
        high = v;
      }
    } else {
      if (slowCount == slow.length) {
        slow = Arrays.copyOf(slow, Math.max(16, slowCount * 2));
      }
      slow[slowCount++] = v;
      slowSorted = false;
    }
    total++;
    sum += v;
    sumOfSquares += (double) v * v;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }

  long count() {
    return total;
  }

  /** The smallest value, or -1 without values. */
  int min() {
    return total == 0 ? -1 : min;
  }

  /** The largest value, or -1 without values. */
  int max() {
    return max;
  }

  /** The mean, NaN without values. */
  double mean() {
    return total == 0 ? Double.NaN : (double) sum / total;
  }

  /** The population standard deviation, as Gatling's, NaN without values. */
  double stdDev() {
    if (total == 0) {
      return Double.NaN;
    }
    double mean = (double) sum / total;
    return Math.sqrt(Math.max(0, sumOfSquares / total - mean * mean));
  }

  /**
   * The nearest-rank quantile in ms, or -1 without values.
   *
   * @param q in (0, 1]
   */
  int quantile(double q) {
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    if (dense != null) {
      for (int v = low; v <= high; v++) {
        seen += dense[v];
        if (seen >= rank) {
          return v;
        }
      }
    }
    sortSlow();
    return slow[(int) (rank - seen - 1)];
  }

  /** Adds every value of {@code other} to this one (for a window of several seconds). */
  void addAll(SecondCounts other) {
    if (other.dense != null) {
      if (dense == null) {
        dense = new int[DENSE];
      }
      for (int v = other.low; v <= other.high; v++) {
        dense[v] += other.dense[v];
      }
      low = Math.min(low, other.low);
      high = Math.max(high, other.high);
    }
    if (other.slowCount > 0) {
      if (slowCount + other.slowCount > slow.length) {
        slow = Arrays.copyOf(slow, slowCount + other.slowCount);
      }
      System.arraycopy(other.slow, 0, slow, slowCount, other.slowCount);
      slowCount += other.slowCount;
      slowSorted = false;
    }
    total += other.total;
    sum += other.sum;
    sumOfSquares += other.sumOfSquares;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /** Forgets every value, keeping the arrays for the next second. */
  void clear() {
    if (dense != null && high >= low) {
      Arrays.fill(dense, low, high + 1, 0);
    }
    low = Integer.MAX_VALUE;
    high = -1;
    if (slow.length > 4096) {
      // A burst of slow answers does not pin its memory for the rest of the run.
      slow = new int[0];
    }
    slowCount = 0;
    slowSorted = true;
    total = 0;
    sum = 0;
    sumOfSquares = 0;
    min = Integer.MAX_VALUE;
    max = -1;
  }

  private void sortSlow() {
    if (!slowSorted) {
      Arrays.sort(slow, 0, slowCount);
      slowSorted = true;
    }
  }
}
