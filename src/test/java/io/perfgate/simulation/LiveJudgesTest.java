package io.perfgate.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.analysis.Explanations;
import io.perfgate.gate.CriterionParser;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.gate.Tier;
import io.perfgate.live.ConsoleSummary;
import io.perfgate.live.GateStanding;
import io.perfgate.live.LiveRecorder;
import io.perfgate.live.LiveSettings;
import io.perfgate.live.PhaseSpan;
import io.perfgate.live.RunLabels;
import io.perfgate.live.StopStanding;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import io.perfgate.profile.Profile;
import io.perfgate.profile.StopCriteria;
import io.perfgate.results.SlidingWindow;
import io.perfgate.summary.Figures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * What a run tells its live recorder besides the figures: where the plan stands, every gate's
 * standing on the measured window so far, the stop criteria against their limits, and which of
 * Gatling's -D settings would blind the live feed.
 */
class LiveJudgesTest {
  static final long T0 = 1_700_000_000_000L;
  static final Sla SLA = new Sla(Tier.ACCEPTABLE, Map.of(), Map.of(), false, "", List.of());

  static Plan plan(LoadModel model, Phase... phases) {
    List<Phase> list = List.of(phases);
    return new Plan(
        new Profile("p", "", model, ErrorBudget.NORMAL, list, Map.of()), list, Duration.ZERO);
  }

  static Gate gate(Scope scope, String criterion) {
    return Gate.sla(scope, CriterionParser.parse(criterion), "test");
  }

  final AtomicLong now = new AtomicLong(T0);

  /** A recorder with the default settings, no masking, reading {@code clock}; not started. */
  static LiveRecorder plainRecorder(LongSupplier clock) {
    return new LiveRecorder(
        new RunLabels("S", "p", "", "0"),
        "",
        LiveSettings.defaults(),
        t -> t,
        Explanations::errorClass,
        clock);
  }

  LiveRecorder recorder() {
    LiveRecorder r = plainRecorder(now::get);
    r.start(T0);
    return r;
  }

  @Test
  void thePlanClockNamesThePhaseAndTheArrivalsAnOpenModelPlans() {
    PlanClock clock =
        new PlanClock(
            plan(
                LoadModel.OPEN,
                new Phase("ramp", 10, Duration.ofSeconds(10), Duration.ZERO),
                new Phase("spike", 50, Duration.ZERO, Duration.ofSeconds(5)),
                new Phase("recovery", 10, Duration.ofSeconds(5), Duration.ofSeconds(5))));
    assertEquals(
        List.of(
            new PhaseSpan("ramp", 0, 10),
            new PhaseSpan("spike", 10, 15),
            new PhaseSpan("recovery", 15, 25)),
        clock.spans());
    assertEquals(25, clock.plannedSeconds());
    assertEquals("ramp", clock.phaseAt(0));
    assertEquals("spike", clock.phaseAt(12));
    assertEquals("recovery", clock.phaseAt(24.9));
    assertEquals(PlanClock.FINISHING, clock.phaseAt(25));
    assertEquals(0, clock.arrivalsAt(0));
    assertEquals(5, clock.arrivalsAt(5), 1e-9);
    assertEquals(50, clock.arrivalsAt(12));
    assertEquals(30, clock.arrivalsAt(17.5), 1e-9, "half-way down from 50 to 10");
    assertEquals(10, clock.arrivalsAt(22));
    assertEquals(0, clock.arrivalsAt(30));
    assertTrue(
        Double.isNaN(
            new PlanClock(
                    plan(
                        LoadModel.CLOSED,
                        new Phase("hold", 5, Duration.ZERO, Duration.ofSeconds(5))))
                .arrivalsAt(1)));

    LiveRecorder r = recorder();
    now.set(T0 + 12_000);
    clock.update(r, now.get());
    assertEquals("spike", r.phase());
    assertEquals(12, r.elapsedSeconds(), 1e-9);
    assertEquals(50, r.plannedArrivalsPerSecond());
  }

  @Test
  void gatesStandOnTheMeasuredWindowAndReadNotMeasuredWhenThereIsNothingToJudge() {
    LiveRecorder r = recorder();
    LiveGates gates =
        new LiveGates(
            List.of(
                gate(Scope.global(), "p95 < 50ms"),
                gate(Scope.global(), "errors < 1%"),
                gate(Scope.request("checkout/pay"), "p99 < 20ms"),
                gate(Scope.request("legacy"), "p95 < 20ms"),
                gate(Scope.request("never"), "errors < 1%"),
                gate(Scope.group("checkout"), "p95 < 1s")),
            SLA,
            ErrorBudget.NORMAL);
    assertEquals(List.of("checkout/pay", "legacy", "never"), gates.requests());
    r.measure(Duration.ofSeconds(1), Duration.ofSeconds(10), gates.requests());
    assertTrue(
        gates.standings(r).stream().allMatch(g -> g.state() == GateStanding.State.NOT_MEASURED),
        "nothing measured before the first second after the warm-up");

    LiveRecorder.Probe pay = r.probe("pay");
    for (int s = 0; s < 3; s++) {
      pay.answered(List.of("checkout"), T0 + s * 1000 + 100, T0 + s * 1000 + 130);
      // "legacy" is a request written with Gatling's http(...): counted, never timed.
      r.summary(
          new ConsoleSummary(
              s + 1,
              2L * (s + 1),
              s,
              List.of(
                  new ConsoleSummary.Count("checkout / pay", s + 1, 0),
                  new ConsoleSummary.Count("legacy", s + 1, s)),
              List.of(),
              List.of()),
          T0 + s * 1000 + 1_030);
    }
    List<GateStanding> standings = gates.standings(r);
    assertEquals(
        List.of(
            // 3 timed answers: a p95 needs 200 before it is judged, a p99 1,000, as in the verdict.
            new GateStanding(
                "global p95 < 50ms", "30ms", "< 50ms", GateStanding.State.NOT_ENOUGH_DATA),
            new GateStanding("global errors < 1%", "33.333%", "< 1%", GateStanding.State.FAIL),
            new GateStanding(
                "request checkout/pay p99 < 20ms",
                "30ms",
                "< 20ms",
                GateStanding.State.NOT_ENOUGH_DATA),
            new GateStanding(
                "request legacy p95 < 20ms", "", "< 20ms", GateStanding.State.NOT_MEASURED),
            new GateStanding(
                "request never errors < 1%", "", "< 1%", GateStanding.State.NOT_MEASURED),
            new GateStanding(
                "group checkout p95 < 1000ms", "", "< 1000ms", GateStanding.State.NOT_MEASURED)),
        standings);
  }

