package io.perfgate.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What to sample while a run is under way, from {@code target.monitor}.
 *
 * @param interval time between two samples of every sampler
 * @param pid a local process to sample by id
 * @param name a pattern matched against local processes' command lines; exactly one must match
 * @param demo sample the embedded demo service (this JVM) when it is the target
 * @param prometheus the target's Prometheus endpoint to scrape
 * @param metrics further metric names to keep from the Prometheus endpoint (e.g. a connection
 *     pool's active connections), besides the process and JVM ones kept by default
 * @param injector sample the injector's own JVM (CPU, GC, heap after GC)
 */
public record MonitorSettings(
    boolean enabled,
    Duration interval,
    OptionalLong pid,
    Optional<String> name,
    boolean demo,
    Optional<URI> prometheus,
    List<String> metrics,
    boolean injector) {
  public MonitorSettings {
    metrics = List.copyOf(metrics);
  }

  /** Sampling off: what a run without a {@code target.monitor} section would do. */
  public static MonitorSettings off() {
    return new MonitorSettings(
        false,
        Duration.ofSeconds(1),
        OptionalLong.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        List.of(),
        false);
  }
}
