package io.perfgate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a run stopped itself, kept beside its log (perfgate/abort.json) the moment a stop criterion
 * is met: every later analysis of the run, right after it or with {@code analyze} days later, marks
 * it aborted with this reason.
 *
 * @param reason the criterion that was met, in plain words
 * @param atMillis when, in ms from the run's start (the end of the window that met it)
 */
public record AbortNote(String reason, long atMillis) {
  static final String FILE = "abort.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes the note into a run folder's perfgate folder. */
  public void write(Path runDir) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("reason", reason);
    node.put("atMillis", atMillis);
    AtomicFiles.writeString(
        runDir.resolve("perfgate").resolve(FILE),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }

  /** The note of the run whose log is {@code log}, if it stopped itself. */
  public static Optional<AbortNote> beside(Path log) {
    Path file = log.toAbsolutePath().getParent().resolve("perfgate").resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      String reason = n.path("reason").asText("");
      return Optional.of(
          new AbortNote(
              reason.isEmpty() ? "a stop criterion was met (" + file + " names none)" : reason,
              n.path("atMillis").asLong(0)));
    } catch (IOException e) {
      return Optional.of(
          new AbortNote("a stop criterion was met (" + file + " is unreadable: " + e + ")", 0));
    }
  }
}
