package io.perfgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.profile.StopCriteria;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.abort and a profile's own abort block: defaults, overrides, and mistakes. */
class StopCriteriaSettingsTest {
  @TempDir Path dir;

  private StopCriteria load(String extra, String... props) {
    TestProject project = new TestProject(dir);
    project.conf(extra);
    return project.load(props).requirePlan().profile().abort();
  }

  private ConfigError refused(String extra, String... props) {
    ConfigError e = assertThrows(ConfigError.class, () -> load(extra, props));
    SettingsLoaderTest.assertOneCleanParagraph(e);
    return e;
  }

  @Test
  void everyRunStopsWhenHalfItsRequestsFailByDefault() throws IOException {
    StopCriteria c = load("");
    assertTrue(c.active());
    assertEquals(Duration.ofSeconds(10), c.window());
    assertEquals(50.0, c.errorRate().getAsDouble());
    assertTrue(c.p95().isEmpty());
    assertTrue(c.errors().isEmpty());
    assertFalse(c.gates());
    assertEquals("errors > 50% over 10s", c.describe());
  }

  @Test
  void theBreakpointProfileStopsOnItsGates() throws IOException {
    StopCriteria c = load("", "scenario", "breakpoint");
    assertTrue(c.gates());
    assertEquals(10.0, c.errorRate().getAsDouble());
    assertEquals(Duration.ofSeconds(10), c.window(), "the window comes from run.abort");
  }

  @Test
  void aProfileBlockReplacesOnlyTheKeysItSets() throws IOException {
    StopCriteria c =
        load(
            """
            run.abort { window = 20s, errors = 500 }
            profiles.smoke.abort { p95 = 2s, errorRate = off }
            """);
    assertEquals(Duration.ofSeconds(20), c.window());
    assertEquals(500, c.errors().getAsLong());
    assertEquals(Optional.of(Duration.ofSeconds(2)), c.p95());
    assertTrue(c.errorRate().isEmpty());
    assertEquals("p95 > 2s over 20s, or 500 failed requests in all", c.describe());
  }

  @Test
  void systemPropertiesSetTheRunWideCriteria() throws IOException {
    StopCriteria c = load("", "run.abort.enabled", "false");
    assertFalse(c.active());
    assertEquals("none", c.describe());
    assertEquals(5.0, load("", "run.abort.errorRate", "5%").errorRate().getAsDouble());
  }

  @Test
  void mistakesNameTheKeyTheFileAndWhatIsAllowed() {
    ConfigError window = refused("run.abort.window = 500ms\n");
    assertTrue(window.getMessage().startsWith("Invalid setting 'run.abort.window' ("));
    assertTrue(window.getMessage().contains("perfgate.conf:"), window::getMessage);
    assertTrue(window.getMessage().contains("Allowed: 1s or more"), window::getMessage);

    ConfigError rate = refused("profiles.smoke.abort { errorRate = 120% }\n");
    assertTrue(
        rate.getMessage().startsWith("Invalid setting 'profiles.smoke.abort.errorRate' ("),
        rate::getMessage);
    assertTrue(rate.getMessage().contains("a percentage below 100%, or off"), rate::getMessage);

    ConfigError unknown = refused("profiles.smoke.abort { p99 = 1s }\n");
    assertTrue(unknown.getMessage().contains("'profiles.smoke.abort.p99'"), unknown::getMessage);
    assertTrue(unknown.getMessage().contains("unknown key"), unknown::getMessage);

    ConfigError p95 = refused("", "run.abort.p95", "fast");
    assertTrue(p95.getMessage().contains("system property -Drun.abort.p95"), p95::getMessage);
    assertTrue(p95.getMessage().contains("'fast' is not a latency"), p95::getMessage);
  }
}
