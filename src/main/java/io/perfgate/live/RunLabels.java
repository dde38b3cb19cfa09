package io.perfgate.live;

import java.util.Objects;

/**
 * What every live metric is labelled with: which run of which injector it comes from. Sharded
 * injectors each serve their own endpoint, and dashboards sum them over {@code injector}.
 *
 * @param injector this injector's name, e.g. "0" of "0..n-1", or a host name
 */
public record RunLabels(String simulation, String profile, String env, String injector) {
  public RunLabels {
    Objects.requireNonNull(simulation, "simulation");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(injector, "injector");
  }
}
