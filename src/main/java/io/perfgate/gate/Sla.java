package io.perfgate.gate;

import io.perfgate.profile.ErrorBudget;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA of a run: tier tables, the worst tier that still passes, and the gates people wrote. The
 * gates a run is judged by come from {@link #gatesFor(ErrorBudget)}.
 *
 * @param latencyTiers tier bounds in milliseconds for p50, p95, p99 and p99.9
 * @param errorTiers tier bounds in percent for each error budget
 * @param tierOrigin where the tier table was configured, shown beside tier gates
 * @param enoughData when a percentile gate has enough values to be judged (sla.enoughData)
 */
public record Sla(
    Tier failBeyond,
    Map<Metric, Bounds> latencyTiers,
    Map<ErrorBudget, Bounds> errorTiers,
    boolean tierGates,
    String tierOrigin,
    List<Gate> gates,
    EnoughDataRule enoughData) {
  public Sla {
    enoughData = enoughData == null ? EnoughDataRule.DEFAULT : enoughData;
    Objects.requireNonNull(failBeyond, "failBeyond");
    if (failBeyond == Tier.CRITICAL) {
      throw new IllegalArgumentException("failBeyond cannot be critical: nothing would ever fail");
    }
    latencyTiers = latencyTiers.isEmpty() ? Map.of() : new EnumMap<>(latencyTiers);
    errorTiers = errorTiers.isEmpty() ? Map.of() : new EnumMap<>(errorTiers);
    gates = List.copyOf(gates);
  }

  /** An SLA with the default enough-data rule. */
  public Sla(
      Tier failBeyond,
      Map<Metric, Bounds> latencyTiers,
      Map<ErrorBudget, Bounds> errorTiers,
      boolean tierGates,
      String tierOrigin,
      List<Gate> gates) {
    this(
        failBeyond, latencyTiers, errorTiers, tierGates, tierOrigin, gates, EnoughDataRule.DEFAULT);
  }

  /**
   * The gates of a run whose profile has {@code budget}: the global tier gates (each at the bound
   * of {@link #failBeyond()}), then the configured gates in the order they were written.
   */
  public List<Gate> gatesFor(ErrorBudget budget) {
    List<Gate> out = new ArrayList<>();
    if (tierGates) {
      latencyTiers.forEach(
          (metric, bounds) ->
              out.add(
                  new Gate(
                      Gate.Kind.TIER,
                      Scope.global(),
                      new Criterion(metric, Comparison.LT, bounds.limit(failBeyond)),
                      tierOrigin,
                      Optional.of(bounds))));
      Bounds errors = errorTiers.get(budget);
      if (errors != null) {
        out.add(
            new Gate(
                Gate.Kind.TIER,
                Scope.global(),
                new Criterion(Metric.ERRORS, Comparison.LT, errors.limit(failBeyond)),
                tierOrigin,
                Optional.of(errors)));
      }
    }
    out.addAll(gates);
    return out;
  }
}
