package io.perfgate.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * One gate of a run: what kind of gate it is, a criterion on a scope, where it was written, and for
 * tier gates the tier bounds it was derived from (so a result can be placed in target / acceptable
 * / poor / critical).
 */
public record Gate(
    Kind kind, Scope scope, Criterion criterion, String origin, Optional<Bounds> tiers) {
  public Gate {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(tiers, "tiers");
    origin = origin == null ? "" : origin;
  }

  /** Where a gate comes from, which decides how CI treats its breach. */
  public enum Kind {
    /** Written in the settings' `sla` section. */
    SLA,
    /** The built-in tier table's bound (`sla.tiers`, `sla.failBeyond`). */
    TIER,
    /** Added by a saved baseline or the runs before: the run may not get worse than them. */
    REGRESSION,
    /** On the resources sampled during the run (memory growth, peak memory, CPU). */
    RESOURCE
  }

  /** A gate written in the settings. */
  public static Gate sla(Scope scope, Criterion criterion, String origin) {
    return new Gate(Kind.SLA, scope, criterion, origin, Optional.empty());
  }

  /** "global p95 < 1000ms", "request health p99 < 50ms". */
  public String name() {
    return scope.label() + " " + criterion;
  }
}
