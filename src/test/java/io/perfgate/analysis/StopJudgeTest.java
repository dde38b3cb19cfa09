package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.CriterionParser;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Scope;
import io.perfgate.profile.StopCriteria;
import io.perfgate.results.SlidingWindow;
import io.perfgate.summary.Figures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StopJudgeTest {
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  private static StopCriteria criteria(
      OptionalDouble errorRate, Optional<Duration> p95, OptionalLong errors, boolean gates) {
    return new StopCriteria(true, Duration.ofSeconds(10), errorRate, p95, errors, 20, gates);
  }

  /** A window from..to (ms) of n requests, ko failed, with the given p95. */
  private static SlidingWindow.Snapshot window(
      long from, long to, long n, long ko, double p95, long totalErrors) {
    long p = Math.round(p95);
    return new SlidingWindow.Snapshot(
        from,
        to,
        new Figures(
            n, n - ko, ko, 0, p * 2, p95 / 2, 1, p / 2, p / 2, p, p, p, n / ((to - from) / 1000.0)),
        n * 3,
        totalErrors);
  }

  private static StopJudge errorRate(double percent) {
    return new StopJudge(
        criteria(OptionalDouble.of(percent), Optional.empty(), OptionalLong.empty(), false),
        WARM_UP,
        List.of());
  }

  @Test
  void errorRateAboveTheLimitStopsAndSaysWhy() {
    StopJudge judge = errorRate(50);
    assertEquals(Optional.empty(), judge.judge(window(0, 10_000, 100, 50, 10, 50)));
    assertEquals(
        Optional.of(
            "51% of requests failed in the 10s up to 12s into the run (51 of 100), above the stop limit of 50%"),
        judge.judge(window(2_000, 12_000, 100, 51, 10, 51)));
  }

  @Test
  void errorsCountFromTheStartEvenInTheWarmUp() {
    // A target that is down from the first second stops the run at once, warm-up or not.
    assertTrue(errorRate(50).judge(window(0, 2_000, 40, 40, 1, 40)).isPresent());
  }

  @Test
  void tooFewRequestsAreNotJudgedOnRates() {
    assertEquals(Optional.empty(), errorRate(50).judge(window(0, 10_000, 19, 19, 1, 19)));
  }

  @Test
  void absoluteErrorCountStopsWhateverTheWindow() {
    StopJudge judge =
        new StopJudge(
            criteria(OptionalDouble.empty(), Optional.empty(), OptionalLong.of(300), false),
            WARM_UP,
            List.of());
    assertEquals(Optional.empty(), judge.judge(window(0, 10_000, 5, 1, 1, 299)));
    assertEquals(
        Optional.of("300 requests had failed by 10s into the run, the stop limit is 300"),
        judge.judge(window(0, 10_000, 5, 1, 1, 300)));
  }

  @Test
  void p95IsJudgedOnlyOnceTheWindowIsPastTheWarmUp() {
    StopJudge judge =
        new StopJudge(
            criteria(
                OptionalDouble.empty(),
                Optional.of(Duration.ofMillis(500)),
                OptionalLong.empty(),
                false),
            WARM_UP,
            List.of());
    assertEquals(Optional.empty(), judge.judge(window(4_000, 14_000, 100, 0, 900, 0)));
    assertEquals(Optional.empty(), judge.judge(window(5_000, 15_000, 100, 0, 500, 0)));
    assertEquals(
        Optional.of(
            "p95 was 501ms in the 10s up to 15s into the run, above the stop limit of 500ms"),
        judge.judge(window(5_000, 15_000, 100, 0, 501, 0)));
  }

  @Test
  void wholeRunGatesAreJudgedOnTheWindowWhenAsked() {
    List<Gate> gates =
        List.of(
            new Gate(
                Gate.Kind.SLA,
                Scope.global(),
                CriterionParser.parse("rps > 1000"),
                "t",
                Optional.empty()),
            new Gate(
                Gate.Kind.SLA,
                Scope.request("health"),
                CriterionParser.parse("p95 < 10ms"),
                "t",
                Optional.empty()),
            new Gate(
                Gate.Kind.SLA,
                Scope.global(),
                CriterionParser.parse("p95 < 200ms"),
                "t",
                Optional.empty()));
    StopJudge judge =
        new StopJudge(
            criteria(OptionalDouble.empty(), Optional.empty(), OptionalLong.empty(), true),
            WARM_UP,
            gates);
    // rps and request gates are not judged on the window; the global p95 gate is, once the window
    // holds enough requests for a p95 (200 by default).
    assertEquals(Optional.empty(), judge.judge(window(6_000, 16_000, 400, 0, 150, 0)));
    assertEquals(
        Optional.of(
            "gate 'p95 < 200ms' was breached in the 10s up to 16s into the run: p95 was 240ms"),
        judge.judge(window(6_000, 16_000, 400, 0, 240, 0)));
    assertEquals(
        Optional.empty(),
        judge.judge(window(6_000, 16_000, 199, 0, 240, 0)),
        "199 requests are not enough for a p95: no stop on them");
  }

  @Test
  void disabledCriteriaNeverStop() {
    StopCriteria off =
        new StopCriteria(
            false,
            Duration.ofSeconds(10),
            OptionalDouble.of(1),
            Optional.empty(),
            OptionalLong.of(1),
            1,
            false);
    assertEquals(
        Optional.empty(),
        new StopJudge(off, WARM_UP, List.of()).judge(window(0, 10_000, 100, 100, 1, 100)));
  }
}
