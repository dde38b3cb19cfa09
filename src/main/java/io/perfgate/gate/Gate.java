package io.perfgate.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * One SLA gate of a run: a criterion on a scope, where it was written, and for tier gates the tier
 * bounds it was derived from (so a result can be placed in target / acceptable / poor / critical).
 */
public record Gate(Scope scope, Criterion criterion, String origin, Optional<Bounds> tiers) {
  public Gate {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(tiers, "tiers");
    origin = origin == null ? "" : origin;
  }

  /** "global p95 < 1000ms", "request health p99 < 50ms". */
  public String name() {
    return scope.label() + " " + criterion;
  }
}
