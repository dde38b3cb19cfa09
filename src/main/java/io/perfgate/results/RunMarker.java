package io.perfgate.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that says a run is under way: written into the run folder once Gatling has started writing
 * the run's log, removed when the run ends and perfgate's after-run step begins. A marker still
 * there afterwards means the Gatling process was stopped before the run ended (killed, or aborted
 * by CI with SIGTERM): its log is complete only up to that moment, even when it happens to end at a
 * record boundary.
 */
public final class RunMarker {
  /** The marker's name inside the run folder, beside simulation.log. */
  public static final String FILE_NAME = "perfgate-run-in-progress";

  private static final String TEXT =
      "perfgate writes this file when a run starts and removes it when the run ends. If it is"
          + " still here, the Gatling process was stopped before the run ended (killed or aborted):"
          + " simulation.log holds the run only up to that moment.\n";

  private RunMarker() {}

  public static Path file(Path runDir) {
    return runDir.resolve(FILE_NAME);
  }

  /** Marks the run in {@code runDir} as under way. */
  public static void mark(Path runDir) throws IOException {
    Files.write(file(runDir), TEXT.getBytes(StandardCharsets.UTF_8));
  }

  /** The run ended: removes the marker, if any. */
  public static void clear(Path runDir) throws IOException {
    Files.deleteIfExists(file(runDir));
  }

  /** Whether the run that wrote {@code log} was stopped before it ended. */
  public static boolean cutShort(Path log) {
    Path dir = log.toAbsolutePath().getParent();
    return dir != null && Files.exists(file(dir));
  }
}
