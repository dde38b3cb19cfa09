package io.perfgate.baseline;

import io.perfgate.files.AtomicFiles;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Baselines on disk: one file per simulation, profile and environment under the baselines folder,
 * each a copy of the saved run's summary.json. Saving never leaves a half-written file.
 */
public final class BaselineStore {
  private final Path dir;

  public BaselineStore(Path dir) {
    this.dir = dir;
  }

  /**
   * The file of a simulation + profile + environment: {@code
   * <dir>/<simulation>/<profile>-<env>.json}.
   */
  public Path file(String simulation, String scenario, String environment) {
    String env = environment == null || environment.isEmpty() ? "default" : environment;
    return dir.resolve(safe(simulation)).resolve(safe(scenario) + "-" + safe(env) + ".json");
  }

  public Optional<Baseline> load(String simulation, String scenario, String environment)
      throws BaselineException {
    Path file = file(simulation, scenario, environment);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Baseline(file, SummaryCodec.read(file)));
    } catch (IOException e) {
      throw new BaselineException(
          "The baseline "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "). Save a new one with `baseline save <run>`, or delete the file to run without"
              + " regression gates.");
    }
  }

  /**
   * Saves a run's summary.json as the baseline of its simulation, profile and environment,
   * replacing the previous one atomically, with a copy of the run's distributions beside it when
   * the run kept them. Returns the baseline file.
   *
   * <p>The copy is named after the run ({@code <profile>-<env>.<run>.histograms.json}) and written
   * first; the baseline's summary then names it. So the summary on disk always names the
   * distributions of its own run, whenever a save is interrupted; the previous baseline's copy is
   * deleted last.
   */
  public Path save(Path summaryJson) throws BaselineException {
    Summary summary;
    try {
      summary = SummaryCodec.read(summaryJson);
    } catch (IOException e) {
      throw new BaselineException("Cannot read " + summaryJson + ": " + e.getMessage());
    }
    Summary.Run run = summary.run();
    Path file = file(run.simulation(), run.scenario(), run.environment());
    if (run.truncated() || run.aborted()) {
      throw new BaselineException(
          "The run "
              + run.id()
              + " was cut short (truncated or aborted): it would be a misleading baseline. Save a"
              + " complete run.");
    }
    Optional<Path> previous = Optional.empty();
    try {
      previous =
          load(run.simulation(), run.scenario(), run.environment()).flatMap(Baseline::histograms);
    } catch (BaselineException e) {
      // An unreadable previous baseline is replaced all the same; its copy, if any, stays.
    }
    String copyName = "";
    Path source =
        run.histograms().isBlank()
            ? null
            : summaryJson.toAbsolutePath().getParent().resolve(run.histograms());
    try {
      if (source != null && Files.isRegularFile(source)) {
        copyName = baseName(file) + "." + safe(run.id()) + ".histograms.json";
        AtomicFiles.copy(source, file.resolveSibling(copyName));
      }
      Summary saved = summary.withRun(run.withHistograms(copyName));
      AtomicFiles.write(file, out -> SummaryCodec.write(saved, out));
    } catch (IOException e) {
      throw new BaselineException(
          "Cannot write the baseline " + file + ": " + e.getMessage() + ".");
    }
    if (previous.isPresent() && !previous.get().getFileName().toString().equals(copyName)) {
      try {
        Files.deleteIfExists(previous.get());
      } catch (IOException e) {
        // A stale copy costs disk space only: the new summary names its own.
      }
    }
    return file;
  }

  /** "smoke-default" of "smoke-default.json". */
  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
