package io.perfgate.gate;

import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import io.perfgate.statistics.EnoughData;
import io.perfgate.workload.Journey;
import io.perfgate.workload.Step;
import io.perfgate.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a plan can give each percentile gate enough values (sla.enoughData), estimated before any
 * load is sent, from the plan and the journeys written in configuration.
 *
 * <p>The estimate, per scope (all requests, a request, a group), of the values in the measured
 * window (from the end of the warm-up to the end of the plan):
 *
 * <ul>
 *   <li>open model: the users arriving in the window (the integral of the arrival rate) times the
 *       requests (or group executions) a user makes, averaged over the journeys by weight;
 *   <li>closed model: an upper bound, for a target that answers in 1 ms: the user-seconds in the
 *       window (the integral of the concurrent users) times the most requests a busy user can make
 *       per second. A user does one journey and is replaced, so a user slot makes Σ w·n / Σ w·T
 *       requests of a scope per second, with w a journey's weight, n its requests of the scope and
 *       T its shortest duration (its shortest pauses plus 1 ms per request).
 * </ul>
 *
 * A gate is warned about when even this estimate is below what its percentile needs, so a warning
 * means the gate will read "not enough data" unless the plan or the gate changes; no warning does
 * not promise enough data (the target answers slower than 1 ms). Journeys written in Java have no
 * steps to count: a plan that uses one gets no estimate.
 */
public final class PlanReach {
  /** The fastest answer the closed-model bound assumes, in seconds. */
  static final double FASTEST_ANSWER_SECONDS = 0.001;

  private PlanReach() {}

  /** What one journey does once: values per scope, and its shortest duration in seconds. */
  private record Pass(Map<String, Double> counts, double seconds) {}

  /**
   * One sentence per gate that the plan cannot give enough values, e.g. "request health p99 <
   * 100ms: this plan makes at most about 480 health requests in the measured window, and p99 needs
   * 1,000; the gate will read "not enough data"". Empty when every gate can be judged or when the
   * plan has journeys written in Java.
   */
  public static List<String> warnings(
      Plan plan, Workload workload, List<Gate> gates, EnoughDataRule rule) {
    Optional<Map<String, Double>> estimate = estimate(plan, workload);
    if (estimate.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Gate g : gates) {
      long required = rule.required(g);
      if (required == 0) {
        continue;
      }
      double values = estimate.get().getOrDefault(key(g.scope()), 0.0);
      if (values >= required) {
        continue;
      }
      EnoughData.Noun noun = EnoughDataRule.noun(g.scope());
      String what =
          switch (g.scope().kind()) {
            case GLOBAL -> noun.many();
            case REQUEST -> g.scope().name() + " " + noun.many();
            case GROUP -> g.scope().name() + " group executions";
          };
      out.add(
          String.format(
              Locale.US,
              "%s: this plan makes %s %,d %s in the measured window, and %s needs %,d; the gate"
                  + " will read \"not enough data\"%s. Lengthen the run or raise its load, or gate a"
                  + " lower percentile.",
              g.name(),
              plan.model() == LoadModel.CLOSED ? "at most about" : "about",
              Math.round(values),
              what,
              g.criterion().metric().label(),
              required,
              rule.fail() ? " and fail (sla.enoughData.fail)" : ""));
    }
    return out;
  }

  /**
   * The estimated values in the measured window by scope key ("" all requests, "request:<path>",
   * "group:<path>"); empty when a journey of the plan is written in Java.
   */
  static Optional<Map<String, Double>> estimate(Plan plan, Workload workload) {
    Map<String, Double> weights = new LinkedHashMap<>(plan.profile().journeys());
    if (weights.isEmpty()) {
      workload.journeys().values().forEach(j -> weights.put(j.name(), j.weight()));
    }
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    if (weights.isEmpty() || !(total > 0)) {
      return Optional.empty();
    }
    Map<String, Double> perUser = new HashMap<>();
    double seconds = 0;
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      Journey j = workload.journeys().get(w.getKey());
      if (j == null || j.steps().isEmpty()) {
        return Optional.empty();
      }
      double share = w.getValue() / total;
      Pass pass = pass(j.steps().get(), "");
      pass.counts().forEach((k, n) -> perUser.merge(k, share * n, Double::sum));
      seconds += share * pass.seconds();
    }
    double window = integral(plan, plan.warmUp(), plan.total());
    double factor;
    if (plan.model() == LoadModel.OPEN) {
      factor = window; // users arriving in the window
    } else if (seconds > 0) {
      factor = window / seconds; // journeys the window's user-seconds can hold at most
    } else {
      return Optional.empty();
    }
    Map<String, Double> out = new HashMap<>();
    perUser.forEach((k, n) -> out.put(k, n * factor));
    return Optional.of(out);
  }

  private static Pass pass(List<Step> steps, String groupPath) {
    Map<String, Double> counts = new HashMap<>();
    double seconds = 0;
    for (Step s : steps) {
      if (s instanceof Step.Request r) {
        String path = groupPath.isEmpty() ? r.endpoint() : groupPath + "/" + r.endpoint();
        counts.merge("", 1.0, Double::sum);
        counts.merge("request:" + path, 1.0, Double::sum);
        seconds += FASTEST_ANSWER_SECONDS;
      } else if (s instanceof Step.Think t) {
        seconds += t.min().toNanos() / 1e9;
      } else if (s instanceof Step.Group g) {
        String path = groupPath.isEmpty() ? g.name() : groupPath + "/" + g.name();
        Pass inner = pass(g.steps(), path);
        counts.merge("group:" + path, 1.0, Double::sum);
        inner.counts().forEach((k, n) -> counts.merge(k, n, Double::sum));
        seconds += inner.seconds();
      } else if (s instanceof Step.Repeat r) {
        Pass inner = pass(r.steps(), groupPath);
        inner.counts().forEach((k, n) -> counts.merge(k, n * r.times(), Double::sum));
        seconds += inner.seconds() * r.times();
      }
    }
    return new Pass(counts, seconds);
  }

  private static String key(Scope scope) {
    return switch (scope.kind()) {
      case GLOBAL -> "";
      case REQUEST -> "request:" + scope.name();
      case GROUP -> "group:" + scope.name();
    };
  }

  /**
   * The integral of the plan's level from {@code from} to {@code to}: user-seconds (closed model)
   * or users arrived (open model). Each phase ramps linearly from the previous level, then holds.
   */
  static double integral(Plan plan, Duration from, Duration to) {
    double a = from.toNanos() / 1e9;
    double b = to.toNanos() / 1e9;
    double t = 0;
    double previous = 0;
    double sum = 0;
    for (Phase p : plan.phases()) {
      double ramp = p.ramp().toNanos() / 1e9;
      double hold = p.hold().toNanos() / 1e9;
      sum += rampArea(t, t + ramp, previous, p.level(), a, b);
      sum += rampArea(t + ramp, t + ramp + hold, p.level(), p.level(), a, b);
      t += ramp + hold;
      previous = p.level();
    }
    return sum;
  }

  /** The area under a line from (t0, y0) to (t1, y1), clipped to [a, b]. */
  private static double rampArea(double t0, double t1, double y0, double y1, double a, double b) {
    double lo = Math.max(t0, a);
    double hi = Math.min(t1, b);
    if (hi <= lo || t1 <= t0) {
      return 0;
    }
    double ylo = y0 + (y1 - y0) * (lo - t0) / (t1 - t0);
    double yhi = y0 + (y1 - y0) * (hi - t0) / (t1 - t0);
    return (ylo + yhi) / 2 * (hi - lo);
  }
}
