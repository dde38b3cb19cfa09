package io.perfgate.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;

/**
 * The baseline of src/bench/cpu-per-request.sh: the smallest Gatling simulation that sends the same
 * load as perfgate's bench profile. No perfgate code, no checks beyond Gatling's defaults, no
 * assertions. Its requests are byte for byte the suite's: perfgate's protocol sends {@code Accept:
 * application/json} and {@code User-Agent: perfgate}, its requests carry target.requestTimeout (60
 * s by default), and it turns off Gatling's warm-up request (which goes to the internet), so this
 * simulation does the same; what the benchmark compares is then what perfgate does beside the
 * requests.
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

  private final HttpProtocolBuilder protocol =
      http.baseUrl(System.getProperty("bench.url"))
          .disableWarmUp()
          .acceptHeader("application/json")
          .userAgentHeader("perfgate");

  private final HttpRequestActionBuilder request =
      http("index").get("/").requestTimeout(Duration.ofSeconds(60));

  private final ScenarioBuilder index =
      Boolean.getBoolean("bench.keepAlive")
          ? scenario("plain").exec(during(duration).on(exec(request)))
          : scenario("plain").exec(request);

  {
    setUp(index.injectClosed(constantConcurrentUsers(users).during(duration))).protocols(protocol);
  }
}
