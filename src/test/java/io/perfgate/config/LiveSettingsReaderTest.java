package io.perfgate.config;

import static io.perfgate.config.SettingsLoaderTest.assertOneCleanParagraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.live.LiveSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live block: its defaults, -D overrides, and its mistakes named with file and line. */
class LiveSettingsReaderTest {
  @TempDir Path dir;

  private Settings load(String extra, String... keyValues) {
    TestProject project = new TestProject(dir);
    project.conf(extra);
    return project.load(keyValues);
  }

  @Test
  void theDefaultsAreReferenceConfs() {
    assertEquals(LiveSettings.defaults(), load("").live());
  }

  @Test
  void everyKeyIsReadAndSystemPropertiesWin() {
    LiveSettings s =
        load(
                "live { port = 9464, history = 1h, maxRequests = 20, consolePeriod = 10s }",
                "live.port",
                "9999",
                "live.enabled",
                "false")
            .live();
    assertFalse(s.enabled());
    assertEquals(9999, s.port());
    assertEquals(Duration.ofHours(1), s.history());
    assertEquals(20, s.maxRequests());
    assertEquals(10, s.consolePeriodSeconds());
  }

  @Test
  void anotherInterfaceWithoutTheOptInIsRefusedWithWhereItWasSet() {
    ConfigError e =
        assertThrows(ConfigError.class, () -> load("live {\n  bind = \"0.0.0.0\"\n}\n"));
    assertOneCleanParagraph(e);
    String m = e.getMessage();
    assertTrue(m.startsWith("Invalid setting 'live.bind' ("), m);
    assertTrue(m.matches("[^(]*\\(.*perfgate\\.conf:\\d+\\).*"), m);
    assertTrue(m.contains("\"0.0.0.0\" is not a loopback address"), m);
    assertTrue(m.contains("live.allowRemote = true"), m);

    ConfigError d = assertThrows(ConfigError.class, () -> load("", "live.bind", "0.0.0.0"));
    assertTrue(d.getMessage().contains("system property -Dlive.bind"), d.getMessage());

    assertTrue(
        load("live { bind = \"0.0.0.0\", allowRemote = true }").live().allowRemote(),
        "allowed with the opt-in");
    assertFalse(
        load("live { bind = \"0.0.0.0\", enabled = false }").live().enabled(),
        "nothing listens when the endpoint is off");
  }

  @Test
  void mistakesNameTheirKey() {
    assertTrue(
        assertThrows(ConfigError.class, () -> load("live { port = 70000 }"))
            .getMessage()
            .matches("Invalid setting 'live.port' \\(.*perfgate.conf:\\d+\\).*"));
    assertTrue(
        assertThrows(ConfigError.class, () -> load("live { consolePeriod = 1500ms }"))
            .getMessage()
            .startsWith("Invalid setting 'live.consolePeriod'"));
    assertTrue(
        assertThrows(ConfigError.class, () -> load("live { nope = 1 }"))
            .getMessage()
            .contains("unknown key"));
  }
}
