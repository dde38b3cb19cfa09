package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tdunning.math.stats.AVLTreeDigest;
import io.perfgate.results.GatlingReportTable.Kind;
import io.perfgate.results.GatlingReportTable.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * perfgate's figures equal the ones Gatling 3.15.1 printed in index.html for the same real run:
 * every row of the statistics table (All Requests, each group, each request in its groups), every
 * column, and the errors table.
 *
 * <p>Percentiles: Gatling's t-digest breaks ties with an unseeded Random, so the report of one log
 * can differ by a millisecond from one generation to the next. perfgate's digest is seeded; the
 * test accepts Gatling's percentile when the same algorithm gives it for some seed, or when it is
 * within 1 ms of perfgate's. Everything else must be equal.
 */
class GatlingEqualityTest {
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
                "crawl")),
        "rows: " + paths);
    assertEquals(
        rows.stream().filter(r -> r.kind() == Kind.REQUEST).count(), stats.requests().size());
    assertEquals(rows.stream().filter(r -> r.kind() == Kind.GROUP).count(), stats.groups().size());
    assertTrue(stats.global().ko() > 0, "the fixture has failures");
  }

  @Test
  void everyFigureOfEveryRowIsGatlings() {
    int percentilesEqual = 0;
    int percentiles = 0;
    for (Row row : rows) {
      Stats s;
      List<Integer> values;
      switch (row.kind()) {
        case ROOT -> {
          s = stats.global();
          values = records.requests.stream().map(Recorded.Request::responseTime).toList();
        }
        case GROUP -> {
          s = stats.group(row.path()).orElseThrow(() -> new AssertionError(row.path())).global();
          values =
              records.groups.stream()
                  .filter(g -> g.group().toString().equals(row.path()))
                  .map(Recorded.Group::cumulated)
                  .toList();
        }
        default -> {
          s = stats.request(row.path()).orElseThrow(() -> new AssertionError(row.path())).global();
          values =
              records.requests.stream()
                  .filter(r -> r.path().equals(row.path()))
                  .map(Recorded.Request::responseTime)
                  .toList();
        }
      }
      String where = "row '" + row.path() + "' ";
      Stats.Gatling g = s.gatling();
      assertEquals(row.count(2), s.count(), where + "total");
      assertEquals(row.count(3), s.ok(), where + "OK");
      assertEquals(row.count(4), s.ko(), where + "KO");
      assertEquals(row.number(5), g.koPercent(), where + "% KO");
      assertEquals(row.number(6), g.rps(), where + "Cnt/s");
      assertEquals(row.integer(7), g.min(), where + "min");
      assertEquals(row.integer(12), g.max(), where + "max");
      assertEquals(row.integer(13), g.mean(), where + "mean");
      assertEquals(row.integer(14), g.stdDev(), where + "std dev");

      int[] cols = {8, 9, 10, 11};
      double[] qs = {0.5, 0.75, 0.95, 0.99};
      int[] mine = {g.p50(), g.p75(), g.p95(), g.p99()};
      for (int i = 0; i < cols.length; i++) {
        int theirs = row.integer(cols[i]);
        Set<Integer> possible = outcomes(values, qs[i]);
        assertTrue(
            possible.contains(mine[i]), where + "p" + qs[i] + ": " + mine[i] + " " + possible);
        assertTrue(
            possible.contains(theirs) || Math.abs(theirs - mine[i]) <= 1,
            where
                + "p"
                + qs[i]
                + ": Gatling "
                + theirs
                + ", perfgate "
                + mine[i]
                + ", possible "
                + possible);
        percentiles++;
        if (theirs == mine[i]) {
          percentilesEqual++;
        }
      }
    }
    // Ties are rare enough that most percentiles are equal outright.
    assertTrue(percentilesEqual * 10 >= percentiles * 7, percentilesEqual + "/" + percentiles);
  }

  @Test
  void theErrorsAreGatlings() throws Exception {
    Map<String, Long> theirs = GatlingReportTable.errors(run.report());
    assertTrue(theirs.size() >= 2, "the report lists errors: " + theirs);
    assertEquals(theirs.keySet().size(), stats.errors().size());
    for (RunStats.ErrorCount e : stats.errors()) {
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

  /** The rounded quantiles that AVLTreeDigest(100) gives for these values with 200 seeds. */
  private static Set<Integer> outcomes(List<Integer> values, double q) {
    Set<Integer> out = new TreeSet<>();
    List<Long> seeds = new ArrayList<>();
    for (long seed = 0; seed < 200; seed++) {
      seeds.add(seed);
    }
    seeds.add(0x5EEDL);
    for (long seed : seeds) {
      AVLTreeDigest d = Digests.create(seed);
      values.forEach(d::add);
      out.add((int) Math.round(d.quantile(q)));
    }
    return out;
  }
}
