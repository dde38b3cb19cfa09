package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.results.GatlingReportTable.Kind;
import io.perfgate.results.GatlingReportTable.Row;
import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * perfgate's figures of a real Gatling 3.15.1 run (several requests, nested groups, failures with
 * several messages, a UTF-16 name, a request with a long tail) are exact: every percentile equals
 * the nearest-rank value of all the row's values sorted, and every other figure equals the one
 * Gatling printed in index.html for the same run (counts, % KO, rps, min, max, mean, std dev) once
 * rounded as the report rounds it. Gatling's own percentiles are a t-digest estimate; how many of
 * them differ from the exact values is printed, not asserted.
 */
class ExactFiguresTest {
  private static final long[][] PERCENTILES = {{50, 100}, {75, 100}, {95, 100}, {99, 100}};

  private static Fixtures.Run run;
  private static RunStats stats;
  private static Recorded records;
  private static List<Row> rows;

  @BeforeAll
  static void read() throws Exception {
    run = Fixtures.concurrentRuns().a();
    stats = RunStats.of(run.log(), List.of());
    records = Recorded.of(run.log());
    rows = GatlingReportTable.rows(run.report());
  }

  @Test
  void theReportHasTheRowsOfTheFixture() {
    Set<String> paths = rows.stream().map(Row::path).collect(Collectors.toSet());
    assertTrue(
        paths.containsAll(
            Set.of(
                "",
                "checkout",
                "checkout/pay",
                "checkout/pay/pay",
                "checkout/cart",
                "home",
                "broken",
                "search-検索",
                "crawl",
                "tail")),
        "rows: " + paths);
    assertEquals(
        rows.stream().filter(r -> r.kind() == Kind.REQUEST).count(), stats.requests().size());
    assertEquals(rows.stream().filter(r -> r.kind() == Kind.GROUP).count(), stats.groups().size());
    assertTrue(stats.global().ko() > 0, "the fixture has failures");
    var tailRequests = records.requests(r -> r.name().equals("tail"));
    Recorded.Figures tail = Recorded.Figures.ofRequests(tailRequests);
    assertTrue(
        tail.max() >= 600 && tail.percentile(50, 100) < 50,
        "tail: a long tail, but max "
            + tail.max()
            + " ms and p50 "
            + tail.percentile(50, 100)
            + " ms over "
            + tailRequests.size()
            + " requests");
  }

  @Test
  void everyPercentileIsTheExactNearestRankAndTheRestIsGatlings() {
    int estimatesOff = 0;
    int percentiles = 0;
    for (Row row : rows) {
      Figures s;
      Recorded.Figures exact;
      switch (row.kind()) {
        case ROOT -> {
          s = stats.global();
          exact = Recorded.Figures.ofRequests(records.requests);
        }
        case GROUP -> {
          s = stats.group(row.path()).orElseThrow(() -> new AssertionError(row.path())).global();
          List<Recorded.Group> gs =
              records.groups.stream().filter(g -> g.group().toString().equals(row.path())).toList();
          exact =
              Recorded.Figures.of(
                  gs.stream().map(Recorded.Group::cumulated).toList(),
                  gs.stream().map(Recorded.Group::ok).toList());
        }
        default -> {
          s = stats.request(row.path()).orElseThrow(() -> new AssertionError(row.path())).global();
          exact = Recorded.Figures.ofRequests(records.requests(r -> r.path().equals(row.path())));
        }
      }
      String where = "row '" + row.path() + "' ";
      assertEquals(exact.count(), s.count(), where + "count");
      assertEquals(exact.min(), s.min(), where + "min");
      assertEquals(exact.max(), s.max(), where + "max");
      assertEquals(exact.mean(), s.mean(), 1e-9, where + "mean");
      assertEquals(exact.stdDev(), s.stdDev(), 1e-9, where + "std dev");
      long[] mine = {s.p50(), s.p75(), s.p95(), s.p99()};
      int[] cols = {8, 9, 10, 11};
      for (int i = 0; i < PERCENTILES.length; i++) {
        long truth = exact.percentile(PERCENTILES[i][0], PERCENTILES[i][1]);
        assertEquals(truth, mine[i], where + "p" + PERCENTILES[i][0] + " is the exact value");
        percentiles++;
        if (row.integer(cols[i]) != truth) {
          estimatesOff++;
        }
      }
      assertEquals(exact.percentile(999, 1000), s.p999(), where + "p99.9");

      // What Gatling's report shows, rounded as it rounds.
      assertEquals(row.count(2), s.count(), where + "total");
      assertEquals(row.count(3), s.ok(), where + "OK");
      assertEquals(row.count(4), s.ko(), where + "KO");
      assertEquals(row.number(5), twoDecimals(s.errorPercent()), where + "% KO");
      assertEquals(row.number(6), twoDecimals(s.rps()), where + "Cnt/s");
      assertEquals(row.integer(7), s.min(), where + "min");
      assertEquals(row.integer(12), s.max(), where + "max");
      assertEquals(row.integer(13), Math.round(s.mean()), where + "mean");
      assertEquals(row.integer(14), Math.round(s.stdDev()), where + "std dev");
    }
    System.out.printf(
        "Gatling's report estimated %d of %d percentiles differently from the exact values%n",
        estimatesOff, percentiles);
  }

  @Test
  void theSameLogGivesTheSameFiguresEveryTime() throws Exception {
    RunStats again = RunStats.of(run.log(), List.of());
    assertEquals(stats.global(), again.global());
    assertEquals(stats.requests(), again.requests());
    assertEquals(stats.groups(), again.groups());
    assertEquals(stats.seconds(), again.seconds());
  }

  @Test
  void theErrorsAreGatlings() throws Exception {
    Map<String, Long> theirs = GatlingReportTable.errors(run.report());
    assertTrue(theirs.size() >= 2, "the report lists errors: " + theirs);
    assertEquals(theirs.keySet().size(), stats.errors().size());
    for (ErrorCount e : stats.errors()) {
      assertEquals(theirs.get(e.message()), e.count(), e.message() + " in " + theirs);
    }
  }

  @Test
  void rpsIsOverGatlingsRunBoundsRoundedUpToTheSecond() {
    long first = records.first();
    long last = records.last();
    assertEquals(Math.ceil((last - first) / 1000.0), stats.durationSeconds());
    assertEquals(first, stats.firstEventMillis());
    assertEquals(last, stats.lastEventMillis());
    assertEquals(stats.global().count() / stats.durationSeconds(), stats.global().rps());
  }

  /** Two decimals, half-even, as the report's DecimalFormat("###.##") rounds a double. */
  private static double twoDecimals(double v) {
    return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }
}
