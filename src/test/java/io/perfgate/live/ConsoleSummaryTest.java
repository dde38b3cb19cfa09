package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summaries Gatling 3.15.1's own formatter writes, read back exactly. */
class ConsoleSummaryTest {

  /** The lines between a block's two rules. */
  static List<String> inner(List<String> printed) {
    int open = printed.indexOf(ConsoleSummary.RULE);
    int close = printed.lastIndexOf(ConsoleSummary.RULE);
    return printed.subList(open + 1, close);
  }

  @Test
  void readsRequestsInGroupsErrorsAndBothKindsOfScenario() {
    Map<String, Long> scenarios = new LinkedHashMap<>();
    scenarios.put("shoppers", 90L); // open model: Gatling knows the total
    scenarios.put("crawlers", null); // closed model
    GatlingConsoleText g = new GatlingConsoleText(scenarios);
    for (int i = 0; i < 1234; i++) {
      g.ok("home");
    }
    for (int i = 0; i < 59; i++) {
      g.ok("checkout / pay / pay");
    }
    for (int i = 0; i < 16; i++) {
      g.ko("checkout / pay / pay", "status.find.in([200, 209], 304), found 500");
    }
    for (int i = 0; i < 3; i++) {
      g.error("broken-template: No attribute named 'absent' is defined");
    }
    g.ok("search-\u691c\u7d22"); // a name wider on screen than in characters
    for (int i = 0; i < 75; i++) {
      g.userStart("shoppers");
    }
    for (int i = 0; i < 74; i++) {
      g.userDone("shoppers");
    }
    g.userStart("crawlers");
    g.userStart("crawlers");

    Optional<ConsoleSummary> parsed = ConsoleSummary.parse(inner(g.lines(5)));

    assertTrue(parsed.isPresent(), String.join("\n", g.lines(5)));
    ConsoleSummary s = parsed.get();
    assertEquals(5, s.elapsedSeconds());
    assertEquals(1234 + 59 + 1, s.ok());
    assertEquals(16, s.ko());
    assertEquals(
        List.of(
            new ConsoleSummary.Count("home", 1234, 0),
            new ConsoleSummary.Count("checkout / pay / pay", 59, 16),
            new ConsoleSummary.Count("search-\u691c\u7d22", 1, 0)),
        s.requests());
    assertEquals(
        List.of(
            new ConsoleSummary.ErrorCount("status.find.in([200, 209], 304), found 500", 16),
            new ConsoleSummary.ErrorCount(
                "broken-template: No attribute named 'absent' is defined", 3)),
        s.errors());
    assertEquals(
        List.of(
            new ConsoleSummary.Users("shoppers", 15, 1, 74),
            new ConsoleSummary.Users("crawlers", -1, 2, 0)),
        s.scenarios());
    assertFalse(s.complete());
  }

  @Test
  void aLongErrorMessageOnTwoLinesIsReadWholeUpToWhereGatlingCutsIt() {
    GatlingConsoleText g = new GatlingConsoleText(Map.of("s", 10L));
    String message =
        "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused, "
            + "while connecting to a target whose name is long enough to take a second line of"
            + " Gatling's console and then some more words so that Gatling has to cut it short";
    assertTrue(message.length() > 200);
    for (int i = 0; i < 12_345; i++) {
      g.ko("a", message);
    }
    g.error("short");

    ConsoleSummary s = ConsoleSummary.parse(inner(g.lines(61))).orElseThrow();

    assertEquals(2, s.errors().size(), s.errors().toString());
    ConsoleSummary.ErrorCount long1 = s.errors().get(0);
    assertEquals(12_345, long1.count(), "thousands separators read");
    assertTrue(message.startsWith(long1.message().substring(0, long1.message().length() - 3)));
    assertTrue(long1.message().endsWith("..."), long1.message());
    assertEquals(new ConsoleSummary.ErrorCount("short", 1), s.errors().get(1));
    assertEquals(new ConsoleSummary.Count("a", 0, 12_345), s.requests().get(0));
  }

  @Test
  void aPathLongerThanGatlingShowsIsCutTheWayTheRecorderCutsItsProbesLabels() {
    GatlingConsoleText g = new GatlingConsoleText(Map.of("s", 1L));
    String path = "checkout / " + "x".repeat(100);
    g.ok(path);
    ConsoleSummary s = ConsoleSummary.parse(inner(g.lines(1))).orElseThrow();
    String shown = s.requests().get(0).path();
    assertEquals(ConsoleSummary.MAX_PATH, shown.length());
    assertEquals(path.substring(0, ConsoleSummary.MAX_PATH - 3) + "...", shown);
  }

  @Test
  void everyUserDoneMakesTheSummaryComplete() {
    GatlingConsoleText g = new GatlingConsoleText(Map.of("s", 2L));
    g.userStart("s");
    g.userStart("s");
    g.userDone("s");
    g.userDone("s");
    g.ok("a");
    assertTrue(ConsoleSummary.parse(inner(g.lines(3))).orElseThrow().complete());
  }

  @Test
  void otherBlocksWithTheSameRulesAreNotSummaries() {
    // Gatling's statistics after its report has the same rules and no "elapsed" line.
    List<String> stats =
        List.of(
            "---- Global Information ---------------------------------------------------------"
                + "----|---Total---|-----OK----|----KO----",
            "> request count                                                                   "
                + "   |       684 |       575 |       109");
    assertEquals(Optional.empty(), ConsoleSummary.parse(stats));
    assertEquals(Optional.empty(), ConsoleSummary.parse(List.of()));
  }
}
