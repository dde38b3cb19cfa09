package io.perfgate.simulations;

import io.gatling.javaapi.core.Simulation;
import io.perfgate.simulation.Perfgate;
import java.util.Map;

/**
 * A simulation written entirely in configuration: the endpoints and the journeys (with steps) of
 * workload in the settings, for services that need no Java. Run it with
 * -Dgatling.simulationClass=io.perfgate.simulations.ConfiguredSimulation.
 */
public class ConfiguredSimulation extends Simulation {
  private final Perfgate perfgate = Perfgate.start(ConfiguredSimulation.class);

  {
    setUp(perfgate.users("configured journeys", Map.of()))
        .protocols(perfgate.protocol())
        .assertions(perfgate.assertions())
        .maxDuration(perfgate.maxDuration());
  }

  @Override
  public void after() {
    perfgate.after();
  }
}
