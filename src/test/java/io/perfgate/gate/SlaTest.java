package io.perfgate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.config.SettingsLoader;
import io.perfgate.profile.ErrorBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SlaTest {
  // The SLA tiers of DESIGN.md, in milliseconds and percent.
  private static final Map<Metric, Bounds> LATENCY =
      Map.of(
          Metric.P50, new Bounds(200, 500, 1000),
          Metric.P95, new Bounds(500, 1000, 2000),
          Metric.P99, new Bounds(1000, 2000, 3000),
          Metric.P999, new Bounds(2000, 3000, 5000));
  private static final Map<ErrorBudget, Bounds> ERRORS =
      Map.of(
          ErrorBudget.NORMAL, new Bounds(0.1, 1, 5),
          ErrorBudget.HIGH, new Bounds(1, 5, 10),
          ErrorBudget.STRESS, new Bounds(5, 10, 20));
  private static final Gate HEALTH_P95 =
      new Gate(
          Gate.Kind.SLA,
          Scope.request("health"),
          CriterionParser.parse("p95 < 25ms"),
          "resources/perfgate.conf:3",
          Optional.empty());
  private static final Gate RPS =
      new Gate(
          Gate.Kind.SLA, Scope.global(), CriterionParser.parse("rps > 100"), "", Optional.empty());

  @TempDir static Path project;

  @BeforeAll
  static void writeProject() throws IOException {
    Files.createDirectories(project.resolve("resources"));
    Files.writeString(
        project.resolve("resources/perfgate.conf"),
        String.join(
            "\n",
            "workload.endpoints { health { path = \"/health\" } }",
            "sla {",
            "  global = [\"rps > 100\"]",
            "  requests { health = [\"p95 < 25ms\"] }",
            "}",
            ""));
  }

  private static Sla sla(Tier failBeyond, boolean tierGates, List<Gate> gates) {
    return new Sla(failBeyond, LATENCY, ERRORS, tierGates, "reference.conf:89", gates);
  }

  private static List<String> names(List<Gate> gates) {
    return gates.stream().map(Gate::name).toList();
  }

  @ParameterizedTest(name = "{0}: tier gates at acceptable, errors < {1}")
  @CsvSource({"NORMAL, 1%", "HIGH, 5%", "STRESS, 10%"})
  void byDefaultEveryTierGateSitsAtTheAcceptableBound(ErrorBudget budget, String errors) {
    List<Gate> gates = sla(Tier.ACCEPTABLE, true, List.of()).gatesFor(budget);
    assertEquals(
        List.of(
            "global p50 < 500ms",
            "global p95 < 1000ms",
            "global p99 < 2000ms",
            "global p99.9 < 3000ms",
            "global errors < " + errors),
        names(gates));
  }

  @ParameterizedTest(name = "{0}: failBeyond=target puts errors at < {1}")
  @CsvSource({"NORMAL, 0.1%", "HIGH, 1%", "STRESS, 5%"})
  void failBeyondTargetMovesEveryGateToTheTargetBound(ErrorBudget budget, String errors) {
    assertEquals(
        List.of(
            "global p50 < 200ms",
            "global p95 < 500ms",
            "global p99 < 1000ms",
            "global p99.9 < 2000ms",
            "global errors < " + errors),
        names(sla(Tier.TARGET, true, List.of()).gatesFor(budget)));
  }

  @ParameterizedTest(name = "{0}: failBeyond=poor puts errors at < {1}")
  @CsvSource({"NORMAL, 5%", "HIGH, 10%", "STRESS, 20%"})
  void failBeyondPoorMovesEveryGateToThePoorBound(ErrorBudget budget, String errors) {
    assertEquals(
        List.of(
            "global p50 < 1000ms",
            "global p95 < 2000ms",
            "global p99 < 3000ms",
            "global p99.9 < 5000ms",
            "global errors < " + errors),
        names(sla(Tier.POOR, true, List.of()).gatesFor(budget)));
  }

  @Test
  void tierGatesCarryTheirBoundsAndOriginWrittenGatesDoNot() {
    List<Gate> gates = sla(Tier.ACCEPTABLE, true, List.of(HEALTH_P95)).gatesFor(ErrorBudget.HIGH);
    assertEquals(6, gates.size());
    assertEquals(Optional.of(LATENCY.get(Metric.P95)), gates.get(1).tiers());
    assertEquals(Optional.of(ERRORS.get(ErrorBudget.HIGH)), gates.get(4).tiers());
    assertTrue(gates.subList(0, 5).stream().allMatch(g -> g.origin().equals("reference.conf:89")));
    assertTrue(gates.subList(0, 5).stream().allMatch(g -> g.scope().equals(Scope.global())));
    assertEquals(HEALTH_P95, gates.get(5));
  }

  @ParameterizedTest
  @EnumSource(ErrorBudget.class)
  void writtenGatesFollowTheTierGatesInTheirOrder(ErrorBudget budget) {
    List<Gate> gates = sla(Tier.ACCEPTABLE, true, List.of(HEALTH_P95, RPS)).gatesFor(budget);
    assertEquals(List.of(HEALTH_P95, RPS), gates.subList(5, 7));
  }

  @ParameterizedTest
  @EnumSource(ErrorBudget.class)
  void withoutTierGatesOnlyTheWrittenGatesRemain(ErrorBudget budget) {
    assertEquals(
        List.of(HEALTH_P95, RPS),
        sla(Tier.ACCEPTABLE, false, List.of(HEALTH_P95, RPS)).gatesFor(budget));
    assertEquals(List.of(), sla(Tier.ACCEPTABLE, false, List.of()).gatesFor(budget));
  }

  @Test
  void aBudgetWithoutErrorTiersGetsNoErrorGate() {
    Sla sla = new Sla(Tier.ACCEPTABLE, LATENCY, Map.of(), true, "", List.of());
    assertEquals(4, sla.gatesFor(ErrorBudget.NORMAL).size());
  }

  @Test
  void failBeyondCriticalIsRefusedBecauseNothingCouldFail() {
    assertThrows(IllegalArgumentException.class, () -> sla(Tier.CRITICAL, true, List.of()));
  }

  // ---- the same, from reference.conf through the loader ----

  private static Sla loaded(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return SettingsLoader.load(props, Map.of(), project).sla();
  }

  @Test
  void referenceConfHoldsTheTiersOfTheDesign() {
    Sla sla = loaded();
    assertEquals(Tier.ACCEPTABLE, sla.failBeyond());
    assertEquals(LATENCY, sla.latencyTiers());
    assertEquals(ERRORS, sla.errorTiers());
    assertTrue(sla.tierGates());
  }

  @ParameterizedTest(name = "-Dscenario={0} is judged by errors < {1}")
  @CsvSource({"smoke, 1%", "spike, 5%", "stress, 10%", "breakpoint, 10%", "heavy, 5%"})
  void eachProfileIsJudgedByItsErrorBudget(String scenario, String errors) {
    Map<String, String> props = Map.of("scenario", scenario);
    Path here = Path.of("");
    List<String> gates =
        names(SettingsLoader.load(props, Map.of(), here).gates()).stream()
            .filter(n -> n.startsWith("global errors"))
            .toList();
    assertEquals(List.of("global errors < " + errors), gates);
  }

  @ParameterizedTest(name = "sla.failBeyond={0} gives p95 < {1}")
  @CsvSource({"target, 500ms", "acceptable, 1000ms", "poor, 2000ms"})
  void failBeyondFromConfigurationMovesTheTierGates(String failBeyond, String p95) {
    Sla sla = loaded("sla.failBeyond", failBeyond);
    assertTrue(
        names(sla.gatesFor(ErrorBudget.NORMAL)).contains("global p95 < " + p95),
        () -> names(sla.gatesFor(ErrorBudget.NORMAL)).toString());
  }

  @Test
  void tierGatesOffInConfigurationLeavesTheWrittenGates() {
    Sla sla = loaded("sla.tierGates", "false");
    assertEquals(
        List.of("global rps > 100/s", "request health p95 < 25ms"),
        names(sla.gatesFor(ErrorBudget.NORMAL)));
  }
}
