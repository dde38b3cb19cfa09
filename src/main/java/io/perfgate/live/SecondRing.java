package io.perfgate.live;

import java.util.Arrays;

/**
 * One series' requests second by second (the second a response ended in), over a bounded recent
 * span: OK and KO counts and the exact p50, p95 and p99. The last {@link #RECENT} seconds keep
 * every value (a record written a little late still lands in its second, and the live page's "last
 * 10 s" figures are exact); an older second keeps only its counts and three percentiles, computed
 * once when it leaves the recent seconds. Memory is fixed: 28 bytes per second of span plus the
 * recent seconds' counts. Not thread-safe: the recorder locks around it.
 */
final class SecondRing {
  /** Seconds that keep every value. */
  static final int RECENT = 10;

  static final int NONE = -1;

  private final int capacity;
  private final long[] second;
  private final int[] ok;
  private final int[] ko;
  private final int[] p50;
  private final int[] p95;
  private final int[] p99;
  private final SecondCounts[] recent = new SecondCounts[RECENT];
  private final long[] recentSecond = new long[RECENT];
  private long latest = Long.MIN_VALUE;
  private long cachedSecond = Long.MIN_VALUE;
  private int cachedSlot;
  private int cachedRecent;

  SecondRing(int capacity) {
    if (capacity < RECENT) {
      throw new IllegalArgumentException("a span of at least " + RECENT + " s, not " + capacity);
    }
    this.capacity = capacity;
    this.second = new long[capacity];
    Arrays.fill(second, Long.MIN_VALUE);
    this.ok = new int[capacity];
    this.ko = new int[capacity];
    this.p50 = new int[capacity];
    this.p95 = new int[capacity];
    this.p99 = new int[capacity];
    Arrays.fill(recentSecond, Long.MIN_VALUE);
  }

  int capacity() {
    return capacity;
  }

  /** The latest second a response ended in, or Long.MIN_VALUE before the first. */
  long latest() {
    return latest;
  }

  /**
   * Counts a response that ended in second {@code s} after {@code ms}. A response older than the
   * span is not kept (the whole-run totals still count it); one older than the recent seconds adds
   * to its second's counts but no longer moves its percentiles.
   */
  void add(long s, int ms, boolean isOk) {
    if (s > latest) {
      advance(s);
    } else if (s <= latest - capacity) {
      return;
    }
    // Most records end in the same second as the one before: skip the two divisions then.
    int slot;
    int r;
    if (s == cachedSecond) {
      slot = cachedSlot;
      r = cachedRecent;
    } else {
      slot = slot(s);
      r = (int) Math.floorMod(s, RECENT);
      cachedSecond = s;
      cachedSlot = slot;
      cachedRecent = r;
    }
    if (second[slot] != s) {
      second[slot] = s;
      ok[slot] = 0;
      ko[slot] = 0;
      p50[slot] = NONE;
      p95[slot] = NONE;
      p99[slot] = NONE;
    }
    if (isOk) {
      ok[slot]++;
    } else {
      ko[slot]++;
    }
    if (recentSecond[r] == s) {
      recent[r].add(ms);
    }
  }

  private void advance(long s) {
    for (int r = 0; r < RECENT; r++) {
      if (recentSecond[r] != Long.MIN_VALUE && recentSecond[r] <= s - RECENT) {
        close(r);
      }
    }
    latest = s;
    int r = (int) Math.floorMod(s, RECENT);
    if (recent[r] == null) {
      recent[r] = new SecondCounts();
    }
    recentSecond[r] = s;
  }

  /** Fixes a recent second's percentiles and frees its counts for a later second. */
  private void close(int r) {
    long s = recentSecond[r];
    int slot = slot(s);
    if (second[slot] == s) {
      SecondCounts c = recent[r];
      p50[slot] = c.quantile(0.50);
      p95[slot] = c.quantile(0.95);
      p99[slot] = c.quantile(0.99);
    }
    recent[r].clear();
    recentSecond[r] = Long.MIN_VALUE;
  }

  private int slot(long s) {
    return (int) Math.floorMod(s, capacity);
  }

  /** One second's figures; percentiles are {@link #NONE} for a second without responses. */
  record Second(int ok, int ko, int p50, int p95, int p99) {
    static final Second EMPTY = new Second(0, 0, NONE, NONE, NONE);
  }

  /** Second {@code s}'s figures (empty when it had no response or has left the span). */
  Second get(long s) {
    if (s > latest || s <= latest - capacity) {
      return Second.EMPTY;
    }
    int slot = slot(s);
    if (second[slot] != s) {
      return Second.EMPTY;
    }
    int r = (int) Math.floorMod(s, RECENT);
    if (recentSecond[r] == s) {
      SecondCounts c = recent[r];
      return new Second(ok[slot], ko[slot], c.quantile(0.50), c.quantile(0.95), c.quantile(0.99));
    }
    return new Second(ok[slot], ko[slot], p50[slot], p95[slot], p99[slot]);
  }

  /**
   * Writes seconds {@code from..to} into the arrays, index 0 for {@code from}: counts, and
   * percentiles ({@link #NONE} for a second without responses).
   */
  void fill(
      long from, long to, int[] okOut, int[] koOut, int[] p50Out, int[] p95Out, int[] p99Out) {
    for (long s = from; s <= to; s++) {
      int i = (int) (s - from);
      Second v = get(s);
      okOut[i] = v.ok();
      koOut[i] = v.ko();
      p50Out[i] = v.p50();
      p95Out[i] = v.p95();
      p99Out[i] = v.p99();
    }
  }

  /**
   * The exact figures of the recent seconds {@code from..to} together, or null when none of them
   * had a response.
   */
  Second window(long from, long to) {
    SecondCounts merged = new SecondCounts();
    int okSum = 0;
    int koSum = 0;
    for (int r = 0; r < RECENT; r++) {
      long s = recentSecond[r];
      if (s != Long.MIN_VALUE && s >= from && s <= to) {
        merged.addAll(recent[r]);
        int slot = slot(s);
        okSum += ok[slot];
        koSum += ko[slot];
      }
    }
    if (merged.count() == 0) {
      return null;
    }
    return new Second(
        okSum, koSum, merged.quantile(0.50), merged.quantile(0.95), merged.quantile(0.99));
  }
}
