package io.perfgate.live;

import java.util.Arrays;

/**
 * One series' requests second by second over a bounded recent span, from the two live feeds: OK and
 * KO counts (Gatling's console, a second at a time) and the exact p50, p95 and p99 of the answers
 * (the response-time probe, answer by answer, by the second an answer ended in). The last {@code
 * exact} seconds keep every response time (an answer recorded a little late still lands in its
 * second, and windows over them are exact); an older second keeps only its counts and three
 * percentiles, fixed once when it leaves the exact seconds. Memory is fixed: 28 bytes per second of
 * span plus the exact seconds' counts. Not thread-safe: the recorder locks around it.
 */
final class SecondRing {
  /** Seconds that keep every value, unless a ring is asked for more. */
  static final int RECENT = 10;

  static final int NONE = -1;

  private final int capacity;
  private final int exact;
  private final long[] second;
  private final int[] ok;
  private final int[] ko;
  private final int[] p50;
  private final int[] p95;
  private final int[] p99;
  private final SecondCounts[] recent;
  private final long[] recentSecond;
  private long latest = Long.MIN_VALUE;

  SecondRing(int capacity) {
    this(capacity, RECENT);
  }

  /**
   * @param capacity seconds kept
   * @param exact the latest seconds whose every response time is kept (for exact windows)
   */
  SecondRing(int capacity, int exact) {
    if (exact < 1 || capacity < exact) {
      throw new IllegalArgumentException(
          "a span of at least " + exact + " s (and 1 s kept exact), not " + capacity);
    }
    this.capacity = capacity;
    this.exact = exact;
    this.second = new long[capacity];
    Arrays.fill(second, Long.MIN_VALUE);
    this.ok = new int[capacity];
    this.ko = new int[capacity];
    this.p50 = new int[capacity];
    this.p95 = new int[capacity];
    this.p99 = new int[capacity];
    this.recent = new SecondCounts[exact];
    this.recentSecond = new long[exact];
    Arrays.fill(recentSecond, Long.MIN_VALUE);
  }

  int capacity() {
    return capacity;
  }

  /** The latest second counted or timed, or Long.MIN_VALUE before the first. */
  long latest() {
    return latest;
  }

  /**
   * Adds Gatling's counts of second {@code s}. Counts older than the span are not kept (the
   * whole-run totals still have them).
   */
  void count(long s, int okCount, int koCount) {
    int slot = slotFor(s);
    if (slot < 0) {
      return;
    }
    ok[slot] += okCount;
    ko[slot] += koCount;
  }

  /**
   * Adds an answer that ended in second {@code s} after {@code ms}. One older than the exact
   * seconds no longer moves its second's percentiles.
   */
  void time(long s, int ms) {
    if (slotFor(s) < 0) {
      return;
    }
    int r = (int) Math.floorMod(s, exact);
    if (recentSecond[r] == s) {
      recent[r].add(ms);
    }
  }

  /** The slot of second {@code s}, made current; -1 when it has left the span. */
  private int slotFor(long s) {
    if (s > latest) {
      advance(s);
    } else if (s <= latest - capacity) {
      return -1;
    }
    int slot = (int) Math.floorMod(s, capacity);
    if (second[slot] != s) {
      second[slot] = s;
      ok[slot] = 0;
      ko[slot] = 0;
      p50[slot] = NONE;
      p95[slot] = NONE;
      p99[slot] = NONE;
    }
    return slot;
  }

  private void advance(long s) {
    for (int r = 0; r < exact; r++) {
      if (recentSecond[r] != Long.MIN_VALUE && recentSecond[r] <= s - exact) {
        close(r);
      }
    }
    // The seconds skipped on the way keep their (empty) percentile arrays for later answers.
    long from = latest == Long.MIN_VALUE ? s : Math.max(latest + 1, s - exact + 1);
    latest = s;
    for (long t = from; t <= s; t++) {
      int r = (int) Math.floorMod(t, exact);
      if (recent[r] == null) {
        recent[r] = new SecondCounts();
      }
      recentSecond[r] = t;
    }
  }

  /** Fixes an exact second's percentiles and frees its counts for a later second. */
  private void close(int r) {
    long s = recentSecond[r];
    int slot = (int) Math.floorMod(s, capacity);
    SecondCounts c = recent[r];
    if (c.count() > 0) {
      if (second[slot] != s) {
        second[slot] = s;
        ok[slot] = 0;
        ko[slot] = 0;
      }
      p50[slot] = c.quantile(0.50);
      p95[slot] = c.quantile(0.95);
      p99[slot] = c.quantile(0.99);
    }
    c.clear();
    recentSecond[r] = Long.MIN_VALUE;
  }

  /** One second's figures; percentiles are {@link #NONE} for a second without answers. */
  record Second(int ok, int ko, int p50, int p95, int p99) {
    static final Second EMPTY = new Second(0, 0, NONE, NONE, NONE);
  }

  /** Second {@code s}'s figures (empty when it had nothing or has left the span). */
  Second get(long s) {
    if (s > latest || s <= latest - capacity) {
      return Second.EMPTY;
    }
    int slot = (int) Math.floorMod(s, capacity);
    if (second[slot] != s) {
      return Second.EMPTY;
    }
    int r = (int) Math.floorMod(s, exact);
    if (recentSecond[r] == s) {
      SecondCounts c = recent[r];
      return new Second(ok[slot], ko[slot], c.quantile(0.50), c.quantile(0.95), c.quantile(0.99));
    }
    return new Second(ok[slot], ko[slot], p50[slot], p95[slot], p99[slot]);
  }

  /**
   * Writes seconds {@code from..to} into the arrays, index 0 for {@code from}: counts, and
   * percentiles ({@link #NONE} for a second without answers).
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

  /** The counts and every response time of the exact seconds {@code from..to} together. */
  Window window(long from, long to) {
    SecondCounts merged = new SecondCounts();
    long okSum = 0;
    long koSum = 0;
    for (long s = Math.max(from, latest - capacity + 1); s <= Math.min(to, latest); s++) {
      int slot = (int) Math.floorMod(s, capacity);
      if (second[slot] == s) {
        okSum += ok[slot];
        koSum += ko[slot];
      }
      int r = (int) Math.floorMod(s, exact);
      if (recentSecond[r] == s) {
        merged.addAll(recent[r]);
      }
    }
    return new Window(okSum, koSum, merged);
  }

  /**
   * Seconds of a ring together.
   *
   * @param times every response time of the exact seconds among them
   */
  record Window(long ok, long ko, SecondCounts times) {
    /** The window's OK, KO and exact percentiles; null when it had neither requests nor answers. */
    Second second() {
      if (ok + ko == 0 && times.count() == 0) {
        return null;
      }
      return new Second(
          (int) ok, (int) ko, times.quantile(0.50), times.quantile(0.95), times.quantile(0.99));
    }
  }
}
