package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.CriterionParser;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.gate.Tier;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import io.perfgate.profile.Profile;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CapacityFinderTest {
  private static final Sla SLA = new Sla(Tier.ACCEPTABLE, Map.of(), Map.of(), false, "", List.of());
  private static final List<Gate> GATES =
      List.of(
          new Gate(
              Gate.Kind.SLA,
              Scope.global(),
              CriterionParser.parse("p95 < 200ms"),
              "t",
              Optional.empty()),
          new Gate(
              Gate.Kind.SLA,
              Scope.global(),
              CriterionParser.parse("errors < 5%"),
              "t",
              Optional.empty()),
          // Not about one step's latency or errors: left out.
          new Gate(
              Gate.Kind.SLA,
              Scope.global(),
              CriterionParser.parse("rps > 100000"),
              "t",
              Optional.empty()),
          new Gate(
              Gate.Kind.SLA,
              Scope.request("x"),
              CriterionParser.parse("p95 < 1ms"),
              "t",
              Optional.empty()));

  /** Steps of 10 s (2 s ramp, 8 s hold) at the given levels. */
  private static Plan ladder(double... levels) {
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      phases.add(
          new Phase("step " + (i + 1), levels[i], Duration.ofSeconds(2), Duration.ofSeconds(8)));
    }
    return new Plan(
        new Profile("bp", "", LoadModel.CLOSED, ErrorBudget.STRESS, phases, Map.of()), phases);
  }

  private static Summary.Phase phase(int index, double level, long p95, long ko, double rps) {
    Figures f =
        new Figures(100, 100 - ko, ko, 1, p95, p95 / 2, 1, p95 / 2, p95, p95, p95, p95, rps);
    return new Summary.Phase(
        "step " + (index + 1),
        level,
        index * 10_000L,
        index * 10_000L + 10_000,
        f,
        OptionalDouble.empty());
  }

  private static Optional<Summary.Capacity> find(
      Plan plan, List<Summary.Phase> phases, long lastEvent, Optional<AbortNote> abort) {
    return CapacityFinder.find(plan, phases, GATES, SLA, ErrorBudget.STRESS, lastEvent, abort);
  }

  @Test
  void theLastStepBeforeTheFirstBreachIsTheCapacity() {
    Plan plan = ladder(10, 20, 40, 80);
    List<Summary.Phase> phases =
        List.of(
            phase(0, 10, 50, 0, 100),
            phase(1, 20, 90, 0, 199.5),
            phase(2, 40, 250, 0, 210),
            phase(3, 80, 20, 0, 400)); // never judged: the search ends at the first breach
    Summary.Capacity c = find(plan, phases, 40_000, Optional.empty()).orElseThrow();
    Summary.Step last = c.lastPassing().orElseThrow();
    assertEquals("step 2", last.name());
    assertEquals(20, last.level());
    assertEquals(199.5, last.rps());
    assertEquals("users", last.unit());
    Summary.Step first = c.firstFailing().orElseThrow();
    assertEquals("step 3", first.name());
    assertEquals("p95 < 200ms breached: it was 250ms", first.why());
  }

  @Test
  void errorsBreakAStepToo() {
    Summary.Capacity c =
        find(
                ladder(10, 20),
                List.of(phase(0, 10, 50, 0, 100), phase(1, 20, 50, 6, 150)),
                20_000,
                Optional.empty())
            .orElseThrow();
    assertEquals("step 1", c.lastPassing().orElseThrow().name());
    assertEquals("errors < 5% breached: it was 6%", c.firstFailing().orElseThrow().why());
  }

  @Test
  void aStepTheRunStoppedInFailsWithTheStopReason() {
    AbortNote abort = new AbortNote("gate 'p95 < 200ms' was breached", 15_000);
    Summary.Capacity c =
        find(
                ladder(10, 20, 40),
                List.of(phase(0, 10, 50, 0, 100), phase(1, 20, 60, 0, 150), phase(2, 40, 0, 0, 0)),
                15_200,
                Optional.of(abort))
            .orElseThrow();
    assertEquals("step 1", c.lastPassing().orElseThrow().name());
    assertEquals(
        "the run stopped during this step: gate 'p95 < 200ms' was breached",
        c.firstFailing().orElseThrow().why());
  }

  @Test
  void everyStepMeetingTheSlaLeavesNoFailingStep() {
    Summary.Capacity c =
        find(
                ladder(10, 20),
                List.of(phase(0, 10, 50, 0, 100), phase(1, 20, 60, 0, 190)),
                20_000,
                Optional.empty())
            .orElseThrow();
    assertEquals("step 2", c.lastPassing().orElseThrow().name());
    assertTrue(c.firstFailing().isEmpty());
  }

  @Test
  void aRunThatEndedEarlyDoesNotPassItsUnfinishedStep() {
    Summary.Capacity c =
        find(
                ladder(10, 20),
                List.of(phase(0, 10, 50, 0, 100), phase(1, 20, 60, 0, 190)),
                12_000,
                Optional.empty())
            .orElseThrow();
    assertEquals("step 1", c.lastPassing().orElseThrow().name());
    assertEquals("the run ended before this step did", c.firstFailing().orElseThrow().why());
  }

  @Test
  void profilesThatAreNoLadderHaveNoCapacity() {
    Plan spike = ladder(50, 500, 50);
    assertTrue(find(spike, List.of(), 30_000, Optional.empty()).isEmpty());
    Plan one = ladder(10);
    assertTrue(find(one, List.of(), 10_000, Optional.empty()).isEmpty());
  }
}
