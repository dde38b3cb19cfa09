package io.perfgate.statistics;

import java.util.Arrays;

/**
 * One second of a run's measured window: the response times of the requests that started in it as
 * an exact sparse histogram, and its request and failure counts.
 *
 * <p>The histogram holds the values percentiles are taken over (usually every request's response
 * time, whole milliseconds as Gatling logs them); {@code requests} is what throughput counts and
 * {@code failed} what the error rate counts. The package does not require the histogram's total to
 * equal {@code requests}, so a caller may, for example, keep percentiles over successful requests
 * only.
 *
 * <p>The arrays are copied in and out: a second cannot be changed once made.
 *
 * @param values the distinct response times in milliseconds, strictly increasing, none negative
 * @param counts how many requests took each value, each at least 1, as many as {@code values}
 * @param requests the requests that started in this second, at least 0
 * @param failed the failed ones among them, from 0 to {@code requests}
 */
public record Second(int[] values, long[] counts, long requests, long failed) {
  private static final int[] NO_VALUES = new int[0];
  private static final long[] NO_COUNTS = new long[0];

  /** Checks the histogram and the counts and takes copies of the arrays. */
  public Second {
    if (values.length != counts.length) {
      throw new IllegalArgumentException(
          "a second needs one count per value: "
              + values.length
              + " values, "
              + counts.length
              + " counts");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || (i > 0 && values[i] <= values[i - 1])) {
        throw new IllegalArgumentException(
            "a second's values must be distinct, non-negative and increasing: "
                + Arrays.toString(values));
      }
      if (counts[i] < 1) {
        throw new IllegalArgumentException(
            "a second's counts must be at least 1: " + Arrays.toString(counts));
      }
    }
    if (requests < 0 || failed < 0 || failed > requests) {
      throw new IllegalArgumentException(
          "a second needs 0 <= failed <= requests, not " + failed + " failed of " + requests);
    }
    values = values.clone();
    counts = counts.clone();
  }

  /** A second with no request. */
  public static Second empty() {
    return new Second(NO_VALUES, NO_COUNTS, 0, 0);
  }

  /**
   * A second made of raw response times (any order, repeats allowed), one per request, {@code
   * failed} of which failed.
   */
  public static Second ofTimes(long failed, int... responseTimes) {
    int[] sorted = responseTimes.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    int[] values = new int[distinct];
    long[] counts = new long[distinct];
    int j = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        values[++j] = sorted[i];
      }
      counts[j]++;
    }
    return new Second(values, counts, sorted.length, failed);
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** The number of values in the histogram. */
  public long count() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /** The arrays without copying, for this package's loops. */
  int[] valuesView() {
    return values;
  }

  long[] countsView() {
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Second s
        && requests == s.requests
        && failed == s.failed
        && Arrays.equals(values, s.values)
        && Arrays.equals(counts, s.counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(values) + Arrays.hashCode(counts))
        + Long.hashCode(requests) * 7
        + Long.hashCode(failed);
  }

  @Override
  public String toString() {
    return "Second["
        + requests
        + " requests, "
        + failed
        + " failed, values "
        + Arrays.toString(values)
        + " × "
        + Arrays.toString(counts)
        + "]";
  }
}
