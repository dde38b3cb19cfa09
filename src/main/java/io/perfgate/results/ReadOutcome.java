package io.perfgate.results;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading one simulation.log gave: its header, how many whole records were read (the run
 * record excluded), how many of them were unmatched incoming messages (given to the handler but
 * left out of every figure), and whether the log ended inside a record, in which case the warning
 * says at which byte reading stopped.
 */
public record ReadOutcome(
    Path log,
    RunHeader header,
    long records,
    long unmatched,
    boolean truncated,
    long bytesRead,
    Optional<String> warning) {
  public ReadOutcome {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(warning, "warning");
  }
}
