package io.perfgate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Baselines on disk: one file per simulation, profile and environment under the baselines folder,
 * each a copy of the saved run's summary.json. Saving never leaves a half-written file.
 */
public final class BaselineStore {
  private static final ObjectMapper JSON = new ObjectMapper();
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
    JsonNode summary;
    try {
      summary = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new BaselineException(
          "The baseline "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "). Save a new one with"
              + " `baseline save <run>`, or delete the file to run without regression gates.");
    }
    return Optional.of(parse(file, summary));
  }

  static Baseline parse(Path file, JsonNode summary) throws BaselineException {
    JsonNode measured = summary.path("measured");
    if (!measured.isObject() || !measured.path("p95").isNumber()) {
      throw new BaselineException(
          "The baseline "
              + file
              + " is not a perfgate summary (no measured figures). Save a new"
              + " one with `baseline save <run>`, or delete the file.");
    }
    Map<String, Baseline.Figures> requests = new LinkedHashMap<>();
    for (JsonNode r : summary.path("requests")) {
      String group = r.path("group").isTextual() ? r.path("group").asText() : "";
      String path =
          group.isEmpty() ? r.path("name").asText() : group + " / " + r.path("name").asText();
      requests.put(path, figures(r.path("measured")));
    }
    return new Baseline(
        file,
        summary.path("run").path("id").asText(""),
        summary.path("run").path("startEpochMillis").asLong(0),
        figures(measured),
        requests);
  }

  private static Baseline.Figures figures(JsonNode f) {
    return new Baseline.Figures(
        f.path("p50").asDouble(),
        f.path("p95").asDouble(),
        f.path("p99").asDouble(),
        f.path("errorPercent").asDouble(),
        f.path("rps").asDouble());
  }

  /**
   * Saves a run's summary.json as the baseline of its simulation, profile and environment,
   * replacing the previous one atomically. Returns the baseline file.
   */
  public Path save(Path summaryJson) throws BaselineException {
    JsonNode summary;
    try {
      summary = JSON.readTree(summaryJson.toFile());
    } catch (IOException e) {
      throw new BaselineException("Cannot read " + summaryJson + ": " + e.getMessage() + ".");
    }
    JsonNode run = summary.path("run");
    Path file =
        file(
            run.path("simulation").asText(""),
            run.path("scenario").asText(""),
            run.path("environment").asText(""));
    parse(file, summary);
    if (run.path("truncated").asBoolean(false) || run.path("aborted").asBoolean(false)) {
      throw new BaselineException(
          "The run "
              + run.path("id").asText()
              + " was cut short (truncated or aborted): it would"
              + " be a misleading baseline. Save a complete run.");
    }
    try {
      AtomicFiles.copy(summaryJson, file);
    } catch (IOException e) {
      throw new BaselineException(
          "Cannot write the baseline " + file + ": " + e.getMessage() + ".");
    }
    return file;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
