package io.perfgate.simulation;

import io.perfgate.config.Settings;
import io.perfgate.gate.Gate;
import io.perfgate.gate.PlanReach;
import io.perfgate.pipeline.RunGates;
import io.perfgate.profile.Plans;
import io.perfgate.profile.Profile;
import java.util.Locale;

/** What a run prints before it starts: where load goes, the plan, and the gates. */
final class Console {
  private Console() {}

  /**
   * @param live where the live endpoint listens (its start line), or why there is none
   */
  static String start(
      Settings s,
      String simulation,
      String baseUrl,
      boolean embedded,
      RunGates gates,
      String live) {
    StringBuilder sb = new StringBuilder();
    sb.append(System.lineSeparator())
        .append("perfgate ")
        .append(rule())
        .append(System.lineSeparator());
    sb.append(
        String.format(
            Locale.ROOT,
            "simulation %s, environment %s, settings from %s%n",
            simulation,
            s.env().orElse("(none)"),
            s.sources().isEmpty()
                ? "reference.conf"
                : String.join(" < ", s.sources()) + " < reference.conf"));
    sb.append(
        String.format(
            Locale.ROOT,
            "target %s%s%n",
            baseUrl,
            embedded ? " (embedded demo service; set target.baseUrl to test your own)" : ""));
    if (embedded && (!s.demo().latency().isZero() || s.demo().errorRate() > 0)) {
      sb.append(
          String.format(
              Locale.ROOT,
              "demo faults: +%dms latency, %.2f%% errors%s%n",
              s.demo().latency().toMillis(),
              s.demo().errorRate() * 100,
              s.demo().faultsAfter().isZero()
                  ? ""
                  : ", from " + s.demo().faultsAfter().toSeconds() + "s after start"));
    }
    if (embedded && s.demo().capacity() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "demo capacity: beyond %d requests in progress, every answer waits %dms more%n",
              s.demo().capacity(),
              s.demo().overload().toMillis()));
    }
    if (s.injectors().sharded()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "injector %d of %d: this shard runs its share of every level below%n",
              s.injectors().index() + 1,
              s.injectors().count()));
    }
    sb.append(s.requirePlan().describe(s.maxDuration()));
    sb.append("live: ").append(live).append(System.lineSeparator());
    sb.append("stop criteria (judged while the run goes; the first met stops it): ")
        .append(s.requirePlan().profile().abort().describe())
        .append(System.lineSeparator());
    sb.append("gates (a breach fails the run):").append(System.lineSeparator());
    for (Gate g : gates.gates()) {
      sb.append("  ").append(g.name()).append(System.lineSeparator());
    }
    gates
        .describeRegression()
        .ifPresent(r -> sb.append("  ").append(r).append(System.lineSeparator()));
    // Said before any load is sent: a gate this plan cannot feed will read "not enough data".
    for (String w :
        PlanReach.warnings(s.requirePlan(), s.workload(), gates.gates(), s.sla().enoughData())) {
      sb.append("WARNING: ").append(w).append(System.lineSeparator());
    }
    sb.append(rule()).append("---------").append(System.lineSeparator());
    return sb.toString();
  }

  /** Every profile's shape, for -Dscenario=list; -Dscale applies so CI-sized plans show as run. */
  static String profiles(Settings s) {
    StringBuilder sb = new StringBuilder();
    sb.append("perfgate profiles (run one with -Dscenario=<name>");
    if (s.overrides().scale() != 1.0) {
      sb.append(", shown at -Dscale=").append(s.overrides().scale());
    }
    sb.append("):").append(System.lineSeparator()).append(System.lineSeparator());
    for (Profile p : s.profiles().values()) {
      var plan =
          Plans.resolve(p, io.perfgate.profile.Overrides.none().withScale(s.overrides().scale()));
      sb.append(plan.describe(plan.total().plus(s.maxDurationGrace())))
          .append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String rule() {
    return "-".repeat(100);
  }
}
