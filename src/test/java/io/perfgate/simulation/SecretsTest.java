package io.perfgate.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.perfgate.live.ConsoleFeed;
import io.perfgate.live.LiveRecorder;
import io.perfgate.target.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

  @Test
  void secretsCutByAChunkBoundaryAreMaskedInLogsOfAnySize(@TempDir Path dir) throws Exception {
    String secret = "Bearer tok-abcdefgh";
    byte[] utf16 = secret.getBytes(StandardCharsets.UTF_16LE);
    byte[] data = new byte[3 * Secrets.CHUNK + 100];
    java.util.Arrays.fill(data, (byte) 'x');
    // One secret across each chunk boundary, in Latin-1 and UTF-16, and one at the very end.
    int[] at = {Secrets.CHUNK - 5, 2 * Secrets.CHUNK - utf16.length / 2, data.length - 19};
    System.arraycopy(secret.getBytes(StandardCharsets.ISO_8859_1), 0, data, at[0], 19);
    System.arraycopy(utf16, 0, data, at[1], utf16.length);
    System.arraycopy(secret.getBytes(StandardCharsets.ISO_8859_1), 0, data, at[2], 19);
    Path log = dir.resolve("simulation.log");
    Files.write(log, data);

    assertEquals(3, Secrets.maskLog(log, Redactor.of(List.of(secret))));

    byte[] masked = Files.readAllBytes(log);
    assertEquals(data.length, masked.length);
    String text = new String(masked, StandardCharsets.ISO_8859_1);
    assertEquals(-1, text.indexOf("tok-"), "no secret left");
    assertEquals("*".repeat(19), text.substring(at[0], at[0] + 19));
    assertEquals('x', text.charAt(at[0] - 1));
    assertEquals('x', text.charAt(at[0] + 19));
  }

  @Test
  void theConsoleIsMaskedBeforeTheLiveFeedReadsItAndPartialLinesPassAsTheyCome() {
    String secret = "Bearer tok-abcdefgh";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Secrets.MaskingStream console =
        new Secrets.MaskingStream(sink, Redactor.of(List.of(secret)), StandardCharsets.UTF_8);
    LiveRecorder recorder = LiveJudgesTest.plainRecorder(System::currentTimeMillis);
    console.route(new ConsoleFeed(recorder, 5));
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    out.println("Simulation S started...");
    out.print("a prompt without a line break");
    out.flush();
    out.println();
    out.println("the target echoed " + secret);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains(secret), printed);
    assertTrue(printed.contains("the target echoed ***"), printed);
    assertTrue(printed.contains("a prompt without a line break"), printed);
    assertTrue(recorder.startEpochMillis() > 0, "the start line reached the feed");
  }

  @Test
  void aSecretThatGatlingsConsoleCutsAcrossTwoLinesIsMaskedWhole() {
    String secret = "tok-0123456789abcdef";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Secrets.MaskingStream console =
        new Secrets.MaskingStream(sink, Redactor.of(List.of(secret)), StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    // Gatling's errors block: the message's first 99 characters, its count, then the rest.
    String message =
        "j.n.ConnectException: Connection refused to http://127.0.0.1:9/api/v1/search?q=x&tok="
            + secret
            + " after 3 attempts";
    int cut = 99;
    out.println("---- Errors " + "-".repeat(20));
    out.println("> " + message.substring(0, cut) + "   123,456   (100%)");
    out.println(message.substring(cut));
    out.println("=".repeat(30));
    out.flush();
    console.finish();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    int split = message.indexOf(secret);
    assertTrue(split < cut && split + secret.length() > cut, "the cut falls inside the secret");
    for (int n = 4; n < secret.length(); n++) {
      assertFalse(printed.contains(secret.substring(0, n) + " "), printed);
      assertFalse(printed.contains("\n" + secret.substring(secret.length() - n)), printed);
    }
    assertFalse(printed.contains("0123456789"), printed);
    assertTrue(printed.contains("&tok=***"), printed);
    assertTrue(printed.contains("   123,456   (100%)"), "the count keeps its place: " + printed);
    assertTrue(
        printed
            .replaceAll("\\s+123,456\\s+\\(100%\\)\\R", "")
            .contains("&tok=*** after 3 attempts"),
        "the message reads whole again without the count and the cut: " + printed);
    assertTrue(printed.endsWith("=".repeat(30) + System.lineSeparator()), printed);
  }

  @Test
  void anErrorLineWithoutContinuationPassesAsItIs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Secrets.MaskingStream console =
        new Secrets.MaskingStream(sink, Redactor.of(List.of("s3cret-v")), StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    String full = "> " + "x".repeat(99) + "   12   (50%)";
    out.println(full);
    out.println("> short error   12   (50%)");
    console.finish();
    assertEquals(
        full + "\n> short error   12   (50%)\n",
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}
