package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.testing.DesignProfiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A configuration mistake stops the real Gatling JVM before it sends anything: one clear message,
 * no stack trace, a non-zero exit, and not one request at the target.
 */
class RefusedRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(1);
  private CountingTarget target;

  @BeforeEach
  void startTarget() throws Exception {
    target = CountingTarget.http();
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private String targetUrl() {
    return target.url();
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "users", Map.of("users", "0"), "Invalid setting 'users' (system property -Dusers)"),
        Arguments.of("scenario", Map.of("scenario", "nope"), "there is no profile 'nope'"),
        Arguments.of("duration", Map.of("duration", "5 parsecs"), "'5 parsecs' is not a duration"),
        Arguments.of(
            "env", Map.of("env", "staging"), "is not set, but resources/env/staging.conf:"),
        Arguments.of(
            "sla group",
            Map.of("perfgate.config", "src/test/resources/it/unknown-group.conf"),
            "no journey of this run has a group named 'checkout'"),
        Arguments.of(
            "live endpoint on another interface",
            Map.of("live.bind", "0.0.0.0"),
            "Invalid setting 'live.bind' (system property -Dlive.bind): \"0.0.0.0\" is not a"
                + " loopback address"),
        Arguments.of(
            "Gatling's console slowed down",
            Map.of("gatling.data.console.writePeriod", "5"),
            "-Dgatling.data.console.writePeriod=5 has Gatling print its progress summary every 5"
                + " s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakeIsExplainedAndNoRequestIsSent(
      String name, Map<String, String> bad, String expected, @TempDir Path results)
      throws Exception {
    var props = new java.util.HashMap<>(bad);
    props.put("target.baseUrl", targetUrl());
    var run = GatlingProcess.run(GatlingProcess.TRACKER, props, results, LIMIT);

    assertEquals(3, run.exitCode(), run.output());
    assertTrue(run.output().contains(expected), run.output());
    assertTrue(run.output().contains("No load was sent."), run.output());
    assertFalse(run.output().contains("\tat "), "no stack trace:\n" + run.output());
    assertFalse(run.output().contains("Exception"), "no exception names:\n" + run.output());
    assertEquals(0, target.requests(), "requests reached the target");
    assertTrue(run.runDir().isEmpty(), "no run folder is created");
  }

  @Test
  void scenarioListPrintsEveryProfileAndSendsNothing(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.TRACKER,
            Map.of("scenario", "list", "target.baseUrl", targetUrl()),
            results,
            LIMIT);

    assertEquals(0, run.exitCode(), run.output());
    for (String profile : DesignProfiles.NAMES) {
      assertTrue(
          run.output().contains("profile " + profile + " ("),
          profile + " missing:\n" + run.output());
    }
    assertTrue(run.output().contains("peak 500 users, total 5m"), run.output());
    assertEquals(0, target.requests());
  }
}
