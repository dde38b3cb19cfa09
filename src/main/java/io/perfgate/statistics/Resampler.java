package io.perfgate.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run's seconds prepared for the circular block bootstrap: draws a resample (blocks of
 * consecutive seconds, wrapping from the last second to the first) and computes its request,
 * failure and value counts and its nearest-rank percentiles, exactly and without expanding any
 * histogram.
 *
 * <p>Percentiles of a resample only need "how many values are at most v" for a few candidate v. The
 * candidates are few: the pooled q-quantile of any set of seconds lies between the smallest and the
 * largest q-quantile of the single seconds (each second has fewer than q·nᵢ values below its own
 * q-quantile, so all of them together have fewer than q·N below the smallest). Only the distinct
 * values in that range become columns. When (seconds + 1) × columns fits in {@link #TABLE_CELLS}, a
 * table of cumulative counts per column and second (column-major, so that one probe stays within
 * one column) answers each block's count in two reads, and a binary search over the columns finds
 * the rank: O(blocks · log columns) per resample. Otherwise the resample's in-range histogram
 * entries are added into one array and scanned: O(entries of the resampled seconds).
 */
final class Resampler {
  /** The largest cumulative table kept, in int cells (8 MB). */
  static final long TABLE_CELLS = 2_000_000;

  private final int n;
  private final int blockLength;
  private final int blocks;
  private final long[] requestPrefix;
  private final long[] failedPrefix;
  private final long[] countPrefix;
  private final Quantile[] quantiles;
  private final int[] columns;
  private final int[] lowColumn;
  private final int[] highColumn;
  private final int[] table;
  private final int[][] secondColumns;
  private final long[][] secondCounts;
  private final long[] belowPrefix;
  private final long[] scratch;

  Resampler(MeasuredSeconds run, List<Quantile> quantiles, int blockLength) {
    this(run, quantiles, blockLength, TABLE_CELLS);
  }

  Resampler(MeasuredSeconds run, List<Quantile> quantiles, int blockLength, long tableCells) {
    List<Second> seconds = run.seconds();
    this.n = seconds.size();
    if (n == 0) {
      throw new IllegalArgumentException("a window without seconds cannot be resampled");
    }
    if (blockLength < 1 || blockLength > n) {
      throw new IllegalArgumentException("block length " + blockLength + " for " + n + " seconds");
    }
    this.blockLength = blockLength;
    this.blocks = (n + blockLength - 1) / blockLength;
    this.quantiles = quantiles.toArray(Quantile[]::new);
    requestPrefix = new long[n + 1];
    failedPrefix = new long[n + 1];
    countPrefix = new long[n + 1];
    for (int i = 0; i < n; i++) {
      Second s = seconds.get(i);
      requestPrefix[i + 1] = requestPrefix[i] + s.requests();
      failedPrefix[i + 1] = failedPrefix[i] + s.failed();
      countPrefix[i + 1] = countPrefix[i] + s.count();
    }

    // The range of each quantile over single seconds, and the distinct values inside the union.
    int nq = this.quantiles.length;
    int[] lowValue = new int[nq];
    int[] highValue = new int[nq];
    Arrays.fill(lowValue, Integer.MAX_VALUE);
    Arrays.fill(highValue, Integer.MIN_VALUE);
    for (Second s : seconds) {
      long count = s.count();
      if (count == 0) {
        continue;
      }
      for (int q = 0; q < nq; q++) {
        int v = valueAtRank(s, this.quantiles[q].rank(count));
        lowValue[q] = Math.min(lowValue[q], v);
        highValue[q] = Math.max(highValue[q], v);
      }
    }
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int q = 0; q < nq; q++) {
      lo = Math.min(lo, lowValue[q]);
      hi = Math.max(hi, highValue[q]);
    }
    columns = distinctBetween(seconds, lo, hi);
    lowColumn = new int[nq];
    highColumn = new int[nq];
    for (int q = 0; q < nq; q++) {
      lowColumn[q] = Math.max(0, Arrays.binarySearch(columns, lowValue[q]));
      highColumn[q] = Math.max(0, Arrays.binarySearch(columns, highValue[q]));
    }

    // Each second's entries inside the range, as column indices, and its count below the range.
    int w = columns.length;
    secondColumns = new int[n][];
    secondCounts = new long[n][];
    belowPrefix = new long[n + 1];
    for (int i = 0; i < n; i++) {
      int[] values = seconds.get(i).valuesView();
      long[] counts = seconds.get(i).countsView();
      int from = lowerBound(values, lo);
      int to = from;
      long below = 0;
      for (int k = 0; k < from; k++) {
        below += counts[k];
      }
      while (to < values.length && values[to] <= hi) {
        to++;
      }
      int[] cols = new int[to - from];
      long[] cnts = new long[to - from];
      for (int k = from; k < to; k++) {
        cols[k - from] = Arrays.binarySearch(columns, values[k]);
        cnts[k - from] = counts[k];
      }
      secondColumns[i] = cols;
      secondCounts[i] = cnts;
      belowPrefix[i + 1] = belowPrefix[i] + below;
    }

    boolean fits = (long) (n + 1) * w <= tableCells && countPrefix[n] <= Integer.MAX_VALUE;
    if (fits && w > 0 && nq > 0) {
      // Column-major: a binary-search probe reads one column of n + 1 cells, which stays in cache.
      table = new int[(n + 1) * w];
      int stride = n + 1;
      for (int i = 0; i < n; i++) {
        int[] cols = secondColumns[i];
        long[] cnts = secondCounts[i];
        long cumulative = belowPrefix[i + 1] - belowPrefix[i];
        int k = 0;
        for (int c = 0; c < w; c++) {
          while (k < cols.length && cols[k] == c) {
            cumulative += cnts[k++];
          }
          table[c * stride + i + 1] = table[c * stride + i] + (int) cumulative;
        }
      }
      scratch = null;
    } else {
      table = null;
      scratch = new long[w];
    }
  }

  /**
   * The pooled nearest-rank value of each quantile over all of the run's seconds (one resample that
   * is the run itself); -1 for each when the seconds hold no value.
   */
  static long[] pooled(MeasuredSeconds run, List<Quantile> quantiles) {
    long[] out = new long[quantiles.size()];
    if (run.size() == 0) {
      Arrays.fill(out, -1);
      return out;
    }
    new Resampler(run, quantiles, run.size(), 0).percentiles(new int[] {0}, out);
    return out;
  }

  /** The seconds of the run. */
  int seconds() {
    return n;
  }

  /** The number of blocks in one resample: ⌈seconds / block length⌉. */
  int blocks() {
    return blocks;
  }

  /** Whether percentiles are answered from the cumulative table (true) or by adding entries. */
  boolean usesTable() {
    return table != null;
  }

  /** Draws the start second of each block of one resample, uniformly over the circle. */
  void draw(SplittableRandom rng, int[] starts) {
    for (int b = 0; b < blocks; b++) {
      starts[b] = rng.nextInt(n);
    }
  }

  /** Requests in the resample. */
  long requests(int[] starts) {
    return sum(requestPrefix, starts);
  }

  /** Failed requests in the resample. */
  long failed(int[] starts) {
    return sum(failedPrefix, starts);
  }

  /** Values in the resample's histograms. */
  long count(int[] starts) {
    return sum(countPrefix, starts);
  }

  /**
   * The nearest-rank value of each quantile (in the order given at construction) over the
   * resample's pooled histograms, into {@code out}; -1 when the resample holds no value.
   */
  void percentiles(int[] starts, long[] out) {
    long total = count(starts);
    if (total == 0) {
      Arrays.fill(out, 0, quantiles.length, -1);
      return;
    }
    if (table != null) {
      for (int q = 0; q < quantiles.length; q++) {
        out[q] = columns[searchTable(starts, quantiles[q].rank(total), q)];
      }
    } else {
      accumulate(starts, total, out);
    }
  }

  private int searchTable(int[] starts, long rank, int q) {
    int low = lowColumn[q];
    int high = highColumn[q];
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (countAtMost(starts, mid) >= rank) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  private long countAtMost(int[] starts, int column) {
    int base = column * (n + 1);
    long sum = 0;
    for (int b = 0; b < blocks; b++) {
      int s = base + starts[b];
      int end = starts[b] + length(b);
      if (end <= n) {
        sum += table[base + end] - table[s];
      } else {
        sum += (long) table[base + n] - table[s] + table[base + end - n];
      }
    }
    return sum;
  }

  private void accumulate(int[] starts, long total, long[] out) {
    Arrays.fill(scratch, 0);
    long below = 0;
    for (int b = 0; b < blocks; b++) {
      int s = starts[b];
      int len = length(b);
      for (int j = 0; j < len; j++) {
        int i = s + j < n ? s + j : s + j - n;
        int[] cols = secondColumns[i];
        long[] cnts = secondCounts[i];
        for (int k = 0; k < cols.length; k++) {
          scratch[cols[k]] += cnts[k];
        }
        below += belowPrefix[i + 1] - belowPrefix[i];
      }
    }
    for (int q = 0; q < quantiles.length; q++) {
      long rank = quantiles[q].rank(total);
      long seen = below;
      int c = 0;
      while (c < columns.length - 1 && seen + scratch[c] < rank) {
        seen += scratch[c++];
      }
      out[q] = columns[c];
    }
  }

  private long sum(long[] prefix, int[] starts) {
    long sum = 0;
    for (int b = 0; b < blocks; b++) {
      int s = starts[b];
      int end = s + length(b);
      sum += end <= n ? prefix[end] - prefix[s] : prefix[n] - prefix[s] + prefix[end - n];
    }
    return sum;
  }

  /** Every block is blockLength seconds long but the last, which is cut to make n seconds. */
  private int length(int block) {
    return block < blocks - 1 ? blockLength : n - (blocks - 1) * blockLength;
  }

  private static int valueAtRank(Second s, long rank) {
    int[] values = s.valuesView();
    long[] counts = s.countsView();
    long seen = 0;
    for (int k = 0; k < values.length; k++) {
      seen += counts[k];
      if (seen >= rank) {
        return values[k];
      }
    }
    throw new IllegalStateException("rank " + rank + " past " + seen + " values");
  }

  private static int[] distinctBetween(List<Second> seconds, int lo, int hi) {
    if (lo > hi) {
      return new int[0];
    }
    int size = 0;
    for (Second s : seconds) {
      size += s.valuesView().length;
    }
    int[] all = new int[size];
    int m = 0;
    for (Second s : seconds) {
      for (int v : s.valuesView()) {
        if (v >= lo && v <= hi) {
          all[m++] = v;
        }
      }
    }
    Arrays.sort(all, 0, m);
    int distinct = 0;
    for (int i = 0; i < m; i++) {
      if (distinct == 0 || all[i] != all[distinct - 1]) {
        all[distinct++] = all[i];
      }
    }
    return Arrays.copyOf(all, distinct);
  }

  private static int lowerBound(int[] values, int key) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
