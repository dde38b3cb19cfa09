package io.perfgate.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run the demo service.
 *
 * @param host address to bind, {@code 127.0.0.1} by default so the service is never reachable from
 *     other machines
 * @param port TCP port, or 0 for a free one chosen by the system
 * @param faults latency and errors to inject
 * @param cacheTtl how long a clustered-failures answer is served from the cache; zero disables it
 * @param dataSize how much data to seed
 */
public record DemoOptions(
    String host, int port, DemoFaults faults, Duration cacheTtl, DataSize dataSize) {

  public DemoOptions {
    Objects.requireNonNull(host, "host must not be null");
    if (host.isBlank()) {
      throw new IllegalArgumentException("Host must not be blank; use 127.0.0.1 for loopback.");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "Port must be between 0 (any free port) and 65535, got " + port + ".");
    }
    Objects.requireNonNull(faults, "faults must not be null; use DemoFaults.none()");
    Objects.requireNonNull(cacheTtl, "cacheTtl must not be null; use Duration.ZERO for no cache");
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException(
          "Cache TTL must be zero (no caching) or positive, got " + cacheTtl + ".");
    }
    Objects.requireNonNull(dataSize, "dataSize must not be null");
  }

  /** 127.0.0.1, a free port, no faults, a 30 s cache and the standard data set. */
  public static DemoOptions defaults() {
    return new DemoOptions(
        "127.0.0.1", 0, DemoFaults.none(), Duration.ofSeconds(30), DataSize.STANDARD);
  }

  public DemoOptions withHost(String h) {
    return new DemoOptions(h, port, faults, cacheTtl, dataSize);
  }

  public DemoOptions withPort(int p) {
    return new DemoOptions(host, p, faults, cacheTtl, dataSize);
  }

  public DemoOptions withFaults(DemoFaults f) {
    return new DemoOptions(host, port, f, cacheTtl, dataSize);
  }

  public DemoOptions withCacheTtl(Duration d) {
    return new DemoOptions(host, port, faults, d, dataSize);
  }

  public DemoOptions withDataSize(DataSize s) {
    return new DemoOptions(host, port, faults, cacheTtl, s);
  }
}
