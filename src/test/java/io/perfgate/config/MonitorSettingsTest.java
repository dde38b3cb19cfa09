package io.perfgate.config;

import static io.perfgate.config.SettingsLoaderTest.assertMentions;
import static io.perfgate.config.SettingsLoaderTest.assertOneCleanParagraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target.monitor, sla.resources and demo.faults.leak: their defaults and their mistakes. */
class MonitorSettingsTest {
  @TempDir Path dir;

  private Settings load(String extra, String... keyValues) {
    TestProject project = new TestProject(dir);
    project.conf(extra);
    return project.load(keyValues);
  }

  private ConfigError refused(String extra, String... keyValues) {
    ConfigError e = assertThrows(ConfigError.class, () -> load(extra, keyValues));
    assertOneCleanParagraph(e);
    return e;
  }

  @Test
  void byDefaultTheDemoServiceAndTheInjectorAreSampledEverySecond() {
    Settings s = load("");
    var m = s.monitor();
    assertTrue(m.enabled());
    assertEquals(Duration.ofSeconds(1), m.interval());
    assertTrue(m.demo());
    assertTrue(m.injector());
    assertEquals(OptionalLong.empty(), m.pid());
    assertEquals(Optional.empty(), m.name());
    assertEquals(Optional.empty(), m.prometheus());
    var r = s.resources();
    assertEquals(5, r.memoryGrowth().target());
    assertEquals(10, r.memoryGrowth().acceptable());
    assertEquals(Set.of("soak", "endurance"), r.leakProfiles());
    assertEquals(0.8, r.leakFit());
    assertEquals(OptionalDouble.empty(), r.maxRssMb());
    assertEquals(OptionalDouble.empty(), r.cpuPercent());
    assertEquals(0, s.demo().leakBytes());
  }

  @Test
  void everyKeyIsRead() {
    Settings s =
        load(
            """
            target.monitor {
              interval = 250ms
              prometheus { url = "http://127.0.0.1:9100/metrics", metrics = [hikaricp_connections_active, "node_load1"] }
              injector = false
            }
            sla.resources { memoryGrowth = [2, 4.5], leakProfiles = [soak], leakFit = 0.9, maxRss = 2GB, cpu = 150% }
            demo.faults.leak = 64KB
            """,
            "target.monitor.process.pid", "4242");
    var m = s.monitor();
    assertEquals(Duration.ofMillis(250), m.interval());
    assertEquals(OptionalLong.of(4242), m.pid());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9100/metrics")), m.prometheus());
    assertEquals(List.of("hikaricp_connections_active", "node_load1"), m.metrics());
    assertFalse(m.injector());
    var r = s.resources();
    assertEquals(2, r.memoryGrowth().target());
    assertEquals(4.5, r.memoryGrowth().acceptable());
    assertEquals(Set.of("soak"), r.leakProfiles());
    assertEquals(0.9, r.leakFit());
    assertEquals(OptionalDouble.of(2048), r.maxRssMb());
    assertEquals(OptionalDouble.of(150), r.cpuPercent());
    assertEquals(64 * 1024, s.demo().leakBytes());
    assertEquals(
        Optional.of("DemoService"),
        load("", "target.monitor.process.name", "DemoService").monitor().name());
  }

  @Test
  void mistakesNameTheKeyAndWhatIsAllowed() {
    assertMentions(
        refused("", "target.monitor.interval", "10ms").getMessage(),
        "'target.monitor.interval'",
        "-Dtarget.monitor.interval",
        "100ms or more");
    assertMentions(
        refused("", "target.monitor.prometheus.url", "ftp://host/metrics").getMessage(),
        "'target.monitor.prometheus.url'",
        "not an http(s) URL");
    assertMentions(
        refused("target.monitor.prometheus.metrics = [ok_metric, \"not a name\"]\n").getMessage(),
        "'target.monitor.prometheus.metrics[1]'",
        "perfgate.conf:5",
        "not a Prometheus metric name");
    assertMentions(
        refused("", "target.monitor.process.pid", "12", "target.monitor.process.name", "x")
            .getMessage(),
        "both a pid and a name pattern",
        "one of pid or name");
    assertMentions(
        refused("", "target.monitor.process.name", "[oops").getMessage(),
        "'target.monitor.process.name'",
        "not a regular expression");
    assertMentions(
        refused("target.monitor.sampler = 1\n").getMessage(),
        "'target.monitor.sampler'",
        "unknown key",
        "enabled, injector, interval, process, prometheus");
    assertMentions(
        refused("sla.resources.memoryGrowth = [10, 5]\n").getMessage(),
        "'sla.resources.memoryGrowth'",
        "not ascending",
        "[5, 10]");
    assertMentions(refused("sla.resources.memoryGrowth = [5]\n").getMessage(), "has 1 values");
    assertMentions(
        refused("", "sla.resources.maxRss", "lots").getMessage(),
        "'sla.resources.maxRss'",
        "512MB or 2GB");
    assertMentions(
        refused("", "sla.resources.cpu", "fast").getMessage(),
        "'sla.resources.cpu'",
        "percentage of one core");
    assertMentions(refused("", "sla.resources.leakFit", "2").getMessage(), "from 0 to 1");
    assertMentions(
        refused("", "demo.faults.leak", "1GB").getMessage(), "'demo.faults.leak'", "at most 64MB");
  }
}
