package io.perfgate.target;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The service under test. An empty base URL means the embedded demo service, started on 127.0.0.1
 * for the run.
 */
public record Target(Optional<URI> baseUrl, Map<String, String> headers, Duration requestTimeout) {
  public Target {
    headers = Map.copyOf(headers);
  }

  public boolean embedded() {
    return baseUrl.isEmpty();
  }
}
