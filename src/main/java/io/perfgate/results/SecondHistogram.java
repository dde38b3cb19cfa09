package io.perfgate.results;

import java.util.Arrays;

/**
 * Response times of one second, for its 95th percentile: counts in log-linear buckets, exact to the
 * millisecond below 256 ms and within 1/128 (0.8 %) above. A t-digest per second would cost three
 * times as much per record and 2 to 4 KB per second of run; this costs one array increment and is
 * dropped once its second is complete.
 */
final class SecondHistogram {
  private static final int EXACT = 256;
  private static final int SUB_BITS = 6; // 64 buckets per power of two past EXACT
  private int[] counts = new int[64];
  private long total;

  void add(int value) {
    int i = index(Math.max(0, value));
    if (i >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
    }
    counts[i]++;
    total++;
  }

  /** Adds every value counted by another histogram. */
  void addAll(SecondHistogram other) {
    if (other == null) {
      return;
    }
    if (other.counts.length > counts.length) {
      counts = Arrays.copyOf(counts, other.counts.length);
    }
    for (int i = 0; i < other.counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  /** The nearest-rank quantile (the value at rank ceil(q * n)), a bucket's middle past 256 ms. */
  double quantile(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return middle(i);
      }
    }
    throw new IllegalStateException("rank " + rank + " past " + total);
  }

  static int index(int v) {
    if (v < EXACT) {
      return v;
    }
    int e = 31 - Integer.numberOfLeadingZeros(v); // >= 8
    int sub = (v >>> (e - SUB_BITS)) & ((1 << SUB_BITS) - 1);
    return EXACT + ((e - 8) << SUB_BITS) + sub;
  }

  static double middle(int index) {
    if (index < EXACT) {
      return index;
    }
    int k = index - EXACT;
    int e = (k >>> SUB_BITS) + 8;
    int sub = k & ((1 << SUB_BITS) - 1);
    long width = 1L << (e - SUB_BITS);
    long low = (1L << e) + sub * width;
    return low + (width - 1) / 2.0;
  }
}
