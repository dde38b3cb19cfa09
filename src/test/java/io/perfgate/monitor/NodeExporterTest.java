package io.perfgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.testing.RequiredTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus sampler against a real exporter perfgate did not write: Debian's node exporter,
 * started on a free loopback port. Skipped, saying so, when the package is not installed (.ci/run
 * installs it).
 */
class NodeExporterTest {
  private static final Path EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");

  @Test
  void scrapingTheNodeExporterYieldsSeriesForTheNamedMetrics() throws Exception {
    RequiredTool.require(
        Files.isExecutable(EXPORTER),
        "prometheus-node-exporter (apt-get install prometheus-node-exporter)");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process exporter =
        new ProcessBuilder(
                EXPORTER.toString(),
                "--web.listen-address=127.0.0.1:" + port,
                // Two cheap collectors are enough; the default set reads half of /sys.
                "--collector.disable-defaults",
                "--collector.meminfo",
                "--collector.loadavg")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      List<String> notes = new ArrayList<>();
      PrometheusSampler sampler =
          new PrometheusSampler(
              URI.create("http://127.0.0.1:" + port + "/metrics"),
              List.of("node_load1", "node_memory_MemAvailable_bytes", "no_such_metric"),
              Duration.ofSeconds(5),
              notes);
      Recorder recorder = new Recorder();
      awaitFirstScrape(sampler, recorder, exporter);
      for (int i = 0; i < 2; i++) {
        exporter.waitFor(200, TimeUnit.MILLISECONDS); // a later scrape for the CPU counter's rate
        sampler.sample(System.currentTimeMillis(), recorder);
      }

      Map<String, Series> byMetric = new TreeMap<>();
      recorder.series().forEach(s -> byMetric.put(s.metric(), s));
      for (String metric :
          List.of(
              "process_resident_memory_bytes",
              "process_virtual_memory_bytes",
              "process_open_fds",
              "node_load1",
              "node_memory_MemAvailable_bytes")) {
        Series s = byMetric.get(metric);
        assertTrue(s != null, "no series " + metric + " in " + byMetric.keySet());
        assertEquals(3, s.points().size(), metric);
        assertEquals(Series.PROMETHEUS, s.source());
      }
      assertTrue(byMetric.get("process_resident_memory_bytes").points().get(0).value() > 1 << 20);
      assertEquals("bytes", byMetric.get("process_resident_memory_bytes").unit());
      assertTrue(byMetric.get("node_memory_MemAvailable_bytes").points().get(0).value() > 0);
      // CPU is a rate: one point per pair of scrapes.
      assertEquals(2, byMetric.get("cpu").points().size());
      assertEquals("%", byMetric.get("cpu").unit());
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).contains("no_such_metric"), notes.toString());
    } finally {
      exporter.destroy();
      if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
        exporter.destroyForcibly();
      }
    }
  }

  /** The exporter takes a moment to listen: try until it answers, within 20 s. */
  private static void awaitFirstScrape(PrometheusSampler sampler, Recorder recorder, Process p)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      assertTrue(
          p.isAlive(), "the node exporter exited with " + (p.isAlive() ? "" : p.exitValue()));
      try {
        sampler.sample(System.currentTimeMillis(), recorder);
        return;
      } catch (IOException e) {
        last = e;
        p.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    throw new AssertionError("the node exporter did not answer within 20 s", last);
  }
}
