package io.perfgate.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named load profile as configured: its shape (phases, already expanded from steps and repeats),
 * its load model, its error budget, optionally its own journey weights (empty: the workload's), and
 * its warm-up: the start of the run left out of the measured figures, and its stop criteria.
 */
public record Profile(
    String name,
    String description,
    LoadModel model,
    ErrorBudget errorBudget,
    List<Phase> phases,
    Map<String, Double> journeys,
    Duration warmUp,
    StopCriteria abort) {
  /** The warm-up when a profile names none (reference.conf's run.warmUp). */
  public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(5);

  public Profile(
      String name,
      String description,
      LoadModel model,
      ErrorBudget errorBudget,
      List<Phase> phases,
      Map<String, Double> journeys) {
    this(name, description, model, errorBudget, phases, journeys, DEFAULT_WARM_UP);
  }

  public Profile(
      String name,
      String description,
      LoadModel model,
      ErrorBudget errorBudget,
      List<Phase> phases,
      Map<String, Double> journeys,
      Duration warmUp) {
    this(name, description, model, errorBudget, phases, journeys, warmUp, StopCriteria.NONE);
  }

  public Profile {
    Objects.requireNonNull(warmUp, "warmUp");
    Objects.requireNonNull(abort, "abort");
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("profile " + name + ": warm-up must be >= 0");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(errorBudget, "errorBudget");
    phases = List.copyOf(phases);
    journeys = Map.copyOf(journeys);
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("profile " + name + " has no phases");
    }
  }
}
