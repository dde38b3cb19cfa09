package io.perfgate.results;

import java.util.List;
import java.util.Objects;

/**
 * The run record that opens every simulation.log. Every timestamp in the log is an offset in
 * milliseconds from {@code startEpochMillis}.
 */
public record RunHeader(
    String gatlingVersion,
    String simulationClass,
    long startEpochMillis,
    String description,
    List<String> scenarios) {
  public RunHeader {
    Objects.requireNonNull(gatlingVersion, "gatlingVersion");
    Objects.requireNonNull(simulationClass, "simulationClass");
    Objects.requireNonNull(description, "description");
    scenarios = List.copyOf(scenarios);
  }
}
