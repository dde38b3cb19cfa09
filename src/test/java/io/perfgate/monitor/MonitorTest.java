package io.perfgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the monitor samples, and the mistakes it refuses before any load. */
class MonitorTest {
  private static MonitorSettings settings(
      OptionalLong pid, Optional<String> name, boolean demo, Optional<URI> prometheus) {
    return new MonitorSettings(
        true, Duration.ofMillis(100), pid, name, demo, prometheus, List.of(), true);
  }

  @Test
  void theEmbeddedDemoIsThisJvmAndEveryStopEndsWithASample() {
    Monitor m =
        Monitor.start(
                settings(OptionalLong.empty(), Optional.empty(), true, Optional.empty()), true)
            .orElseThrow();
    ResourceSamples s = m.stop();

    assertTrue(s.embeddedDemo());
    assertTrue(s.targetProcess().orElseThrow().startsWith("pid " + ProcessHandle.current().pid()));
    Set<String> keys = s.series().stream().map(Series::key).collect(Collectors.toSet());
    assertTrue(
        keys.containsAll(
            Set.of(
                "target rss",
                "target vms",
                "target threads",
                "target fds",
                "injector heapAfterGc")),
        keys.toString());
    assertTrue(s.find("target", "rss").orElseThrow().points().size() >= 1);
    assertEquals(100, s.intervalMillis());
  }

  @Test
  void withoutTheDemoServiceRunningOnlyTheInjectorIsSampled() {
    ResourceSamples s =
        Monitor.start(
                settings(OptionalLong.empty(), Optional.empty(), true, Optional.empty()), false)
            .orElseThrow()
            .stop();
    assertTrue(s.targetProcess().isEmpty());
    assertTrue(s.series().stream().allMatch(x -> x.source().equals(Series.INJECTOR)), s.toString());
  }

  @Test
  void anUnreachableEndpointIsNotedOnceAndTheRunGoesOn() {
    ResourceSamples s =
        Monitor.start(
                settings(
                    OptionalLong.empty(),
                    Optional.empty(),
                    false,
                    Optional.of(URI.create("http://127.0.0.1:9/metrics"))),
                false)
            .orElseThrow()
            .stop();
    assertEquals(1, s.notes().size(), s.notes().toString());
    assertTrue(s.notes().get(0).contains("http://127.0.0.1:9/metrics"), s.notes().toString());
  }

  @Test
  void aMissingProcessIsRefusedNamingTheKey() {
    long dead =
        ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
    var e =
        assertThrows(
            MonitorException.class,
            () ->
                Monitor.start(
                    settings(OptionalLong.of(dead), Optional.empty(), false, Optional.empty()),
                    false));
    assertEquals("target.monitor.process.pid", e.key());
    assertTrue(e.getMessage().contains("no running process " + dead), e.getMessage());

    var n =
        assertThrows(
            MonitorException.class,
            () ->
                Monitor.start(
                    settings(
                        OptionalLong.empty(),
                        Optional.of("no-such-[0-9]{20}"),
                        false,
                        Optional.empty()),
                    false));
    assertEquals("target.monitor.process.name", n.key());
  }

  @Test
  void turnedOffItSamplesNothing() {
    assertTrue(Monitor.start(MonitorSettings.off(), true).isEmpty());
  }
}
