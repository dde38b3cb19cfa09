package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.config.ConfigError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveSettingsTest {

  @Test
  void defaultsServeThisMachineOnlyOnAFreePort() {
    LiveSettings s = LiveSettings.defaults();
    assertTrue(s.enabled());
    assertEquals(0, s.port());
    assertEquals("127.0.0.1", s.bind());
    assertFalse(s.allowRemote());
    assertEquals(Duration.ofMinutes(15), s.history());
    assertEquals(100, s.maxRequests());
    assertTrue(s.address(null).isLoopbackAddress());
  }

  @Test
  void loopbackNamesNeedNoOptIn() {
    for (String bind : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
      assertTrue(LiveSettings.address(bind, false, null).isLoopbackAddress(), bind);
    }
  }

  @Test
  void anotherInterfaceWithoutTheOptInIsRefusedInOneParagraph() {
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () -> LiveSettings.address("0.0.0.0", false, "resources/perfgate.conf:12"));
    String m = e.getMessage();
    assertTrue(
        m.startsWith(
            "Invalid setting 'live.bind' (resources/perfgate.conf:12): \"0.0.0.0\" is not a"
                + " loopback address"),
        m);
    assertTrue(m.contains("live.allowRemote = true"), m);
    assertTrue(m.endsWith("No load was sent."), m);
    assertFalse(m.contains("\n"), "one paragraph");
  }

  @Test
  void anotherInterfaceWithTheOptInIsAllowed() {
    assertTrue(LiveSettings.address("0.0.0.0", true, null).isAnyLocalAddress());
  }

  @Test
  void anAddressThatDoesNotResolveIsNamed() {
    ConfigError e =
        assertThrows(
            ConfigError.class, () -> LiveSettings.address("no-such-host.invalid", true, null));
    assertTrue(
        e.getMessage().contains("\"no-such-host.invalid\" is not an address"), e.getMessage());
  }

  @Test
  void outOfRangeValuesNameTheirKey() {
    LiveSettings d = LiveSettings.defaults();
    assertTrue(
        assertThrows(ConfigError.class, () -> d.withPort(70_000))
            .getMessage()
            .startsWith("Invalid setting 'live.port'"));
    assertTrue(
        assertThrows(ConfigError.class, () -> d.withHistory(Duration.ofSeconds(3)))
            .getMessage()
            .startsWith("Invalid setting 'live.history'"));
    assertTrue(
        assertThrows(ConfigError.class, () -> d.withMaxRequests(0))
            .getMessage()
            .startsWith("Invalid setting 'live.maxRequests'"));
  }
}
