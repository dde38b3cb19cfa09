package io.perfgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.injector.PreflightSettings;
import io.perfgate.injector.ResponseLimit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** injector.preflight and target.maxResponseSize: defaults, overrides and mistakes. */
class InjectorSettingsTest {
  @TempDir Path dir;

  private Settings load(String... props) {
    TestProject project = new TestProject(dir);
    project.conf("");
    return project.load(props);
  }

  private ConfigError refused(String... props) {
    ConfigError e = assertThrows(ConfigError.class, () -> load(props));
    SettingsLoaderTest.assertOneCleanParagraph(e);
    return e;
  }

  @Test
  void preflightRefusesBeyondALimitAndWarnsAt80PercentByDefault() {
    PreflightSettings p = load().preflight();
    assertEquals(PreflightSettings.Beyond.REFUSE, p.beyond());
    assertEquals(0.8, p.warnAt(), 1e-9);
    assertEquals(16 * 1024, p.heapPerUserBytes());
  }

  @Test
  void preflightCanWarnOnlyOrBeOff() {
    assertEquals(
        PreflightSettings.Beyond.WARN,
        load("injector.preflight.beyond", "warn").preflight().beyond());
    assertEquals(
        PreflightSettings.Beyond.OFF,
        load("injector.preflight.beyond", "off").preflight().beyond());
    assertEquals(
        64 * 1024, load("injector.preflight.heapPerUser", "64KB").preflight().heapPerUserBytes());
  }

  @Test
  void theAnswerLimitIsAutoOffOrASize() {
    assertEquals(ResponseLimit.AUTO, load().maxResponseSize());
    assertEquals(ResponseLimit.OFF, load("target.maxResponseSize", "off").maxResponseSize());
    assertEquals(
        ResponseLimit.of(10L << 20), load("target.maxResponseSize", "10MB").maxResponseSize());
    String bad = refused("target.maxResponseSize", "huge").getMessage();
    assertTrue(bad.contains("'target.maxResponseSize'"), bad);
    assertTrue(bad.contains("auto (from the heap and the plan's peak users), off, or"), bad);
    assertTrue(refused("target.maxResponseSize", "3GB").getMessage().contains("1KB to 2GB"));
  }

  @Test
  void mistakesNameTheKeyAndWhatIsAllowed() {
    String beyond = refused("injector.preflight.beyond", "maybe").getMessage();
    assertTrue(beyond.contains("'injector.preflight.beyond'"), beyond);
    assertTrue(beyond.contains("off, refuse, warn"), beyond);
    String warnAt = refused("injector.preflight.warnAt", "0%").getMessage();
    assertTrue(warnAt.contains("from 1% to 100%"), warnAt);
    String perUser = refused("injector.preflight.heapPerUser", "lots").getMessage();
    assertTrue(perUser.contains("'lots' is not a size"), perUser);
    String unknown = refused("injector.preflight.heapPerUsr", "1KB").getMessage();
    assertTrue(unknown.contains("heapPerUsr"), unknown);
  }
}
