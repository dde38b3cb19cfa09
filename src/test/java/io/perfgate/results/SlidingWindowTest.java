package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  private static final GroupPath ROOT = GroupPath.newTree();

  private static void add(SlidingWindow w, int end, int rt, boolean ok) {
    w.request(ROOT, "r", end - rt, end, ok, ok ? "" : "boom");
  }

  @Test
  void countsOnlyTheLastSecondsOfTheLog() {
    SlidingWindow w = new SlidingWindow(Duration.ofSeconds(3));
    for (int s = 0; s < 10; s++) {
      for (int i = 0; i < 10; i++) {
        // 2 failures a second until 6 s, then all failures.
        add(w, s * 1000 + i * 100, 5, s >= 6 ? false : i >= 2);
      }
    }
    SlidingWindow.Snapshot snap = w.snapshot();
    assertEquals(7_000, snap.fromMillis());
    assertEquals(10_000, snap.toMillis());
    assertEquals(30, snap.requests());
    assertEquals(30, snap.errors());
    assertEquals(100.0, snap.errorPercent());
    assertEquals(100, snap.totalRequests());
    assertEquals(12 + 40, snap.totalErrors());
  }

  @Test
  void percentilesMeanAndMaxAreTheWindows() {
    SlidingWindow w = new SlidingWindow(Duration.ofSeconds(2));
    // An old slow second that has left the window.
    for (int i = 0; i < 100; i++) {
      add(w, 500, 900, true);
    }
    // Two seconds of 1..100 ms each.
    for (int s = 5; s <= 6; s++) {
      for (int rt = 1; rt <= 100; rt++) {
        add(w, s * 1000 + 500, rt, true);
      }
    }
    SlidingWindow.Snapshot snap = w.snapshot();
    assertEquals(200, snap.requests());
    assertEquals(95, snap.figures().p95()); // nearest rank 190 of 200: the value 95
    assertEquals(50, snap.figures().p50());
    assertEquals(99, snap.figures().p99());
    assertEquals(100, snap.figures().max());
    assertEquals(50.5, snap.figures().mean(), 1e-9);
    assertEquals(0.0, snap.errorPercent());
  }

  @Test
  void aRecordWrittenLateForASecondStillInTheWindowCounts() {
    SlidingWindow w = new SlidingWindow(Duration.ofSeconds(3));
    add(w, 5_100, 10, true);
    add(w, 3_900, 10, false); // second 3: still in the window of 3..5
    add(w, 1_000, 10, false); // second 1: gone
    SlidingWindow.Snapshot snap = w.snapshot();
    assertEquals(2, snap.requests());
    assertEquals(1, snap.errors());
    assertEquals(2, snap.totalErrors());
  }

  @Test
  void anEmptyWindowHasNoRate() {
    SlidingWindow.Snapshot snap = new SlidingWindow(Duration.ofSeconds(5)).snapshot();
    assertEquals(0, snap.requests());
    assertEquals(0.0, snap.errorPercent());
    assertTrue(snap.figures().isEmpty());
  }
}
