package io.perfgate.live;

import java.util.Arrays;

/**
 * A few values per second over a bounded recent span (users, the injector's CPU, the planned
 * arrival rate): NaN where a second has none. Fixed memory; not thread-safe (the recorder locks).
 */
final class ValueRing {
  private final int capacity;
  private final long[] second;
  private final double[][] columns;

  ValueRing(int capacity, int columnCount) {
    this.capacity = capacity;
    this.second = new long[capacity];
    Arrays.fill(second, Long.MIN_VALUE);
    this.columns = new double[columnCount][capacity];
  }

  private int slotOf(long s) {
    int slot = (int) Math.floorMod(s, capacity);
    if (second[slot] != s) {
      second[slot] = s;
      for (double[] c : columns) {
        c[slot] = Double.NaN;
      }
    }
    return slot;
  }

  void set(long s, int column, double value) {
    columns[column][slotOf(s)] = value;
  }

  void add(long s, int column, double delta) {
    int slot = slotOf(s);
    double v = columns[column][slot];
    columns[column][slot] = Double.isNaN(v) ? delta : v + delta;
  }

  /** The value of second {@code s}, NaN when it has none or has left the span. */
  double get(long s, int column) {
    int slot = (int) Math.floorMod(s, capacity);
    return second[slot] == s ? columns[column][slot] : Double.NaN;
  }

  /**
   * Seconds {@code from..to} of a column; with {@code carry}, a second without a value repeats the
   * latest earlier one in the span (a level such as active users holds until it changes).
   */
  double[] range(long from, long to, int column, boolean carry) {
    double[] out = new double[(int) (to - from + 1)];
    double last = Double.NaN;
    if (carry) {
      for (long s = from - 1; s > from - capacity && s > to - capacity; s--) {
        double v = get(s, column);
        if (!Double.isNaN(v)) {
          last = v;
          break;
        }
      }
    }
    for (long s = from; s <= to; s++) {
      double v = get(s, column);
      if (carry) {
        if (Double.isNaN(v)) {
          v = last;
        } else {
          last = v;
        }
      }
      out[(int) (s - from)] = v;
    }
    return out;
  }
}
