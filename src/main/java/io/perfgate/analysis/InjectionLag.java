package io.perfgate.analysis;

import io.perfgate.results.RecordHandler;

/**
 * When the last virtual user started. An open-model profile starts users on a schedule whatever the
 * target does, so users still starting well after the schedule ended mean the injector could not
 * keep up with its own plan.
 */
final class InjectionLag implements RecordHandler {
  private long lastStart = -1;

  @Override
  public void user(String scenario, boolean start, int timestamp) {
    if (start) {
      lastStart = Math.max(lastStart, timestamp);
    }
  }

  /** Milliseconds from the run's start to the last user's start; -1 when no user started. */
  long lastStartMillis() {
    return lastStart;
  }

  /**
   * How late the last user started past the planned injection end, when that lag is more than
   * {@code max(1 s, 10 % of the plan)}; else 0.
   */
  static long significant(long lastStartMillis, long plannedMillis) {
    long lag = lastStartMillis - plannedMillis;
    return lag > Math.max(1000, plannedMillis / 10) ? lag : 0;
  }
}
