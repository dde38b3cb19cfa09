package io.perfgate.baseline;

import io.perfgate.summary.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved run that later runs of the same simulation, profile and environment are compared with:
 * its summary, kept as a copy of its summary.json, and beside it a copy of its distributions (the
 * file its summary's {@code run.histograms} names, relative to the baseline's folder).
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

  /**
   * The copy of the saved run's distributions, when there is one: baselines saved before perfgate
   * kept distributions have none, and are judged on their figures.
   */
  public Optional<Path> histograms() {
    String name = summary.run().histograms();
    if (name.isBlank()) {
      return Optional.empty();
    }
    Path copy = file.resolveSibling(name);
    return Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
  }
}
