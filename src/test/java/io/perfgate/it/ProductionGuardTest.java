package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production target is loaded only when the run names its host, and an allow-list of hosts keeps
 * every other host unloaded: real Gatling JVMs against a local target that counts what it gets.
 */
class ProductionGuardTest {
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

  private Map<String, String> props(String... extra) {
    Map<String, String> p = new HashMap<>();
    p.put("perfgate.config", "src/test/resources/it/secrets.conf");
    p.put("scenario", "short");
    p.put("target.baseUrl", target.url());
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  private GatlingProcess.Result run(Map<String, String> props, Path results) throws Exception {
    return GatlingProcess.run(GatlingProcess.CONFIGURED, props, results, LIMIT);
  }

  private void assertRefused(GatlingProcess.Result run, String... expected) {
    assertEquals(3, run.exitCode(), run.output());
    for (String e : expected) {
      assertTrue(run.output().contains(e), "missing '" + e + "':\n" + run.output());
    }
    assertTrue(run.output().contains("No load was sent."), run.output());
    assertFalse(run.output().contains("\tat "), "no stack trace:\n" + run.output());
    assertEquals(0, target.requests(), "requests reached the target");
    assertTrue(run.runDir().isEmpty(), "no run folder is created");
  }

  private void assertRan(GatlingProcess.Result run) {
    assertTrue(run.exitCode() == 0 || run.exitCode() == 2, run.output());
    assertTrue(target.requests() > 0, "the target got no request:\n" + run.output());
    assertTrue(run.runDir().isPresent(), run.output());
  }

  @Test
  void productionTargetWithoutConfirmationIsRefused(@TempDir Path results) throws Exception {
    var run = run(props("target.production", "true"), results);
    assertRefused(
        run,
        "is production (target.production = true, set in system property -Dtarget.production)",
        "run again with -Dperfgate.confirm=127.0.0.1.");
  }

  @Test
  void theProductionOverlayNeedsConfirmationToo(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.TRACKER,
            Map.of("env", "production"),
            Map.of(
                "PERFGATE_PRODUCTION_URL", target.url(), "PERFGATE_API_TOKEN", "guard-test-token"),
            results,
            LIMIT);
    assertRefused(
        run,
        "is production (target.production = true, set in resources/env/production.conf:",
        "run again with -Dperfgate.confirm=127.0.0.1.");
  }

  @Test
  void confirmationNamingAnotherHostIsRefused(@TempDir Path results) throws Exception {
    var run = run(props("target.production", "true", "perfgate.confirm", "shop.example"), results);
    assertRefused(
        run, "-Dperfgate.confirm=shop.example names another host", "-Dperfgate.confirm=127.0.0.1");
  }

  @Test
  void productionTargetConfirmedByItsHostRuns(@TempDir Path results) throws Exception {
    assertRan(run(props("target.production", "true", "perfgate.confirm", "127.0.0.1"), results));
  }

  @Test
  void hostOutsideTheAllowListIsRefused(@TempDir Path results) throws Exception {
    var run = run(props("target.allowHosts", "staging.example.com"), results);
    assertRefused(
        run,
        "is not on the allow-list: target.allowHosts",
        "permits only staging.example.com, so perfgate refuses to load 127.0.0.1");
  }

  @Test
  void hostOnTheAllowListRuns(@TempDir Path results) throws Exception {
    assertRan(run(props("target.allowHosts", "staging.example.com,127.0.0.1"), results));
  }
}
