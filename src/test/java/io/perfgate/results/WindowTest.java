package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Figures;
import io.perfgate.summary.Second;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Figures over windows, and the per-second series, equal those computed by brute force over the
 * same records of a real log (kept in lists by {@link Recorded}).
 */
class WindowTest {
  private static final List<Window> WINDOWS =
      List.of(
          new Window("warm-up", 0, 2000),
          Window.of("middle", Duration.ofSeconds(2), Duration.ofSeconds(5)),
          Window.from("measured", Duration.ofSeconds(3)).withPerRequest(),
          new Window("after-the-end", 100_000, 200_000));

  private static Recorded records;
  private static RunStats stats;

  @BeforeAll
  static void read() throws Exception {
    Fixtures.Run run = Fixtures.concurrentRuns().a();
    records = Recorded.of(run.log());
    stats = RunStats.of(run.log(), WINDOWS);
  }

  @Test
  void globalFiguresOverEachWindowAreTheBruteForceOnes() {
    for (Window w : WINDOWS) {
      List<Recorded.Request> in = records.requests(r -> w.contains(r.start()));
      assertFigures(Recorded.Figures.ofRequests(in), stats.globalByWindow().get(w.name()), w);
    }
  }

  @Test
  void requestAndGroupFiguresOverEachWindowAreTheBruteForceOnes() {
    for (Window w : WINDOWS.stream().filter(Window::perRequest).toList()) {
      for (RequestStats r : stats.requests()) {
        Predicate<Recorded.Request> p = q -> q.path().equals(r.path()) && w.contains(q.start());
        assertFigures(
            Recorded.Figures.ofRequests(records.requests(p)), r.byWindow().get(w.name()), w);
      }
      for (GroupStats g : stats.groups()) {
        List<Recorded.Group> in =
            records.groups.stream()
                .filter(x -> x.group().toString().equals(g.pathString()) && w.contains(x.start()))
                .toList();
        assertFigures(
            Recorded.Figures.of(
                in.stream().map(Recorded.Group::cumulated).toList(),
                in.stream().map(Recorded.Group::ok).toList()),
            g.byWindow().get(w.name()),
            w);
      }
    }
  }

  @Test
  void aWindowAfterTheRunIsEmptyAndSaysSo() {
    Figures s = stats.globalByWindow().get("after-the-end");
    assertTrue(s.isEmpty());
    assertEquals(0, s.p95());
    assertTrue(Double.isNaN(s.mean()));
    assertEquals(0, s.rps());
  }

  @Test
  void onlyPerRequestWindowsHaveRequestFigures() {
    for (RequestStats r : stats.requests()) {
      assertEquals(List.of("measured"), List.copyOf(r.byWindow().keySet()), r.path());
    }
  }

  @Test
  void windowsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new Window("backwards", 5000, 1000));
    assertThrows(IllegalArgumentException.class, () -> new Window("negative", -1, 1000));
    Fixtures.Run run = assertRun();
    assertThrows(
        IllegalArgumentException.class,
        () -> RunStats.of(run.log(), List.of(new Window("x", 0, 1), new Window("x", 1, 2))));
  }

  @Test
  void theSecondsSeriesIsTheBruteForceOne() {
    List<Second> seconds = stats.seconds();
    assertTrue(seconds.size() >= 6, "a 6 s run has at least 6 seconds: " + seconds.size());
    long active = 0;
    long endedBefore = 0;
    for (Second s : seconds) {
      long from = s.offsetSeconds() * 1000;
      long to = from + 1000;
      Predicate<Integer> in = t -> t >= from && t < to;
      List<Recorded.Request> rs = records.requests(r -> in.test(r.start()));
      assertEquals(rs.size(), s.figures().count(), "second " + s.offsetSeconds());
      assertEquals(
          rs.stream().filter(r -> !r.ok()).count(),
          s.figures().ko(),
          "second " + s.offsetSeconds());
      long started =
          records.users.stream().filter(u -> u.start() && in.test(u.timestamp())).count();
      long ended = records.users.stream().filter(u -> !u.start() && in.test(u.timestamp())).count();
      assertEquals(started, s.usersStarted());
      assertEquals(ended, s.usersEnded());
      long alive =
          records.users.stream().filter(u -> u.start() && u.timestamp() < to).count()
              - records.users.stream().filter(u -> !u.start() && u.timestamp() < from).count();
      assertEquals(alive, s.activeUsers(), "second " + s.offsetSeconds());
      if (rs.isEmpty()) {
        assertEquals(0, s.figures().count());
      } else {
        Recorded.Figures exact = Recorded.Figures.ofRequests(rs);
        assertEquals(exact.percentile(95, 100), s.figures().p95(), "second " + s.offsetSeconds());
        assertEquals(exact.percentile(50, 100), s.figures().p50(), "second " + s.offsetSeconds());
        assertEquals(exact.max(), s.figures().max(), "second " + s.offsetSeconds());
      }
      active = Math.max(active, s.activeUsers());
      endedBefore += ended;
    }
    assertTrue(active > 0);
    assertEquals(records.users.stream().filter(u -> !u.start()).count(), endedBefore);
    assertEquals(
        records.requests.size(), seconds.stream().mapToLong(x -> x.figures().count()).sum());
  }

  private static Fixtures.Run assertRun() {
    try {
      return Fixtures.concurrentRuns().a();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertFigures(Recorded.Figures expected, Figures actual, Window w) {
    String where = "window " + w.name() + ": ";
    assertEquals(expected.count(), actual.count(), where + "count");
    double seconds =
        Math.max(
                0,
                Math.min(w.toMillis(), records.last()) - Math.max(w.fromMillis(), records.first()))
            / 1000.0;
    assertEquals(seconds == 0 ? 0 : expected.count() / seconds, actual.rps(), 1e-9, where + "rps");
    if (expected.count() == 0) {
      assertTrue(actual.isEmpty());
      return;
    }
    assertEquals(expected.ok(), actual.ok(), where + "ok");
    assertEquals(expected.count() - expected.ok(), actual.ko(), where + "ko");
    assertEquals(expected.min(), actual.min(), where + "min");
    assertEquals(expected.max(), actual.max(), where + "max");
    assertEquals(expected.mean(), actual.mean(), 1e-9, where + "mean");
    assertEquals(expected.stdDev(), actual.stdDev(), 1e-9, where + "std dev");
    assertEquals(expected.percentile(50, 100), actual.p50(), where + "p50");
    assertEquals(expected.percentile(75, 100), actual.p75(), where + "p75");
    assertEquals(expected.percentile(95, 100), actual.p95(), where + "p95");
    assertEquals(expected.percentile(99, 100), actual.p99(), where + "p99");
    assertEquals(expected.percentile(999, 1000), actual.p999(), where + "p99.9");
    assertEquals(expected.count() / seconds, actual.rps(), 1e-9, where + "rps");
  }
}
