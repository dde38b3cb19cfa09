package io.perfgate.workload;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the journeys can make. Its name is the request's name in every report and gate. Path,
 * query values, headers and body are Gatling EL templates ({@code #{jobId}}).
 *
 * @param expect accepted status codes; empty accepts 2xx and 304
 */
public record Endpoint(
    String name,
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    Optional<String> body,
    Optional<String> bodyFile,
    List<Integer> expect,
    List<Check> checks) {
  public Endpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    expect = List.copyOf(expect);
    checks = List.copyOf(checks);
  }
}
