package io.perfgate.baseline;

import java.nio.file.Path;
import java.util.Map;

/**
 * A saved run that later runs of the same simulation, profile and environment are compared with:
 * its measured figures, globally and per request.
 *
 * @param file where it is kept
 * @param requests measured figures per request path ("triage / clustered-failures")
 */
public record Baseline(
    Path file, String runId, long start, Figures global, Map<String, Figures> requests) {
  public Baseline {
    requests = Map.copyOf(requests);
  }

  /** The figures a baseline keeps, in milliseconds, percent and requests per second. */
  public record Figures(double p50, double p95, double p99, double errorPercent, double rps) {}
}
