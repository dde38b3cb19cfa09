package io.perfgate.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.perfgate.target.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretsTest {
  @Test
  void shippedLoggingWritesNoRequestsAndTurningItUpIsWarnedAbout() {
    assertEquals(Optional.empty(), Secrets.verboseLoggingWarning());
    Logger logger = (Logger) LoggerFactory.getLogger("io.gatling.http.engine.response");
    Level before = logger.getLevel();
    try {
      logger.setLevel(Level.TRACE);
      String warning = Secrets.verboseLoggingWarning().orElseThrow();
      assertTrue(warning.contains("io.gatling.http.engine.response logs at DEBUG or TRACE"));
      assertTrue(warning.contains("Set these loggers back to WARN"), warning);
    } finally {
      logger.setLevel(before);
    }
  }

  @Test
  void logIsMaskedInPlaceKeepingItsLength(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("simulation.log");
    byte[] original =
        ("\u0000\u0000\u0000\u0013Bearer tok-abcdefgh\u0000rest")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(log, original);
    assertEquals(1, Secrets.maskLog(log, Redactor.of(List.of("Bearer tok-abcdefgh"))));
    byte[] masked = Files.readAllBytes(log);
    assertEquals(original.length, masked.length);
    assertEquals(
        "\u0000\u0000\u0000\u0013*******************\u0000rest",
        new String(masked, StandardCharsets.ISO_8859_1));
    assertEquals(0, Secrets.maskLog(log, Redactor.NONE));
  }
}
