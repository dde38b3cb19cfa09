package io.perfgate.statistics;

/**
 * Whether a window holds enough values to judge a percentile: the q-quantile is judged only when at
 * least {@code beyond} values lie beyond it, that is when N ≥ ⌈beyond / (1 − q)⌉.
 *
 * <p>Why: with fewer values the percentile is decided by a handful of the slowest requests (the p99
 * of 25 values is their maximum), so one slow answer on a busy machine moves it across any
 * threshold. The number of values beyond the q-quantile of a window is roughly Poisson, so its
 * relative uncertainty is about 1/√k: with k = 10 about a third, with k = 1 (p99 of 100 values) all
 * of it. k = 10 gives p50 20 values, p75 40, p95 200, p99 1,000 and p99.9 10,000. The arithmetic is
 * done in integers on the quantile's exact fraction.
 *
 * @param beyond the number of values that must lie beyond the percentile, at least 1
 */
public record EnoughData(int beyond) {
  /** The default number of values beyond the percentile: 10. */
  public static final int DEFAULT_BEYOND = 10;

  /** The rule with {@link #DEFAULT_BEYOND}. */
  public static final EnoughData DEFAULT = new EnoughData(DEFAULT_BEYOND);

  /** What is counted, in the singular and the plural: request/requests, group/groups. */
  public record Noun(String one, String many) {
    public static final Noun REQUESTS = new Noun("request", "requests");
    public static final Noun GROUPS = new Noun("group", "groups");

    /** "1 request", "1,000 requests". */
    public String count(long n) {
      return Numbers.count(n) + " " + (n == 1 ? one : many);
    }
  }

  public EnoughData {
    if (beyond < 1) {
      throw new IllegalArgumentException(
          "the values beyond a percentile must be at least 1, not " + beyond);
    }
  }

  /**
   * The number of values a window needs to judge the q-quantile: ⌈k / (1 − q)⌉ = ⌈k·d / (d − n)⌉
   * for q = n/d.
   *
   * @throws IllegalArgumentException for the maximum (q = 1), which no window size makes reliable
   */
  public static long required(Quantile q, int beyond) {
    if (beyond < 1) {
      throw new IllegalArgumentException(
          "the values beyond a percentile must be at least 1, not " + beyond);
    }
    long tail = q.denominator() - q.numerator();
    if (tail == 0) {
      throw new IllegalArgumentException(
          "the maximum has no enough-data rule: no number of values puts any beyond it");
    }
    return (beyond * q.denominator() + tail - 1) / tail;
  }

  /** {@link #required(Quantile, int)} with this rule's {@code beyond}. */
  public long required(Quantile q) {
    return required(q, beyond);
  }

  /** Whether {@code count} values are enough to judge the q-quantile. */
  public boolean isEnough(Quantile q, long count) {
    return count >= required(q);
  }

  /** "p99 needs 1,000 requests". */
  public String needs(Quantile q) {
    return needs(q, Noun.REQUESTS);
  }

  /** "p99 needs 1,000 groups". */
  public String needs(Quantile q, Noun noun) {
    return q.label() + " needs " + noun.count(required(q));
  }

  /** "not enough data: 25 requests, p99 needs 1,000". */
  public String notEnough(Quantile q, long count) {
    return notEnough(q, count, Noun.REQUESTS);
  }

  /** "not enough data: 25 groups, p99 needs 1,000". */
  public String notEnough(Quantile q, long count, Noun noun) {
    return "not enough data: "
        + noun.count(count)
        + ", "
        + q.label()
        + " needs "
        + Numbers.count(required(q));
  }
}