  @Test
  void aPercentileGateIsJudgedLiveOnceItsWindowHoldsEnoughAnswers() {
    LiveRecorder r = recorder();
    LiveGates gates =
        new LiveGates(
            List.of(gate(Scope.global(), "p95 < 50ms"), gate(Scope.global(), "p99 < 20ms")),
            SLA,
            ErrorBudget.NORMAL);
    r.measure(Duration.ofSeconds(1), Duration.ofSeconds(10), gates.requests());
    LiveRecorder.Probe pay = r.probe("pay");
    int answers = 200;
    for (int i = 0; i < answers; i++) {
      long start = T0 + 1_000 + i;
      pay.answered(List.of(), start, start + 30);
    }
    r.summary(
        new ConsoleSummary(
            2,
            answers,
            0,
            List.of(new ConsoleSummary.Count("pay", answers, 0)),
            List.of(),
            List.of()),
        T0 + 2_000);
    assertEquals(
        List.of(
            new GateStanding("global p95 < 50ms", "30ms", "< 50ms", GateStanding.State.PASS),
            new GateStanding(
                "global p99 < 20ms", "30ms", "< 20ms", GateStanding.State.NOT_ENOUGH_DATA)),
        gates.standings(r));
  }

  @Test
  void stopStandingsShowEachCriterionAgainstItsLimitInBaseUnits() {
    StopCriteria criteria =
        new StopCriteria(
            true,
            Duration.ofSeconds(10),
            OptionalDouble.of(50),
            Optional.of(Duration.ofMillis(200)),
            OptionalLong.of(100),
            20,
            true);
    StopStandings standings =
        new StopStandings(
            criteria, Duration.ofSeconds(5), List.of(gate(Scope.global(), "p99 < 250ms")));
    Figures f = new Figures(40, 10, 30, 1, 400, 100, 50, 90, 120, 300, 350, 400, 4);
    StopStanding s = standings.of(new SlidingWindow.Snapshot(10_000, 20_000, f, 500, 120));
    assertEquals(10, s.windowSeconds());
    assertEquals(40, s.requests());
    assertEquals(
        List.of(
            new StopStanding.Criterion(StopStanding.Kind.ERROR_RATIO, 0.75, 0.5, true),
            new StopStanding.Criterion(StopStanding.Kind.P95, 0.3, 0.2, true),
            new StopStanding.Criterion(StopStanding.Kind.ERRORS, 120, 100, true),
            new StopStanding.Criterion(StopStanding.Kind.GATES, 1, 0, true)),
        s.criteria());
    // During the warm-up latency is not judged, and a window under minRequests not on rates.
    StopStanding early =
        standings.of(new SlidingWindow.Snapshot(0, 4_000, Figures.countsOnly(10, 9, 2.5), 10, 9));
    assertTrue(Double.isNaN(early.criteria().get(0).value()));
    assertFalse(early.criteria().get(0).tripped());
    assertTrue(Double.isNaN(early.criteria().get(1).value()));
    assertTrue(Double.isNaN(early.criteria().get(3).value()));
  }

  @Test
  void gatlingSettingsThatWouldBlindTheLiveFeedAreRefused() {
    assertTrue(GatlingConsole.refusal(Map.of()).isEmpty());
    assertTrue(GatlingConsole.refusal(Map.of(GatlingConsole.WRITE_PERIOD, "1")).isEmpty());
    assertTrue(
        GatlingConsole.refusal(Map.of(GatlingConsole.WRITE_PERIOD, "5"))
            .orElseThrow()
            .contains("live.consolePeriod"));
    assertTrue(GatlingConsole.refusal(Map.of(GatlingConsole.LIGHT, "true")).isPresent());
    assertTrue(GatlingConsole.refusal(Map.of("gatling.data.writers.0", "file")).isPresent());
    assertTrue(
        GatlingConsole.refusal(
                Map.of("gatling.data.writers.0", "file", "gatling.data.writers.1", "console"))
            .isEmpty());
    assertTrue(GatlingConsole.warning(Map.of(GatlingConsole.CONF_FILE, "other.conf")).isPresent());
  }
}
