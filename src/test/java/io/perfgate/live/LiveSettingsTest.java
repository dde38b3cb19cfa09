package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(5, s.consolePeriodSeconds());
    assertTrue(s.address().isLoopbackAddress());
  }

  @Test
  void loopbackNamesNeedNoOptIn() {
    for (String bind : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
      assertTrue(LiveSettings.address(bind, false).isLoopbackAddress(), bind);
    }
  }

  @Test
  void anotherInterfaceWithoutTheOptInIsRefusedSayingWhatToSet() {
    LiveSettings.Invalid e =
        assertThrows(LiveSettings.Invalid.class, () -> LiveSettings.address("0.0.0.0", false));
    assertEquals("live.bind", e.key());
    assertTrue(e.getMessage().startsWith("\"0.0.0.0\" is not a loopback address"), e.getMessage());
    assertTrue(e.allowed().contains("live.allowRemote = true"), e.allowed());
    assertFalse((e.getMessage() + e.allowed()).contains("\n"), "one paragraph");
  }

  @Test
  void anotherInterfaceWithTheOptInIsAllowed() {
    assertTrue(LiveSettings.address("0.0.0.0", true).isAnyLocalAddress());
  }

  @Test
  void anAddressThatDoesNotResolveIsNamed() {
    LiveSettings.Invalid e =
        assertThrows(
            LiveSettings.Invalid.class, () -> LiveSettings.address("no-such-host.invalid", true));
    assertTrue(e.getMessage().contains("\"no-such-host.invalid\" is not an address"));
  }

  @Test
  void outOfRangeValuesNameTheirKey() {
    LiveSettings d = LiveSettings.defaults();
    assertEquals(
        "live.port", assertThrows(LiveSettings.Invalid.class, () -> d.withPort(70_000)).key());
    assertEquals(
        "live.history",
        assertThrows(LiveSettings.Invalid.class, () -> d.withHistory(Duration.ofSeconds(3))).key());
    assertEquals(
        "live.maxRequests",
        assertThrows(LiveSettings.Invalid.class, () -> d.withMaxRequests(0)).key());
    assertEquals(
        "live.consolePeriod",
        assertThrows(
                LiveSettings.Invalid.class,
                () ->
                    new LiveSettings(
                        true,
                        0,
                        "127.0.0.1",
                        false,
                        Duration.ofMinutes(1),
                        10,
                        Duration.ofMillis(1500)))
            .key());
  }
}
