package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.CriterionParser;
import io.perfgate.gate.EnoughDataRule;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.gate.Tier;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A percentile gate is judged only when its scope holds enough values for the percentile. */
class EnoughDataGateTest {
  private static Gate gate(Scope scope, String criterion) {
    return Gate.sla(scope, CriterionParser.parse(criterion), "gates.conf:3");
  }

  private static Figures figures(long count, long p99) {
    return new Figures(count, count, 0, 1, p99 * 2, 10, 2, 10, 12, p99 / 2, p99, p99, 5);
  }

  private static Sla sla(EnoughDataRule rule) {
    return new Sla(Tier.ACCEPTABLE, Map.of(), Map.of(), false, "", List.of(), rule);
  }

  private static List<GateResult> judge(List<Gate> gates, EnoughDataRule rule, long count) {
    return GateJudge.judge(
        gates, sla(rule), ErrorBudget.NORMAL, scope -> Optional.of(figures(count, 400)));
  }

  @Test
  void p99Of25RequestsIsNotJudged() {
    GateResult g =
        judge(List.of(gate(Scope.request("health"), "p99 < 100ms")), EnoughDataRule.DEFAULT, 25)
            .get(0);

    assertEquals(GateResult.Outcome.NOT_ENOUGH_DATA, g.outcome());
    assertEquals("not enough data: 25 requests, p99 needs 1,000", g.note());
    assertTrue(g.passed(), "neither pass nor fail: it does not fail the run");
    assertTrue(g.unjudged());
    assertEquals(400.0, g.actual().getAsDouble(), "the value is shown, not judged");
    assertTrue(g.tier().isEmpty());
    assertEquals(Verdict.PASS, GateJudge.verdict(List.of(g), List.<Finding>of()));
  }

  @Test
  void theRuleIsTenValuesBeyondThePercentile() {
    List<Gate> gates =
        List.of(
            gate(Scope.global(), "p50 < 1s"),
            gate(Scope.global(), "p95 < 1s"),
            gate(Scope.global(), "p99 < 1s"),
            gate(Scope.global(), "p99.9 < 1s"),
            gate(Scope.global(), "max < 1s"),
            gate(Scope.global(), "errors < 1%"));

    List<GateResult> at999 = judge(gates, EnoughDataRule.DEFAULT, 999);
    List<GateResult> at1000 = judge(gates, EnoughDataRule.DEFAULT, 1000);

    assertEquals(GateResult.Outcome.PASSED, at999.get(0).outcome(), "p50 needs 20");
    assertEquals(GateResult.Outcome.PASSED, at999.get(1).outcome(), "p95 needs 200");
    assertEquals(GateResult.Outcome.NOT_ENOUGH_DATA, at999.get(2).outcome(), "p99 needs 1,000");
    assertEquals(GateResult.Outcome.PASSED, at1000.get(2).outcome());
    assertEquals(GateResult.Outcome.NOT_ENOUGH_DATA, at1000.get(3).outcome(), "p99.9: 10,000");
    assertEquals(GateResult.Outcome.PASSED, at999.get(4).outcome(), "max has no rule");
    assertEquals(GateResult.Outcome.PASSED, at999.get(5).outcome(), "errors have no rule");
    // valuesBeyond = 1: p99 needs 100.
    assertEquals(
        GateResult.Outcome.PASSED,
        judge(gates, new EnoughDataRule(1, false), 100).get(2).outcome());
  }

  @Test
  void aStrictPipelineMakesItFail() {
    GateResult g =
        judge(List.of(gate(Scope.group("triage"), "p95 < 1s")), new EnoughDataRule(10, true), 40)
            .get(0);

    assertEquals(GateResult.Outcome.NOT_ENOUGH_DATA, g.outcome());
    assertFalse(g.passed());
    assertEquals(
        "not enough data: 40 groups, p95 needs 200 (sla.enoughData.fail is set, so the gate fails)",
        g.note());
    assertEquals(Verdict.FAIL, GateJudge.verdict(List.of(g), List.<Finding>of()));
  }

  @Test
  void aScopeWithNothingMeasuredIsNotMeasuredNotShortOfData() {
    GateResult g =
        GateJudge.judge(
                List.of(gate(Scope.request("login"), "p99 < 1s")),
                sla(EnoughDataRule.DEFAULT),
                ErrorBudget.NORMAL,
                scope -> Optional.empty())
            .get(0);

    assertEquals(GateResult.Outcome.NOT_MEASURED, g.outcome());
    assertFalse(g.passed());
  }
}
