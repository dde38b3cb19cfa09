package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.CriterionParser;
import io.perfgate.gate.Gate;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.gate.Tier;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import io.perfgate.profile.Profile;
import io.perfgate.results.SyntheticLog;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import io.perfgate.target.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate whose scope has no request in the measured window is not measured, and so breached. */
class UnmeasuredGateTest {
  @Test
  void aRequestMadeOnlyDuringTheWarmUpDoesNotPassOnZeros(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("simulation.log");
    try (SyntheticLog w = new SyntheticLog(log, "3.15.1", 1_700_000_000_000L, List.of("s"))) {
      w.request(List.of(), "login", 1_000, 1_020, true, "");
      for (int t = 6_000; t < 10_000; t += 100) {
        w.request(List.of(), "browse", t, t + 20, true, "");
      }
    }
    List<Phase> phases = List.of(new Phase("steady", 1, Duration.ZERO, Duration.ofSeconds(10)));
    Plan plan =
        new Plan(
            new Profile("p", "", LoadModel.CLOSED, ErrorBudget.NORMAL, phases, Map.of()),
            phases,
            Duration.ofSeconds(5));
    List<Gate> gates =
        List.of(
            new Gate(
                Gate.Kind.SLA,
                Scope.request("login"),
                CriterionParser.parse("p95 < 100ms"),
                "t",
                Optional.empty()),
            new Gate(
                Gate.Kind.SLA,
                Scope.request("browse"),
                CriterionParser.parse("p95 < 100ms"),
                "t",
                Optional.empty()),
            new Gate(
                Gate.Kind.SLA,
                Scope.global(),
                CriterionParser.parse("p95 < 100ms"),
                "t",
                Optional.empty()));
    RunAnalysis.Inputs in =
        new RunAnalysis.Inputs(
            "run",
            "Sim",
            "p",
            "",
            "http://127.0.0.1:1",
            plan,
            gates,
            new Sla(Tier.ACCEPTABLE, Map.of(), Map.of(), false, "", List.of()),
            ErrorBudget.NORMAL,
            AnalysisSettings.defaults(),
            ResourceSla.defaults(),
            RegressionBaseline.Source.NONE,
            RegressionLimits.DEFAULT,
            "",
            Redactor.NONE,
            List.of(),
            Map.of());

    Summary report = RunAnalysis.analyse(List.of(log), in).summary();

    GateResult login = report.gates().get(0);
    assertTrue(login.actual().isEmpty(), login.toString());
    assertFalse(login.passed(), "login was only requested in the warm-up: " + login);
    assertTrue(report.gates().get(1).passed(), report.gates().get(1).toString());
    assertEquals(20.0, report.gates().get(1).actual().getAsDouble());
    assertTrue(report.gates().get(2).passed(), report.gates().get(2).toString());
    assertEquals(Verdict.FAIL, report.verdict());
  }
}
