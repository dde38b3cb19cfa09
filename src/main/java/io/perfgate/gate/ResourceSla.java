package io.perfgate.gate;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * Gates on the target's resources, from {@code sla.resources}: judged on the samples taken after
 * the warm-up, never as Gatling assertions.
 *
 * @param memoryGrowth the target's memory growth in MB per minute: target and acceptable tiers
 *     (anything above acceptable is critical)
 * @param leakProfiles profiles whose runs get the leak verdict as a gate (soak, endurance)
 * @param leakFit how well a straight line must fit the memory samples (R², 0 to 1) for growth
 *     beyond acceptable to be called a leak rather than noise
 * @param maxRssMb the most resident memory the target may reach, in MB
 * @param cpuPercent the most average CPU the target may use under load, in percent of one core
 * @param origin where the section was written, for the gates' origin
 */
public record ResourceSla(
    Bounds memoryGrowth,
    Set<String> leakProfiles,
    double leakFit,
    OptionalDouble maxRssMb,
    OptionalDouble cpuPercent,
    String origin) {
  public ResourceSla {
    leakProfiles = Set.copyOf(leakProfiles);
    origin = origin == null ? "" : origin;
  }

  /**
   * The defaults of the seed material: 5 MB/min on target, 10 acceptable, for soak and endurance.
   */
  public static ResourceSla defaults() {
    return new ResourceSla(
        new Bounds(5, 10, 10),
        Set.of("soak", "endurance"),
        0.8,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        "");
  }

  public boolean judgesLeaks(String profile) {
    return leakProfiles.contains(profile);
  }
}
