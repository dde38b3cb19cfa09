package io.perfgate.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the folder Gatling wrote this run to: Gatling names it after the simulation (lower-cased)
 * and a timestamp, and gives the simulation no handle on it.
 */
final class RunFolder {
  private RunFolder() {}

  /** The newest run folder of {@code simulation} whose log was written after {@code since}. */
  static Optional<Path> find(Path results, String simulation, long since) {
    String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
          .filter(d -> modifiedSince(d.resolve("simulation.log"), since))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean modifiedSince(Path log, long since) {
    try {
      return Files.isRegularFile(log) && Files.getLastModifiedTime(log).toMillis() >= since - 1000;
    } catch (IOException e) {
      return false;
    }
  }
}
