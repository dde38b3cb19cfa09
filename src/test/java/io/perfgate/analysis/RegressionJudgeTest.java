package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.EnoughDataRule;
import io.perfgate.gate.Gate;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.summary.Figures;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Regression gates judged by the statistics against a pinned or a rolling baseline. */
class RegressionJudgeTest {
  private static final Traffic HEALTHY = new Traffic(30, 80, 50, 0.002);
  private static final Traffic SLOWER = new Traffic(30, 80, 60, 0.002);
  private static final RegressionJudge JUDGE =
      new RegressionJudge(RegressionLimits.DEFAULT, EnoughDataRule.DEFAULT);
  private static final Pattern INTERVAL =
      Pattern.compile(
          "p95 \\+\\d+ % \\[\\+\\d+ %, \\+\\d+ %\\] against baseline run-0: regression");

  private static RegressionBaseline.Run run(String id, MeasuredSeconds seconds) {
    return new RegressionBaseline.Run(id, 0, figures(seconds), Map.of(), Optional.of(seconds));
  }

  private static Figures figures(MeasuredSeconds s) {
    long p95 = s.percentile(io.perfgate.statistics.Quantile.P95).orElse(0);
    long p99 = s.percentile(io.perfgate.statistics.Quantile.P99).orElse(0);
    return new Figures(
        s.requests(),
        s.requests() - s.failed(),
        s.failed(),
        1,
        p99 * 2,
        p95 / 2.0,
        1,
        p95 / 2,
        p95 / 2,
        p95,
        p99,
        p99,
        s.throughput());
  }

  private static RegressionBaseline pinned(MeasuredSeconds seconds) {
    return new RegressionBaseline(
        Summary.BaselineKind.PINNED,
        "baseline run-0",
        "baseline run-0 (baselines/x.json)",
        List.of(run("run-0", seconds)),
        List.of());
  }

  @Test
  void aRunTwentyPercentSlowerThanThePinnedBaselineRegressesWithItsInterval() {
    MeasuredSeconds base = HEALTHY.draw(1);
    MeasuredSeconds now = SLOWER.draw(2);

    List<GateResult> gates = JUDGE.judge(pinned(base), now, figures(now));

    assertEquals(4, gates.size());
    GateResult p95 = gates.get(0);
    assertEquals("global p95 no regression", p95.name());
    assertEquals(Gate.Kind.REGRESSION, p95.kind());
    assertEquals(GateResult.Outcome.FAILED, p95.outcome(), p95.note());
    assertFalse(p95.passed());
    assertTrue(INTERVAL.matcher(p95.note()).find(), p95.note());
    assertEquals("baseline run-0 (baselines/x.json)", p95.origin());
    // Throughput and errors did not change.
    assertEquals(GateResult.Outcome.PASSED, gates.get(2).outcome(), gates.get(2).note());
    assertEquals(GateResult.Outcome.PASSED, gates.get(3).outcome(), gates.get(3).note());
  }

  @Test
  void identicalRunsRarelyRegress() {
    // 40 pairs of identical 30 s runs, 4 figures each: at most 2.5 % per figure is the design.
    int alarms = 0;
    for (int i = 0; i < 40; i++) {
      MeasuredSeconds base = HEALTHY.draw(100 + i);
      MeasuredSeconds now = HEALTHY.draw(200 + i);
      for (GateResult g : JUDGE.judge(pinned(base), now, figures(now))) {
        alarms += g.outcome() == GateResult.Outcome.FAILED ? 1 : 0;
      }
    }
    assertTrue(alarms <= 4, alarms + " false alarms of 160 figures");
  }

  @Test
  void againstTheLastFiveRunsTheSpreadBetweenRunsDecides() {
    List<RegressionBaseline.Run> runs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      runs.add(run("run-" + i, HEALTHY.draw(10 + i)));
    }
    RegressionBaseline rolling =
        new RegressionBaseline(
            Summary.BaselineKind.ROLLING, "the last 5 runs", "history", runs, List.of());
    MeasuredSeconds slow = new Traffic(30, 80, 75, 0.002).draw(3);
    MeasuredSeconds same = HEALTHY.draw(4);

    GateResult slower = JUDGE.judge(rolling, slow, figures(slow)).get(0);
    GateResult healthy = JUDGE.judge(rolling, same, figures(same)).get(0);

