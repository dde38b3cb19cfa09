package io.perfgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void defaults() {
    DemoOptions d = DemoOptions.defaults();
    assertEquals("127.0.0.1", d.host());
    assertEquals(0, d.port());
    assertEquals(DemoFaults.none(), d.faults());
    assertEquals(Duration.ofSeconds(30), d.cacheTtl());
    assertEquals(DataSize.STANDARD, d.dataSize());
  }

  @Test
  void withersChangeOneComponent() {
    DemoOptions d = DemoOptions.defaults();
    DemoFaults slow = new DemoFaults(Duration.ofMillis(5), 0.5);
    assertEquals(
        new DemoOptions("127.0.0.1", 81, d.faults(), d.cacheTtl(), d.dataSize()), d.withPort(81));
    assertEquals(slow, d.withFaults(slow).faults());
    assertEquals(Duration.ofSeconds(2), d.withCacheTtl(Duration.ofSeconds(2)).cacheTtl());
    assertEquals(DataSize.TINY, d.withDataSize(DataSize.TINY).dataSize());
    assertEquals("localhost", d.withHost("localhost").host());
  }

  @Test
  void rejectsImpossibleValues() {
    DemoOptions d = DemoOptions.defaults();
    assertEquals(
        "Port must be between 0 (any free port) and 65535, got -1.",
        assertThrows(IllegalArgumentException.class, () -> d.withPort(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.withPort(65_536));
    assertThrows(IllegalArgumentException.class, () -> d.withHost(" "));
    assertThrows(IllegalArgumentException.class, () -> d.withCacheTtl(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> d.withFaults(null));
  }
}
