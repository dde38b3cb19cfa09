package io.perfgate.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The limit on what checks read: given, off, or derived from the heap and the peak users. */
class ResponseLimitTest {
  private static final long MB = 1L << 20;

  @Test
  void autoIsHalfTheHeapTheUsersLeaveFreeSharedByThemThreeTimesOver() {
    // 1 GB heap, 64 MB in use, 10 users of 16 KB: (1024 - 64 - 0.16) MB / 2 / (10 × 3) = 16 MB.
    long limit = ResponseLimit.AUTO.resolve(1024 * MB, 64 * MB, 10, 16 * 1024).orElseThrow();
    assertEquals((long) ((1024 * MB - 64 * MB - 10 * 16 * 1024) * 0.5 / 30), limit);
    assertEquals(16.0, (double) limit / MB, 0.01);
  }

  @Test
  void autoNeverGoesBelow64KB() {
    assertEquals(
        OptionalLong.of(64 * 1024),
        ResponseLimit.AUTO.resolve(256 * MB, 64 * MB, 100_000, 16 * 1024));
  }

  @Test
  void aGivenSizeIsKeptAndOffHasNone() {
    assertEquals(OptionalLong.of(10 * MB), ResponseLimit.of(10 * MB).resolve(1, 1, 1, 1));
    assertEquals(OptionalLong.empty(), ResponseLimit.OFF.resolve(1024 * MB, 0, 10, 1));
  }

  @Test
  void thePlanSaysHowTheLimitWasChosen() {
    String auto = ResponseLimit.AUTO.describe(OptionalLong.of(16 * MB), 10, 1024 * MB);
    assertEquals(
        "answers: checks read at most 16MB of each (target.maxResponseSize = auto: half the 1GB"
            + " heap the users leave free, shared by 10 users)",
        auto);
    assertTrue(
        ResponseLimit.OFF.describe(OptionalLong.empty(), 10, 1024 * MB).contains("however large"));
  }
}
