package io.perfgate.pipeline;

import io.perfgate.baseline.Baseline;
import io.perfgate.baseline.BaselineException;
import io.perfgate.baseline.BaselineStore;
import io.perfgate.config.Settings;
import io.perfgate.gate.Gate;
import io.perfgate.gate.RegressionLimits;
import java.util.List;
import java.util.Optional;

/**
 * The gates a run is judged by: the settings' gates, which are Gatling's assertions, in the same
 * order; and how its regression gates are found, which are judged after the run: against the
 * baseline saved for its simulation, profile and environment when there is one, else against the
 * last passing runs of the same three in the history. A run and a later `analyze` of it get the
 * same gates.
 *
 * @param gates the assertion gates, in the order of Gatling's assertions
 * @param baseline the saved baseline of the run's simulation, profile and environment, if any
 * @param limits how regressions are decided (sla.regression)
 */
public record RunGates(List<Gate> gates, Optional<Baseline> baseline, RegressionLimits limits) {
  public RunGates {
    gates = List.copyOf(gates);
  }

  public static RunGates of(Settings settings, String simulation) throws BaselineException {
    Optional<Baseline> baseline =
        settings.regression().enabled()
            ? new BaselineStore(settings.baselines())
                .load(simulation, settings.scenario(), settings.env().orElse(""))
            : Optional.empty();
    return new RunGates(settings.gates(), baseline, settings.regression());
  }

  /**
   * What the plan printed at the start says about regressions, e.g. "regression gates (judged after
   * the run): against baseline trackersimulation-… (results/baselines/…)"; empty when none.
   */
  public Optional<String> describeRegression() {
    if (!limits.enabled()) {
      return Optional.empty();
    }
    if (baseline.isPresent()) {
      Baseline b = baseline.get();
      return Optional.of(
          "regression gates (judged after the run): against baseline "
              + b.runId()
              + " ("
              + b.file()
              + (b.histograms().isPresent()
                  ? ")"
                  : "; saved without distributions, so judged on fixed limits: save it again to"
                      + " judge against the noise)"));
    }
    if (limits.runs() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "regression gates (judged after the run): against the last "
            + limits.runs()
            + " passing runs of this simulation, profile and environment in the history"
            + " (`baseline save <run>` pins one run instead)");
  }
}
