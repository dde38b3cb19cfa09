package io.perfgate.results;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Writes the big simulation.log of src/bench/read-log.sh: bench.users users at once, each sending
 * bench.iterations times a request "index" then a request "page" inside a group "pair", as fast as
 * the target answers. So the log holds exactly users x iterations x 2 requests, plus one group
 * record per iteration and two user records per user, whatever the speed; bench.seconds bounds the
 * run. Only against bench.url, a 127.0.0.1 address.
 */
public class ReadLogBenchSimulation extends Simulation {
  private final String url = System.getProperty("bench.url");
  private final int users = Integer.getInteger("bench.users", 32);
  private final int iterations = Integer.getInteger("bench.iterations", 1000);
  private final int seconds = Integer.getInteger("bench.seconds", 900);

  {
    if (url == null || !url.startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("bench.url must be http://127.0.0.1:<port>, got " + url);
    }
    setUp(
            scenario("bench")
                .exec(
                    repeat(iterations)
                        .on(
                            exec(http("index").get("/"))
                                .exec(group("pair").on(exec(http("page").get("/?page"))))))
                .injectOpen(atOnceUsers(users)))
        .protocols(http.baseUrl(url))
        .maxDuration(Duration.ofSeconds(seconds));
  }
}
