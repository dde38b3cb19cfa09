package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMarkerTest {
  @Test
  void aRunIsCutShortWhileItsMarkerIsThere(@TempDir Path run) throws Exception {
    Path log = Files.createFile(run.resolve("simulation.log"));
    assertFalse(RunMarker.cutShort(log));

    RunMarker.mark(run);
    assertTrue(RunMarker.cutShort(log));
    assertTrue(Files.readString(RunMarker.file(run)).contains("stopped before the run ended"));

    RunMarker.clear(run);
    assertFalse(RunMarker.cutShort(log));
    RunMarker.clear(run); // clearing twice is fine: after() may find no marker
  }
}
