package io.perfgate.results;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * Writes the simulation.log files the results tests read: two scenarios, requests inside nested
 * groups, failures with several messages, a request that cannot be built (an error record), and a
 * request name outside Latin-1 (a UTF-16 string in the log), a request with a long tail. Only
 * against fixture.url, which the tests point at their own server on 127.0.0.1; bounded by
 * fixture.seconds.
 *
 * <p>System properties: fixture.url (required), fixture.seconds (default 6), fixture.rate (new
 * shoppers per second, default 15).
 */
public class ReaderFixtureSimulation extends Simulation {
  private final String url = System.getProperty("fixture.url");
  private final int seconds = Integer.getInteger("fixture.seconds", 6);
  private final double rate = Double.parseDouble(System.getProperty("fixture.rate", "15"));

  private final HttpProtocolBuilder protocol = http.baseUrl(url).shareConnections();

  private final ScenarioBuilder shoppers =
      scenario("shoppers")
          .exec(http("home").get("/fast"))
          .exec(
              group("checkout")
                  .on(
                      exec(http("cart").get("/slow"))
                          .exec(group("pay").on(exec(http("pay").get("/flaky"))))))
          .exec(http("broken").get("/fail"))
          .exec(http("search-検索").get("/fast").check(status().is(200)))
          .exec(http("maybe-missing").get("/missing").check(status().in(200, 404)));

  private final ScenarioBuilder crawlers =
      scenario("crawlers")
          .exec(http("crawl").get("/fast"))
          .exec(http("tail").get("/tail"))
          // #{absent} is never set: Gatling cannot build the request and logs an error record.
          .exec(http("broken-template").get("/fast/#{absent}"))
          .pause(Duration.ofMillis(100));

  {
    if (url == null || !url.startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("fixture.url must be http://127.0.0.1:<port>, got " + url);
    }
    setUp(
            shoppers.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds))),
            crawlers.injectClosed(constantConcurrentUsers(2).during(Duration.ofSeconds(seconds))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(seconds + 30L));
  }
}
