package io.perfgate.baseline;

import io.perfgate.summary.Summary;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A saved run that later runs of the same simulation, profile and environment are compared with:
 * its summary, kept as a copy of its summary.json.
 *
 * @param file where it is kept
 */
public record Baseline(Path file, Summary summary) {
  public Baseline {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(summary, "summary");
  }

  /** The saved run's folder name. */
  public String runId() {
    return summary.run().id();
  }

  /** The saved run's start, epoch milliseconds. */
  public long start() {
    return summary.run().startEpochMillis();
  }
}
