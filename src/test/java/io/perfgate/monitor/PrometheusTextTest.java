package io.perfgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text exposition format, on output of Debian's node exporter 1.5.0 and the spec's cases. */
class PrometheusTextTest {
  private static String nodeExporter() throws IOException {
    try (InputStream in =
        PrometheusTextTest.class.getResourceAsStream("/monitor/node-exporter.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static double value(PrometheusText.Page page, String key) {
    return page.samples().stream()
        .filter(s -> s.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + key))
        .value();
  }

  @Test
  void readsARealExportersPage() throws Exception {
    PrometheusText.Page page = PrometheusText.parse(nodeExporter());

    long samples = nodeExporter().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    assertEquals(samples, page.samples().size());
    assertEquals(1.478656e7, value(page, "process_resident_memory_bytes"));
    assertEquals(11, value(page, "process_open_fds"));
    assertEquals(7.23, value(page, "node_load1"));
    assertEquals(2.376931328e10, value(page, "node_memory_MemAvailable_bytes"));
    assertEquals(1.8446744073709552e19, value(page, "process_virtual_memory_max_bytes"));
    assertEquals(0.0, value(page, "go_gc_duration_seconds{quantile=\"0.25\"}"));
    var build =
        page.samples().stream()
            .filter(s -> s.name().equals("node_exporter_build_info"))
            .findFirst()
            .orElseThrow();
    assertEquals("1.5.0", build.labels().get("version"));
    assertEquals("debian/sid", build.labels().get("branch"));
    assertEquals("counter", page.typeOf("process_cpu_seconds_total"));
    assertEquals("gauge", page.typeOf("node_load1"));
    assertEquals("summary", page.typeOf("go_gc_duration_seconds_sum"));
  }

  @Test
  void followsTheSpecOnEscapesSpecialValuesTimestampsAndComments() throws Exception {
    String text =
        """
        # A comment that is neither HELP nor TYPE
        # HELP msdos_file_access_time_seconds with \\\\ and \\n in it
        # TYPE msdos_file_access_time_seconds gauge
        msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
        metric_without_timestamp_and_labels 12.47
        something_weird{problem="division by zero"} +Inf -3982045
        a_nan NaN
        minus_inf{a="b",} -Inf
        http_requests_total{method="post",code="200"} 1027 1395066363000
          spaced_out  { a = "1" , b="2" }   3
        """;
    PrometheusText.Page page = PrometheusText.parse(text);

    var msdos = page.samples().get(0);
    assertEquals(
        Map.of("path", "C:\\DIR\\FILE.TXT", "error", "Cannot find file:\n\"FILE.TXT\""),
        msdos.labels());
    assertEquals(1.458255915e9, msdos.value());
    assertEquals(12.47, value(page, "metric_without_timestamp_and_labels"));
    assertEquals(Double.POSITIVE_INFINITY, page.samples().get(2).value());
    assertTrue(Double.isNaN(value(page, "a_nan")));
    assertEquals(Double.NEGATIVE_INFINITY, value(page, "minus_inf{a=\"b\"}"));
    assertEquals(1027, value(page, "http_requests_total{method=\"post\",code=\"200\"}"));
    assertEquals(3, value(page, "spaced_out{a=\"1\",b=\"2\"}"));
    assertEquals("gauge", page.typeOf("msdos_file_access_time_seconds"));
    assertEquals("untyped", page.typeOf("a_nan"));
    // The key escapes again what it unescaped.
    assertTrue(msdos.key().contains("path=\"C:\\\\DIR\\\\FILE.TXT\""), msdos.key());
  }

  @Test
  void aBrokenLineIsAnErrorNamingItsNumber() {
    var e =
        assertThrows(
            PrometheusText.ParseException.class,
            () -> PrometheusText.parse("ok 1\nbroken{a=\"x} 2\n"));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
    assertThrows(PrometheusText.ParseException.class, () -> PrometheusText.parse("x abc"));
    assertThrows(PrometheusText.ParseException.class, () -> PrometheusText.parse("x{a=1} 2"));
    assertThrows(PrometheusText.ParseException.class, () -> PrometheusText.parse("x 1 2 3"));
    assertThrows(PrometheusText.ParseException.class, () -> PrometheusText.parse("{a=\"b\"} 1"));
  }
}