    assertEquals(GateResult.Outcome.FAILED, slower.outcome(), slower.note());
    assertTrue(slower.note().contains("against the last 5 runs: regression"), slower.note());
    assertEquals(GateResult.Outcome.PASSED, healthy.outcome(), healthy.note());
    assertTrue(JUDGE.method(rolling).startsWith("spread between the last 5 runs"));
  }

  @Test
  void aPinnedRegressionMustAlsoStandOutFromTheSpreadOfTheRecentRuns() {
    // Runs of one service differ from run to run more than the seconds of one run show.
    List<RegressionBaseline.Run> recent = new ArrayList<>();
    double[] medians = {50, 56, 47, 58, 52};
    for (int i = 0; i < medians.length; i++) {
      recent.add(run("recent-" + i, new Traffic(30, 80, medians[i], 0.002).draw(30 + i)));
    }
    RegressionBaseline guarded =
        pinned(new Traffic(30, 80, 50, 0.002).draw(40)).withRecent(recent, List.of());
    MeasuredSeconds wobble = new Traffic(30, 80, 57, 0.002).draw(41);
    MeasuredSeconds slower = new Traffic(30, 80, 75, 0.002).draw(42);

    GateResult alone =
        JUDGE.judge(pinned(guarded.runs().get(0).seconds().get()), wobble, figures(wobble)).get(0);
    GateResult within = JUDGE.judge(guarded, wobble, figures(wobble)).get(0);
    GateResult beyond = JUDGE.judge(guarded, slower, figures(slower)).get(0);

    assertEquals(
        GateResult.Outcome.FAILED, alone.outcome(), "the pinned run alone: " + alone.note());
    assertEquals(GateResult.Outcome.PASSED, within.outcome(), within.note());
    assertTrue(
        within
            .note()
            .contains(
                "against baseline run-0: no regression, beyond this run's own noise"
                    + " but within the spread of the last 5 runs (p95 "),
        within.note());
    assertEquals(GateResult.Outcome.FAILED, beyond.outcome(), beyond.note());
    assertTrue(beyond.note().contains("against baseline run-0: regression"), beyond.note());
    assertTrue(JUDGE.method(guarded).contains("beyond the spread of the last 5 passing runs"));
  }

  @Test
  void withoutAnEarlierRunEveryGateIsNotEnoughDataNeverAFailure() {
    RegressionBaseline none =
        new RegressionBaseline(
            Summary.BaselineKind.ROLLING, "no earlier run", "history", List.of(), List.of());
    MeasuredSeconds now = HEALTHY.draw(5);

    for (GateResult g : JUDGE.judge(none, now, figures(now))) {
      assertEquals(GateResult.Outcome.NOT_ENOUGH_DATA, g.outcome());
      assertTrue(g.passed());
      assertTrue(g.note().startsWith("not enough data: no earlier passing run"), g.note());
      assertEquals("none", g.threshold());
    }
  }

  @Test
  void aShortRunOrTooFewRequestsForP99IsNotJudged() {
    MeasuredSeconds base = new Traffic(30, 20, 50, 0).draw(6); // 600 requests: p99 needs 1,000
    MeasuredSeconds now = new Traffic(3, 20, 80, 0).draw(7); // 3 seconds: no noise estimate

    List<GateResult> short3 = JUDGE.judge(pinned(base), now, figures(now));
    assertTrue(short3.stream().allMatch(g -> g.outcome() == GateResult.Outcome.NOT_ENOUGH_DATA));
    assertTrue(short3.get(0).note().contains("3 s in this run"), short3.get(0).note());

    MeasuredSeconds longer = new Traffic(30, 20, 50, 0).draw(8);
    GateResult p99 = JUDGE.judge(pinned(base), longer, figures(longer)).get(1);
    assertEquals(GateResult.Outcome.NOT_ENOUGH_DATA, p99.outcome());
    assertTrue(p99.note().contains("p99 needs 1,000"), p99.note());
    assertTrue(p99.passed());
  }

  @Test
  void aSavedBaselineWithoutDistributionsIsJudgedOnFixedLimits() {
    Figures then = figures(HEALTHY.draw(9));
    RegressionBaseline old =
        new RegressionBaseline(
            Summary.BaselineKind.PINNED,
            "baseline run-0",
            "baseline run-0",
            List.of(new RegressionBaseline.Run("run-0", 0, then, Map.of(), Optional.empty())),
            List.of());
    MeasuredSeconds now = SLOWER.draw(10);

    List<GateResult> gates = JUDGE.judge(old, now, figures(now));

    GateResult p95 = gates.get(0);
    assertEquals(RegressionLimits.DEFAULT.latencyLimit(then.p95()), p95.thresholdValue());
    assertEquals(GateResult.Outcome.FAILED, p95.outcome(), p95.note());
    assertTrue(p95.note().contains("beyond the fixed limit"), p95.note());
    assertTrue(p95.note().contains("save it again"), p95.note());
    assertTrue(JUDGE.method(old).startsWith("fixed limits"));
  }

  @Test
  void anErrorRateAtOrBelowTheFloorIsNeverARegression() {
    MeasuredSeconds base = new Traffic(30, 80, 50, 0).draw(11);
    RegressionLimits floor =
        new RegressionLimits(true, 0.05, java.time.Duration.ofMillis(5), 0.05, 0.02, 5.0, 5);
    RegressionJudge judge = new RegressionJudge(floor, EnoughDataRule.DEFAULT);
    MeasuredSeconds now = new Traffic(30, 80, 50, 0.03).draw(12);

    GateResult errors = judge.judge(pinned(base), now, figures(now)).get(3);

    assertEquals(GateResult.Outcome.PASSED, errors.outcome(), errors.note());
    assertTrue(errors.note().contains("errorsFloor"), errors.note());
  }
}
