package io.perfgate.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * The baseline of src/bench/cpu-per-request.sh: the smallest Gatling simulation that sends the same
 * load as perfgate's bench profile. No perfgate code, no checks beyond Gatling's defaults, no
 * assertions.
 *
 * <p>System properties: bench.url (the target, required), bench.users (concurrent users, default
 * 64), bench.duration (seconds, default 60), bench.keepAlive (true: each user loops on its own
 * keep-alive connection for the whole duration, Gatling's {@code during}; false, the default: each
 * user sends one request and ends, so every request opens a connection).
 */
public class PlainGatlingSimulation extends Simulation {
  private final int users = Integer.getInteger("bench.users", 64);
  private final Duration duration =
      Duration.ofSeconds(
          Long.parseLong(System.getProperty("bench.duration", "60").replaceFirst("s$", "")));

  private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("bench.url"));

  private final ScenarioBuilder index =
      Boolean.getBoolean("bench.keepAlive")
          ? scenario("plain").exec(during(duration).on(exec(http("index").get("/"))))
          : scenario("plain").exec(http("index").get("/"));

  {
    setUp(index.injectClosed(constantConcurrentUsers(users).during(duration))).protocols(protocol);
  }
}
