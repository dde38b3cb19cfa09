package io.perfgate.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.repeat;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.perfgate.simulation.Perfgate;
import java.util.Map;

/**
 * The regression tracker's users, under the profile chosen with -Dscenario (default smoke), against
 * target.baseUrl or, when none is set, the embedded demo service.
 */
public class TrackerSimulation extends Simulation {
  private final Perfgate perfgate = Perfgate.start(TrackerSimulation.class);

  /** Looks around: the jobs list, then triages one job's failures. */
  private final ChainBuilder standard =
      exec(perfgate.request("health"))
          .feed(perfgate.feeder("jobs"))
          .exec(perfgate.request("list-jobs"))
          .exec(perfgate.think())
          .exec(
              perfgate.group(
                  "triage",
                  exec(perfgate.request("job-detail"))
                      .exec(perfgate.request("clustered-failures"))))
          .exec(perfgate.think());

  /**
   * Reloads one job's clustered failures in quick succession, as during an incident: the repeats
   * show how well the service's cache serves them.
   */
  private final ChainBuilder burst =
      feed(perfgate.feeder("jobs"))
          .exec(perfgate.request("clustered-failures"))
          .exec(repeat(4).on(exec(perfgate.repeatRequest("clustered-failures"))));

  /** Imports results into a large job, then reads all its clusters again. */
  private final ChainBuilder heavy =
      feed(perfgate.feeder("heavy-jobs"))
          .exec(perfgate.request("clustered-failures-all"))
          .exec(perfgate.think())
          .exec(perfgate.request("import-results"))
          .exec(perfgate.request("clustered-failures-all"));

  {
    setUp(
            perfgate.users(
                "regression tracker", Map.of("standard", standard, "burst", burst, "heavy", heavy)))
        .protocols(perfgate.protocol())
        .assertions(perfgate.assertions())
        .maxDuration(perfgate.maxDuration());
  }

  @Override
  public void after() {
    perfgate.after();
  }
}
