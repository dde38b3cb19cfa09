package io.perfgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void noArgumentsGiveDefaultsOnPort8080() {
    DemoOptions options = CommandLine.parse(new String[0]);
    assertEquals(DemoOptions.defaults().withPort(8080), options);
  }

  @Test
  void parsesEveryOption() {
    DemoOptions options =
        CommandLine.parse(
            new String[] {
              "--port",
              "9090",
              "--host",
              "localhost",
              "--latency",
              "300ms",
              "--error-rate",
              "0.05",
              "--cache-ttl",
              "1m",
              "--data-size",
              "tiny"
            });
    assertEquals(
        new DemoOptions(
            "localhost",
            9090,
            new DemoFaults(Duration.ofMillis(300), 0.05),
            Duration.ofMinutes(1),
            DataSize.TINY),
        options);
  }

  @Test
  void acceptsNameEqualsValue() {
    DemoOptions options = CommandLine.parse(new String[] {"--port=0", "--latency=2s"});
    assertEquals(0, options.port());
    assertEquals(Duration.ofSeconds(2), options.faults().latency());
  }

  @Test
  void leakTakesASizeAndKeepsTheOtherFaults() {
    DemoOptions options =
        CommandLine.parse(new String[] {"--latency", "5ms", "--leak", "64KB", "--error-rate=0.1"});
    assertEquals(new DemoFaults(Duration.ofMillis(5), 0.1, 64 * 1024), options.faults());
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> CommandLine.parse(new String[] {"--leak", "lots"}));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("--leak: "), e.getMessage());
  }

  @Test
  void durationsTakeMillisecondsSecondsOrMinutes() {
    assertEquals(Duration.ofMillis(300), CommandLine.duration("300ms"));
    assertEquals(Duration.ofSeconds(2), CommandLine.duration("2s"));
    assertEquals(Duration.ofMinutes(1), CommandLine.duration("1m"));
    assertEquals(Duration.ZERO, CommandLine.duration("0s"));
  }

  @Test
  void badArgumentsFailWithOneLineNamingTheArgument() {
    assertMessage("--port: 'http' is not a port number (0 to 65535)", "--port", "http");
    assertMessage(
        "--port: Port must be between 0 (any free port) and 65535, got 70000.", "--port", "70000");
    assertMessage(
        "--latency: '300' is not a duration; use a whole number and a unit: 300ms, 2s or 1m",
        "--latency",
        "300");
    assertMessage(
        "--cache-ttl: '-1s' is not a duration; use a whole number and a unit: 300ms, 2s or 1m",
        "--cache-ttl",
        "-1s");
    assertMessage(
        "--error-rate: Injected error rate must be a fraction between 0 and 1"
            + " (0.05 = 5% of requests), got 1.5.",
        "--error-rate", "1.5");
    assertMessage(
        "--error-rate: 'lots' is not a fraction between 0 and 1, e.g. 0.05",
        "--error-rate",
        "lots");
    assertMessage(
        "--data-size: 'huge' is not a data size; use tiny or standard", "--data-size", "huge");
    assertMessage("unknown option --verbose", "--verbose", "1");
    assertMessage("unknown option --bogus", "--bogus");
    assertMessage("unknown option --bogus", "--bogus=1");
    assertMessage("--port needs a value", "--port");
    assertMessage("unexpected argument '8080'", "8080");
  }

  @Test
  void helpIsRecognisedAndUsageListsEveryOption() {
    assertTrue(CommandLine.wantsHelp(new String[] {"--port", "1", "--help"}));
    assertTrue(CommandLine.wantsHelp(new String[] {"-h"}));
    assertFalse(CommandLine.wantsHelp(new String[] {"--port", "1"}));
    for (String option :
        new String[] {
          "--port", "--host", "--latency", "--error-rate", "--cache-ttl", "--data-size"
        }) {
      assertTrue(CommandLine.USAGE.contains(option), option);
    }
  }

  private static void assertMessage(String expected, String... args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(args));
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
