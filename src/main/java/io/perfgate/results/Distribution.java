package io.perfgate.results;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The exact distribution of a set of whole-millisecond values (response times, group times): how
 * many times each value occurred. Every percentile, the mean and the standard deviation perfgate
 * reports are computed from one of these, so they are exact at Gatling's 1 ms resolution, the same
 * every time the same log is read, and two distributions merge without loss (several injectors, the
 * seconds of a window).
 *
 * <p>Values from 0 to {@value #DENSE_LIMIT} - 1 ms (about 33 s, beyond any usual request timeout)
 * are counted by an HdrHistogram with 4 significant digits, whose resolution below that bound is
 * exactly 1 ms: recording is an array increment. The rare values outside (negative ones, from a
 * clock that stepped back, and answers slower than the bound) are counted one by one in a sorted
 * map, so that nothing a run can log is ever rounded.
 *
 * <p>A distribution takes the dense form (256 KB, fast) only once a value of {@value #FRONT} ms or
 * more arrives; until then, and when first read with no such value, it is in HdrHistogram's packed
 * form, whose size follows the number of distinct values: a run with a thousand request names does
 * not hold a thousand dense histograms. {@link #compact} turns a dense one packed, for the many
 * small distributions a run keeps (one per second). The common answers, under {@value #FRONT} ms,
 * are first counted in a small plain array and folded into the histogram before anything reads it:
 * a log of millions of fast requests costs one array increment per value. Not thread-safe.
 */
public final class Distribution {
  /** Values below this (and from 0) are counted by the histogram at 1 ms resolution. */
  public static final int DENSE_LIMIT = 1 << 15;

  private static final int SIGNIFICANT_DIGITS = 4;

  /** Values below this are counted in {@link #front} until the next read. */
  static final int FRONT = 1024;

  /** null until a value needs it or the distribution is read. */
  private AbstractHistogram counts;

  /** A packed copy made to be kept: values go straight into it, not through {@link #front}. */
  private final boolean compacted;

  private long[] front;
  private boolean frontDirty;
  private NavigableMap<Integer, long[]> outside;
  private long count;
  private long sum;
  private long sumOfSquares;
  private int min = Integer.MAX_VALUE;
  private int max = Integer.MIN_VALUE;

  public Distribution() {
    this.compacted = false;
  }

  private Distribution(AbstractHistogram counts) {
    this.counts = counts;
    this.compacted = counts instanceof PackedHistogram;
  }

  private static Histogram dense() {
    return new Histogram(1, DENSE_LIMIT - 1, SIGNIFICANT_DIGITS);
  }

  private static PackedHistogram packed() {
    return new PackedHistogram(1, DENSE_LIMIT - 1, SIGNIFICANT_DIGITS);
  }

  /** Counts one value. */
  public void record(int value) {
    record(value, 1);
  }

  /** Counts a value {@code times} times. */
  public void record(int value, long times) {
    if (times <= 0) {
      return;
    }
    if (value >= 0 && value < FRONT && !compacted) {
      if (front == null) {
        front = new long[FRONT];
      }
      front[value] += times;
      frontDirty = true;
    } else if (value >= 0 && value < DENSE_LIMIT) {
      if (counts == null) {
        counts = dense();
      }
      counts.recordValueWithCount(value, times);
    } else {
      if (outside == null) {
        outside = new TreeMap<>();
      }
      outside.computeIfAbsent(value, v -> new long[1])[0] += times;
    }
    count += times;
    sum += value * times;
    sumOfSquares += (long) value * value * times;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }

  /** Folds the front counters into the histogram: every read starts with this. */
  private void fold() {
    if (counts == null) {
      counts = packed();
    }
    if (frontDirty) {
      for (int v = 0; v < FRONT; v++) {
        if (front[v] != 0) {
          counts.recordValueWithCount(v, front[v]);
          front[v] = 0;
        }
      }
      frontDirty = false;
    }
  }

  /** Adds every value of another distribution. */
  public void add(Distribution other) {
    if (other.count == 0) {
      return;
    }
    other.fold();
    fold();
    counts.add(other.counts);
    if (other.outside != null) {
      for (Map.Entry<Integer, long[]> e : other.outside.entrySet()) {
        if (outside == null) {
          outside = new TreeMap<>();
        }
        outside.computeIfAbsent(e.getKey(), v -> new long[1])[0] += e.getValue()[0];
      }
    }
    count += other.count;
    sum += other.sum;
    sumOfSquares += other.sumOfSquares;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /** A copy in packed form: its size follows the number of distinct values. */
  public Distribution compact() {
    fold();
    PackedHistogram p = packed();
    p.add(counts);
    Distribution d = new Distribution(p);
    d.copyTotals(this);
    return d;
  }

  /** An independent copy, dense (fast to record into). */
  public Distribution copy() {
    Distribution d = new Distribution();
    d.add(this);
    return d;
  }

  private void copyTotals(Distribution from) {
    if (from.outside != null) {
      outside = new TreeMap<>();
      from.outside.forEach((v, c) -> outside.put(v, new long[] {c[0]}));
    }
    count = from.count;
    sum = from.sum;
    sumOfSquares = from.sumOfSquares;
    min = from.min;
    max = from.max;
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The smallest value; meaningless when empty. */
  public int min() {
    return min;
  }

  /** The largest value; meaningless when empty. */
  public int max() {
    return max;
  }

  /** The sum of the values, as Gatling keeps it (a long). */
  public long sum() {
    return sum;
  }

  /** The arithmetic mean; NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : sum / (double) count;
  }

  /**
   * The population standard deviation, computed as Gatling computes it (sqrt of the mean of squares
   * minus the squared mean); NaN when empty.
   */
  public double stdDev() {
    if (count == 0) {
      return Double.NaN;
    }
    double mean = sum / (double) count;
    return Math.sqrt(Math.max(0, sumOfSquares / (double) count - mean * mean));
  }

  /**
   * The nearest rank of a percentile among {@code n} values: ceil(n * numerator / denominator), at
   * least 1. Exact integer arithmetic: p95 of 20 values is the 19th, p99.9 of 1,000 the 999th.
   */
  public static long rank(long n, long numerator, long denominator) {
    if (n <= 0) {
      return 0;
    }
    long r = Math.addExact(Math.multiplyExact(n, numerator), denominator - 1) / denominator;
    return Math.max(1, Math.min(n, r));
  }

  /**
   * The values at the given ranks (1 = the smallest value, {@link #count} the largest), ranks in
   * ascending order; one pass over the distribution.
   *
   * @throws IllegalArgumentException when a rank is outside 1..count or the ranks are not sorted
   */
  public int[] valuesAtRanks(long... ranks) {
    int[] out = new int[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] < 1 || ranks[i] > count || (i > 0 && ranks[i] < ranks[i - 1])) {
        throw new IllegalArgumentException(
            "rank " + ranks[i] + " of " + count + " values (ranks must ascend from 1)");
      }
    }
    Walk walk = new Walk(ranks, out);
    forEach(walk);
    return out;
  }

  /** The value at one rank (see {@link #valuesAtRanks}). */
  public int valueAtRank(long rank) {
    return valuesAtRanks(rank)[0];
  }

  /** Receives the distinct values of a distribution in ascending order, with their counts. */
  @FunctionalInterface
  public interface ValueCounts {
    void accept(int value, long count);
  }

  /** Calls {@code f} for each distinct value, smallest first, with how often it occurred. */
  public void forEach(ValueCounts f) {
    fold();
    if (outside != null) {
      for (Map.Entry<Integer, long[]> e : outside.headMap(0, false).entrySet()) {
        f.accept(e.getKey(), e.getValue()[0]);
      }
    }
    if (counts.getTotalCount() > 0) {
      for (HistogramIterationValue v : counts.recordedValues()) {
        f.accept((int) v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
      }
    }
    if (outside != null) {
      for (Map.Entry<Integer, long[]> e : outside.tailMap(0, true).entrySet()) {
        f.accept(e.getKey(), e.getValue()[0]);
      }
    }
  }

  private static final class Walk implements ValueCounts {
    private final long[] ranks;
    private final int[] out;
    private long seen;
    private int next;

    Walk(long[] ranks, int[] out) {
      this.ranks = ranks;
      this.out = out;
    }

    @Override
    public void accept(int value, long n) {
      seen += n;
      while (next < ranks.length && ranks[next] <= seen) {
        out[next++] = value;
      }
    }
  }

  // ---- encoding, for the stored distributions ----

  /**
   * The values from 0 to {@value #DENSE_LIMIT} - 1 in HdrHistogram's compressed encoding (the
   * format its {@code decodeFromCompressedByteBuffer} reads).
   */
  public byte[] encodeCounts() {
    fold();
    ByteBuffer buffer = ByteBuffer.allocate(counts.getNeededByteBufferCapacity());
    int length = counts.encodeIntoCompressedByteBuffer(buffer);
    byte[] out = new byte[length];
    buffer.flip();
    buffer.get(out);
    return out;
  }

  /** The values outside the histogram's range, as (value, count) pairs in ascending order. */
  public long[][] outsideCounts() {
    if (outside == null) {
      return new long[0][];
    }
    long[][] out = new long[outside.size()][];
    int i = 0;
    for (Map.Entry<Integer, long[]> e : outside.entrySet()) {
      out[i++] = new long[] {e.getKey(), e.getValue()[0]};
    }
    return out;
  }

  /**
   * A distribution from its encoded parts (see {@link #encodeCounts} and {@link #outsideCounts}),
   * in packed form.
   *
   * @throws IllegalArgumentException when the bytes are not such an encoding
   */
  public static Distribution decode(byte[] encodedCounts, long[][] outsideCounts) {
    AbstractHistogram h;
    try {
      h =
          PackedHistogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(encodedCounts), DENSE_LIMIT - 1);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not an HdrHistogram compressed encoding: " + e, e);
    }
    Distribution d = new Distribution(packed());
    if (h.getTotalCount() > 0) {
      for (HistogramIterationValue v : h.recordedValues()) {
        d.record((int) v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
      }
    }
    for (long[] pair : outsideCounts) {
      if (pair.length != 2 || pair[0] < Integer.MIN_VALUE || pair[0] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("an outside value is not a (value, count) pair");
      }
      d.record((int) pair[0], pair[1]);
    }
    return d;
  }
}
