package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import java.util.ArrayList;
import java.util.List;

/** Turns a plan's phases into Gatling injection steps: ramp to each level, then hold it. */
public final class Injection {
  private Injection() {}

  public static PopulationBuilder inject(ScenarioBuilder scenario, Plan plan) {
    return plan.model() == LoadModel.CLOSED
        ? scenario.injectClosed(closed(plan))
        : scenario.injectOpen(open(plan));
  }

  static List<ClosedInjectionStep> closed(Plan plan) {
    List<ClosedInjectionStep> steps = new ArrayList<>();
    int previous = 0;
    for (Phase p : plan.phases()) {
      int level = (int) p.level();
      if (!p.ramp().isZero()) {
        steps.add(rampConcurrentUsers(previous).to(level).during(p.ramp()));
      }
      if (!p.hold().isZero()) {
        steps.add(constantConcurrentUsers(level).during(p.hold()));
      }
      previous = level;
    }
    return steps;
  }

  static List<OpenInjectionStep> open(Plan plan) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    double previous = 0;
    for (Phase p : plan.phases()) {
      double level = p.level();
      if (!p.ramp().isZero()) {
        steps.add(
            previous == 0 && level == 0
                ? nothingFor(p.ramp())
                : rampUsersPerSec(previous).to(level).during(p.ramp()));
      }
      if (!p.hold().isZero()) {
        steps.add(level == 0 ? nothingFor(p.hold()) : constantUsersPerSec(level).during(p.hold()));
      }
      previous = level;
    }
    return steps;
  }
}
