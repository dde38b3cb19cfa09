package io.perfgate.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scrapes the target's Prometheus endpoint and keeps the process metrics every client library
 * exports (resident and virtual memory, open descriptors, CPU), the JVM's memory, GC and thread
 * metrics when present, and the metrics the user named. Counters of seconds become rates: CPU as a
 * percentage of one core, GC time as milliseconds per second.
 */
final class PrometheusSampler implements Sampler {
  /** Gauges kept as they are, when the endpoint has them. */
  static final Set<String> GAUGES =
      Set.of(
          "process_resident_memory_bytes",
          "process_virtual_memory_bytes",
          "process_open_fds",
          // JVM metrics of the Prometheus Java client (1.x names, then 0.x names) and Micrometer.
          "jvm_memory_used_bytes",
          "jvm_memory_bytes_used",
          "jvm_threads_live_threads",
          "jvm_threads_current",
          "jvm_threads_live");

  /** Counters of seconds turned into "ms/s" rates. */
  static final Set<String> GC_SECONDS =
      Set.of("jvm_gc_collection_seconds_sum", "jvm_gc_pause_seconds_sum");

  static final String CPU_SECONDS = "process_cpu_seconds_total";

  private final URI url;
  private final Set<String> named;
  private final HttpClient client;
  private final Duration timeout;
  private final Map<String, double[]> lastCounters = new HashMap<>();
  private final Set<String> reportedMissing = new LinkedHashSet<>();
  private final List<String> notes;

  PrometheusSampler(URI url, List<String> named, Duration timeout, List<String> notes) {
    this.url = url;
    this.named = new LinkedHashSet<>(named);
    this.timeout = timeout;
    this.notes = notes;
    this.client =
        HttpClient.newBuilder().connectTimeout(timeout).proxy(HttpClient.Builder.NO_PROXY).build();
  }

  @Override
  public String describe() {
    return url.toString();
  }

  @Override
  public void sample(long epochMillis, Recorder r) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", "text/plain;version=0.0.4")
            .GET()
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    record(PrometheusText.parse(response.body()), epochMillis, System.nanoTime(), r);
  }

  /** Records a parsed page; {@code nanos} is a monotonic clock reading for the counter rates. */
  void record(PrometheusText.Page page, long epochMillis, long nanos, Recorder r) {
    Set<String> seen = new LinkedHashSet<>();
    for (PrometheusText.Sample s : page.samples()) {
      seen.add(s.name());
      if (s.name().equals(CPU_SECONDS)) {
        rate(s.key(), s.value(), nanos, 100.0)
            .ifPresent(v -> r.add(Series.PROMETHEUS, "cpu", "%", epochMillis, v));
      } else if (GC_SECONDS.contains(s.name())) {
        rate(s.key(), s.value(), nanos, 1000.0)
            .ifPresent(v -> r.add(Series.PROMETHEUS, s.key(), "ms/s", epochMillis, v));
      }
      if (GAUGES.contains(s.name()) || named.contains(s.name())) {
        String unit = s.name().endsWith("_bytes") ? "bytes" : "";
        r.add(Series.PROMETHEUS, s.key(), unit, epochMillis, s.value());
      }
    }
    for (String n : named) {
      if (!seen.contains(n) && reportedMissing.add(n)) {
        synchronized (notes) {
          notes.add("The metric " + n + " was not on " + url + " when it was first scraped.");
        }
      }
    }
  }

  private java.util.Optional<Double> rate(String key, double value, long nanos, double factor) {
    double[] last = lastCounters.put(key, new double[] {value, nanos});
    if (last == null || nanos <= last[1] || value < last[0]) {
      // First reading, or the counter was reset (the target restarted): no rate yet.
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(factor * (value - last[0]) / ((nanos - last[1]) / 1e9));
  }
}
