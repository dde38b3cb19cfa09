package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.repeat;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.perfgate.workload.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the chains of journeys written in configuration, and the weighted mix of journeys. */
final class Journeys {
  private Journeys() {}

  /**
   * The chain of configured steps; {@code steps} resolves endpoints, feeders and think times, and
   * {@code planned} is the profile's planned duration (a loop {@code during = run} lasts it).
   */
  static ChainBuilder chain(List<Step> steps, Function<Step, ChainBuilder> leaf, Duration planned) {
    List<ChainBuilder> chains = new ArrayList<>();
    for (Step s : steps) {
      if (s instanceof Step.Group g) {
        chains.add(group(g.name()).on(chain(g.steps(), leaf, planned)));
      } else if (s instanceof Step.Repeat r) {
        chains.add(repeat(r.times()).on(chain(r.steps(), leaf, planned)));
      } else if (s instanceof Step.During d) {
        chains.add(during(d.duration().orElse(planned)).on(chain(d.steps(), leaf, planned)));
      } else {
        chains.add(leaf.apply(s));
      }
    }
    return exec(chains);
  }

  /**
   * One chain that sends each user down one journey, chosen by weight. Percentages are rounded down
   * to a millionth so that they never add up to more than Gatling's 100.
   */
  static ChainBuilder mix(Map<String, ChainBuilder> chains, Map<String, Double> weights) {
    if (chains.size() == 1) {
      return chains.values().iterator().next();
    }
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    List<Choice.WithWeight> choices = new ArrayList<>();
    for (var e : chains.entrySet()) {
      double share = Math.floor(weights.get(e.getKey()) / total * 100 * 1e6) / 1e6;
      choices.add(percent(share).then(e.getValue()));
    }
    return randomSwitch().on(choices);
  }
}
