package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import io.perfgate.gate.Comparison;
import io.perfgate.gate.Criterion;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Scope;
import java.util.List;

/** Compiles gates to Gatling assertions, so Gatling's report lists them and a breach exits 2. */
public final class Assertions {
  /**
   * Separates groups from the request in a gate on a request inside a group: "triage/list-jobs".
   */
  public static final String PATH_SEPARATOR = "/";

  private Assertions() {}

  public static List<Assertion> of(List<Gate> gates) {
    return gates.stream().map(Assertions::of).toList();
  }

  static Assertion of(Gate gate) {
    Assertion.WithPath path = path(gate.scope());
    Criterion c = gate.criterion();
    return switch (c.metric()) {
      case P50, P75, P95, P99, P999 ->
          compare(
              path.responseTime().percentile(c.metric().percentile()), c.op(), (int) c.threshold());
      case MAX -> compare(path.responseTime().max(), c.op(), (int) c.threshold());
      case MEAN -> compare(path.responseTime().mean(), c.op(), (int) c.threshold());
      case ERRORS -> compare(path.failedRequests().percent(), c.op(), c.threshold());
      case RPS -> compare(path.requestsPerSec(), c.op(), c.threshold());
    };
  }

  /** Gatling's path of a scope: a group's name, or a request's groups then its name. */
  static String[] gatlingPath(Scope scope) {
    return scope.name().split(PATH_SEPARATOR);
  }

  private static Assertion.WithPath path(Scope scope) {
    if (scope.kind() == Scope.Kind.GLOBAL) {
      return global();
    }
    return details(gatlingPath(scope));
  }

  private static <T extends Number> Assertion compare(
      Assertion.WithPathAndTarget<T> target, Comparison op, T threshold) {
    return switch (op) {
      case LT -> target.lt(threshold);
      case LTE -> target.lte(threshold);
      case GT -> target.gt(threshold);
      case GTE -> target.gte(threshold);
    };
  }
}
