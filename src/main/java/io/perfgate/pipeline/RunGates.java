package io.perfgate.pipeline;

import io.perfgate.baseline.Baseline;
import io.perfgate.baseline.BaselineException;
import io.perfgate.baseline.BaselineStore;
import io.perfgate.baseline.RegressionGates;
import io.perfgate.config.Settings;
import io.perfgate.gate.Gate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gates a run is judged by: the settings' gates, then the regression gates of the baseline
 * saved for its simulation, profile and environment, when there is one. A run and a later `analyze`
 * of it get the same list, in the same order as Gatling's assertions.
 */
public record RunGates(List<Gate> gates, Optional<Baseline> baseline) {
  public RunGates {
    gates = List.copyOf(gates);
  }

  public static RunGates of(Settings settings, String simulation) throws BaselineException {
    Optional<Baseline> baseline =
        new BaselineStore(settings.baselines())
            .load(simulation, settings.scenario(), settings.env().orElse(""));
    List<Gate> gates = new ArrayList<>(settings.gates());
    baseline.ifPresent(b -> gates.addAll(RegressionGates.of(b, settings.regression())));
    return new RunGates(gates, baseline);
  }
}
