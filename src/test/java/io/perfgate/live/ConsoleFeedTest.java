package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Gatling's console through the feed: every summary reaches the recorder, one in five is printed
 * with its blank lines, the last one always, and everything else passes as it came.
 */
class ConsoleFeedTest {
  static final long T0 = 1_700_000_000_000L;
  final AtomicLong now = new AtomicLong(T0);
  final LiveRecorder recorder = LiveRecorderTest.recorder(LiveSettings.defaults(), now);
  final ConsoleFeed feed = new ConsoleFeed(recorder, 5, now::get);
  final List<String> printed = new ArrayList<>();

  void print(List<String> lines) {
    for (String l : lines) {
      printed.addAll(feed.line(l));
    }
  }

  @Test
  void everySummaryIsReadOneInFiveIsPrintedAndTheLastOneAtTheEnd() {
    GatlingConsoleText g = GatlingConsoleText.closed("browse");
    g.userStart("browse");
    print(List.of("Simulation io.perfgate.simulations.TrackerSimulation started..."));
    assertEquals(T0, recorder.startEpochMillis(), "Gatling's start line starts the live clock");
    for (int s = 1; s <= 7; s++) {
      g.ok("home");
      now.set(T0 + s * 1000L + 20);
      print(g.lines(s));
      print(List.of("12:00:0" + s + ".000 [WARN ] a log line between two summaries"));
    }

    // Seconds 1 to 7 were read: 7 requests in 7 seconds.
    LiveView v = recorder.view(0);
    assertEquals(6, v.to());
    assertEquals(7, v.all().count());
    // Printed: the log lines, and the summary of second 5 only, with its blank lines around it.
    List<String> summaries =
        printed.stream().filter(l -> l.endsWith("s elapsed")).map(l -> l.strip()).toList();
    assertEquals(1, summaries.size(), String.join("\n", printed));
    assertTrue(summaries.get(0).endsWith(" 5s elapsed"), summaries.toString());
    assertEquals(7, printed.stream().filter(l -> l.contains("a log line")).count());
    assertEquals(
        2, printed.stream().filter(l -> l.equals(ConsoleSummary.RULE)).count(), "one block");
    int open = printed.indexOf(ConsoleSummary.RULE);
    int close = printed.lastIndexOf(ConsoleSummary.RULE);
    assertEquals("", printed.get(open - 1), "the blank line before the block");
    assertEquals("", printed.get(close + 1), "the blank line after it");
    long outside =
        printed.subList(0, open).stream().filter(String::isEmpty).count()
            + printed.subList(close + 1, printed.size()).stream().filter(String::isEmpty).count();
    assertEquals(
        2, outside, "no blank line of a dropped summary is left:\n" + String.join("\n", printed));

    // The run ends: the last summary (second 7) is printed then.
    List<String> last = feed.finish();
    assertTrue(last.stream().anyMatch(l -> l.endsWith(" 7s elapsed")), last.toString());
    assertEquals(List.of(), feed.finish(), "once");
  }

  @Test
  void theSummaryThatSaysEveryUserIsDoneIsPrintedAtOnce() {
    GatlingConsoleText g = new GatlingConsoleText(Map.of("browse", 1L));
    g.userStart("browse");
    g.ok("home");
    now.set(T0 + 1000);
    print(g.lines(1));
    assertEquals(0, printed.size(), "second 1 is not printed");
    g.userDone("browse");
    now.set(T0 + 1300);
    print(g.lines(1));
    assertTrue(printed.stream().anyMatch(l -> l.endsWith(" 1s elapsed")), printed.toString());
    assertEquals(List.of(), feed.finish(), "nothing left to print");
  }

  @Test
  void aSummaryGatlingPrintsAfterTheRunsEndIsPrinted() {
    GatlingConsoleText g = GatlingConsoleText.closed("browse");
    g.userStart("browse");
    for (int s = 1; s <= 6; s++) {
      g.ok("home");
      now.set(T0 + s * 1000L);
      print(g.lines(s));
    }
    List<String> atEnd = feed.finish();
    assertTrue(atEnd.stream().anyMatch(l -> l.endsWith(" 6s elapsed")), atEnd.toString());
    printed.clear();

    // Gatling's console writer stops after perfgate's end: its final summary (with the answers
    // that came in since second 6) is still the run's last word on the console.
    g.ok("home");
    now.set(T0 + 6_400);
    print(g.lines(6));
    List<String> summaries = printed.stream().filter(l -> l.endsWith("s elapsed")).toList();
    assertEquals(1, summaries.size(), String.join("\n", printed));
    assertTrue(
        printed.stream()
            .anyMatch(
                l -> l.startsWith("> Global") && l.replaceAll(" +", " ").endsWith("| 7 | 7 | 0")),
        String.join("\n", printed));
  }

  @Test
  void gatlingsOtherBlocksAndPlainLinesPassAsTheyCame() {
    List<String> lines =
        List.of(
            "Parsing log file(s)...",
            "",
            ConsoleSummary.RULE,
            "---- Global Information ---------------------------------------------------------"
                + "----|---Total---|-----OK----|----KO----",
            "> request count                                                                   "
                + "   |       684 |       575 |       109",
            ConsoleSummary.RULE,
            "",
            "Reports generated, please open the following file: file:///tmp/index.html");
    print(lines);
    printed.addAll(feed.finish());
    assertEquals(lines, printed);
    assertEquals(Long.MIN_VALUE, recorder.startEpochMillis());
  }
}
