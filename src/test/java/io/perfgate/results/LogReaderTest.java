package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.ErrorCount;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on real logs written by Gatling, and on logs written byte for byte like them. */
class LogReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheHeaderAndEveryRecordOfARealLog() throws Exception {
    Fixtures.Run run = Fixtures.concurrentRuns().a();
    Recorded r = Recorded.of(run.log());

    assertEquals("3.15.1", r.header.gatlingVersion());
    assertEquals(ReaderFixtureSimulation.class.getName(), r.header.simulationClass());
    assertEquals(Set.of("shoppers", "crawlers"), Set.copyOf(r.header.scenarios()));
    assertEquals(r.header, LogReader.readHeader(run.log()));

    ReadOutcome o = r.outcome;
    assertFalse(o.truncated());
    assertEquals(0, o.unmatched());
    assertEquals(Files.size(run.log()), o.bytesRead());
    assertEquals(
        r.requests.size() + r.users.size() + r.groups.size() + r.errors.size(), o.records());

    Set<String> paths = r.requests.stream().map(Recorded.Request::path).collect(Collectors.toSet());
    // search-検索 is written as a UTF-16 string; the pay request sits in two nested groups
    assertTrue(
        paths.containsAll(Set.of("home", "search-検索", "checkout/cart", "checkout/pay/pay")),
        paths.toString());
    assertEquals(
        Set.of(List.of("checkout"), List.of("checkout", "pay")),
        r.groups.stream().map(g -> g.group().names()).collect(Collectors.toSet()));
    assertTrue(
        r.errors.stream()
            .allMatch(e -> e.message().startsWith("broken-template: No attribute named 'absent'")),
        r.errors.toString());
    assertFalse(r.errors.isEmpty());
    assertTrue(r.requests.stream().anyMatch(q -> !q.ok() && q.message().contains("found 500")));
    assertTrue(
        r.requests.stream().filter(Recorded.Request::ok).allMatch(q -> q.message().isEmpty()));
    // every user that started ended: the run finished normally
    assertEquals(
        r.users.stream().filter(Recorded.User::start).count(),
        r.users.stream().filter(u -> !u.start()).count());
    // interned: a group path is one object per reader, equal to one built from its names
    Recorded.Request pay =
        r.requests.stream().filter(q -> q.name().equals("pay")).findFirst().orElseThrow();
    assertEquals(GroupPath.of(List.of("checkout", "pay")), pay.group());
    assertEquals("checkout/pay", pay.group().toString());
    assertEquals(GroupPath.of(List.of("checkout")), pay.group().parent());
  }

  @Test
  void recordsReachTheHandlerOneAtATimeAsTheyAreRead() throws IOException {
    // 1000 requests, then garbage. A handler that stops at the 10th request never lets the
    // reader reach the garbage: nothing is read ahead, nothing is collected before the handler.
    Path log = dir.resolve("then-garbage.log");
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("s"))) {
      for (int i = 0; i < 1000; i++) {
        w.request(List.of(), "r", i, i + 5, true, "");
      }
    }
    Files.write(log, new byte[] {9, 9, 9, 9}, StandardOpenOption.APPEND);
    assertThrows(LogFormatException.class, () -> LogReader.read(log, new RecordHandler() {}));

    class Stop extends RuntimeException {}
    int[] seen = {0};
    RecordHandler stopAtTen =
        new RecordHandler() {
          @Override
          public void request(GroupPath g, String n, int s, int e, boolean ok, String m) {
            if (++seen[0] == 10) {
              throw new Stop();
            }
          }
        };
    assertThrows(Stop.class, () -> LogReader.read(log, stopAtTen));
    assertEquals(10, seen[0]);
  }

  @Test
  void readingAllocatesNothingPerRecord() throws IOException {
    Path log = dir.resolve("big.log");
    int n = 400_000;
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("s"))) {
      for (int i = 0; i < n; i++) {
        List<String> groups = i % 3 == 0 ? List.of("g", "h") : List.of();
        w.request(
            groups,
            "name-" + (i % 7),
            i,
            i + i % 50,
            i % 10 != 0,
            i % 10 != 0 ? "" : "boom " + (i % 4));
        if (i % 100 == 0) {
          w.user("s", true, i).user("s", false, i + 20).group(List.of("g"), i, i + 9, 7, true);
        }
      }
    }
    long[] count = {0};
    RecordHandler counting =
        new RecordHandler() {
          @Override
          public void request(GroupPath g, String name, int s, int e, boolean ok, String m) {
            count[0] += name.length() + g.depth();
          }
        };
    LogReader.read(log, counting); // warms the reader up: the JIT compiles its loop
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    ReadOutcome o = LogReader.read(log, counting);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(n + 3L * (n / 100), o.records());
    // One object per record would be >= 16 bytes each: over 6 MB here. The reader allocates its
    // 64 KiB buffer, the distinct strings and group paths, and little else.
    assertTrue(
        allocated < 1_000_000, allocated + " bytes allocated for " + o.records() + " records");
  }

  @Test
  void unmatchedMessagesAreCountedAndLeftOutOfTheFigures() throws IOException {
    Path log = dir.resolve("unmatched.log");
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("ws"))) {
      w.user("ws", true, 0)
          .request(List.of(), "connect", 0, 10, true, "")
          .request(List.of(), "push", 20, Integer.MIN_VALUE, true, "")
          .request(List.of(), "push", 30, Integer.MIN_VALUE, false, "no check waited for it")
          .request(List.of(), "connect", 40, 60, true, "")
          .user("ws", false, 100);
    }
    Recorded r = Recorded.of(log);
    assertEquals(2, r.outcome.unmatched());
    assertEquals(6, r.outcome.records());
    assertEquals(2, r.unmatched.size());
    assertEquals(2, r.requests.size());
    RunStats s = RunStats.of(log, List.of());
    assertEquals(2, s.unmatched());
    assertEquals(2, s.global().count());
    assertEquals(List.of("connect"), s.requests().stream().map(RequestStats::name).toList());
    assertEquals(20, s.global().max());
    assertTrue(s.errors().isEmpty(), "an unmatched message's text is no request failure");
  }

  @Test
  void stringsInAnyCoderCachedOnceSanitizedAsGatlingReadsThem() throws IOException {
    Path log = dir.resolve("strings.log");
    try (SyntheticLog w =
        new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("scénario", "シナリオ"))) {
      w.user("シナリオ", true, 1)
          .request(List.of("外側", "inner"), "naïve-😀", 1, 4, false, "line one\nline\ttwo  ")
          .request(List.of("外側", "inner"), "naïve-😀", 5, 9, false, "line one\nline\ttwo  ")
          .request(List.of(), "", 6, 7, true, "")
          .group(List.of("外側", "inner"), 1, 10, 7, false)
          .group(List.of("外側"), 0, 11, 7, false)
          .error("crashed:\tbadly", 8)
          .user("シナリオ", false, 12);
    }
    Recorded r = Recorded.of(log);
    assertEquals(List.of("scénario", "シナリオ"), r.header.scenarios());
    assertEquals("シナリオ", r.users.get(0).scenario());
    Recorded.Request first = r.requests.get(0);
    assertEquals("naïve-😀", first.name());
    assertEquals(List.of("外側", "inner"), first.group().names());
    assertEquals("line one line two  ", first.message(), "\\n and \\t read as spaces");
    assertSame(first.name(), r.requests.get(1).name(), "a cached string is read once");
    assertSame(first.group(), r.requests.get(1).group());
    assertEquals("", r.requests.get(2).name());
    assertEquals("crashed: badly", r.errors.get(0).message());

    RunStats s = RunStats.of(log, List.of());
    assertEquals(
        List.of(
            new ErrorCount("line one line two", 2, 200.0 / 3),
            new ErrorCount("crashed: badly", 1, 100.0 / 3)),
        s.errors());
    assertEquals(
        List.of("外側", "外側/inner"), s.groups().stream().map(GroupStats::pathString).toList());
    assertEquals(7, s.group("外側/inner").orElseThrow().global().max());
    assertEquals(9, s.group("外側/inner").orElseThrow().duration().max());
    assertEquals(2, s.request("外側/inner/naïve-😀").orElseThrow().global().ko());
  }
}
