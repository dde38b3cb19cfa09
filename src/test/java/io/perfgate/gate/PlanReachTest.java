package io.perfgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import io.perfgate.profile.Profile;
import io.perfgate.workload.Journey;
import io.perfgate.workload.Step;
import io.perfgate.workload.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan's estimate of the values each gate will have, and its warnings. */
class PlanReachTest {
  private static final Duration MS100 = Duration.ofMillis(100);

  /** 8 users, 2 s ramp and 8 s hold; the first 2.5 s are warm-up. */
  private static Plan plan(LoadModel model, double level) {
    List<Phase> phases =
        List.of(new Phase("steady", level, Duration.ofSeconds(2), Duration.ofSeconds(8)));
    return new Plan(
        new Profile("it", "", model, ErrorBudget.NORMAL, phases, Map.of(), Duration.ofMillis(2500)),
        phases);
  }

  /** gates.conf's journeys: browse (weight 3) pauses 100 ms; triage (weight 1) never pauses. */
  private static Workload workload(boolean javaJourney) {
    Journey browse =
        new Journey(
            "browse",
            3,
            Optional.of(
                List.of(
                    new Step.Feed("jobs"),
                    new Step.Request("health"),
                    new Step.Request("list-jobs"),
                    new Step.Think(MS100, MS100))));
    Journey triage =
        new Journey(
            "triage",
            1,
            javaJourney
                ? Optional.empty()
                : Optional.of(
                    List.of(
                        new Step.Group(
                            "triage",
                            List.of(
                                new Step.Request("list-jobs"),
                                new Step.Request("clustered-failures"))))));
    return new Workload(
        Map.of(), Map.of(), Map.of("browse", browse, "triage", triage), MS100, MS100);
  }

  private static Gate gate(Scope scope, String criterion) {
    return Gate.sla(scope, CriterionParser.parse(criterion), "");
  }

  @Test
  void aClosedPlanIsBoundedByItsPausesAndOneMillisecondAnswers() {
    Map<String, Double> e = PlanReach.estimate(plan(LoadModel.CLOSED, 8), workload(false)).get();

    // 8 users for 7.5 s = 60 user-seconds; a user's journey lasts at least
    // 3/4 x 102 ms + 1/4 x 2 ms = 77 ms, so 60 / 0.077 = 779 journeys, 3/4 of them with a health
    // request.
    assertEquals(779.2 * 0.75, e.get("request:health"), 1);
    assertEquals(779.2 * 0.25, e.get("group:triage"), 1);
    assertEquals(779.2 * 0.25, e.get("request:triage/clustered-failures"), 1);
    assertEquals(779.2 * 2, e.get(""), 1);
  }

  @Test
  void anOpenPlanCountsTheUsersArrivingInTheWindow() {
    Map<String, Double> e = PlanReach.estimate(plan(LoadModel.OPEN, 20), workload(false)).get();

    // 20 users/s for the 7.5 s after the warm-up (the ramp ended at 2 s): 150 users, 2 requests
    // each.
    assertEquals(300, e.get(""), 1e-9);
    assertEquals(112.5, e.get("request:health"), 1e-9);
  }

  @Test
  void warnsAboutTheGatesThePlanCannotFeed() {
    List<String> warnings =
        PlanReach.warnings(
            plan(LoadModel.CLOSED, 8),
            workload(false),
            List.of(
                gate(Scope.request("health"), "p99 < 100ms"),
                gate(Scope.request("health"), "p95 < 100ms"),
                gate(Scope.global(), "errors < 1%")),
            EnoughDataRule.DEFAULT);

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings
            .get(0)
            .startsWith(
                "request health p99 < 100ms: this plan makes at most about 584 health requests in"
                    + " the measured window, and p99 needs 1,000"),
        warnings.get(0));
  }

  @Test
  void journeysWrittenInJavaGiveNoEstimate() {
    assertEquals(
        List.of(),
        PlanReach.warnings(
            plan(LoadModel.CLOSED, 8),
            workload(true),
            List.of(gate(Scope.request("health"), "p99.9 < 100ms")),
            EnoughDataRule.DEFAULT));
  }
}
