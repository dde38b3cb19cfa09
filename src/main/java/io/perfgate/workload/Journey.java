package io.perfgate.workload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user class: its weight (share of users) and, when written in configuration, its steps. A
 * journey without steps is one the simulation writes in Java.
 */
public record Journey(String name, double weight, Optional<List<Step>> steps) {
  public Journey {
    Objects.requireNonNull(name, "name");
    if (!(weight > 0)) {
      throw new IllegalArgumentException("journey " + name + ": weight must be > 0");
    }
    steps = steps.map(List::copyOf);
  }
}
