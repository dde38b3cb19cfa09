package io.perfgate.workload;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Endpoints, feeders and journeys of the service under test, and the default think time. */
public record Workload(
    Map<String, Endpoint> endpoints,
    Map<String, Feeder> feeders,
    Map<String, Journey> journeys,
    Duration thinkMin,
    Duration thinkMax) {
  public Workload {
    endpoints = Map.copyOf(endpoints);
    feeders = Map.copyOf(feeders);
    journeys = Map.copyOf(journeys);
  }

  /** Groups declared by journeys written in configuration. */
  public Set<String> configuredGroups() {
    Set<String> out = new TreeSet<>();
    journeys.values().forEach(j -> j.steps().ifPresent(s -> collectGroups(s, out)));
    return out;
  }

  private static void collectGroups(Iterable<Step> steps, Set<String> out) {
    for (Step s : steps) {
      if (s instanceof Step.Group g) {
        out.add(g.name());
        collectGroups(g.steps(), out);
      } else if (s instanceof Step.Repeat r) {
        collectGroups(r.steps(), out);
      }
    }
  }
}
