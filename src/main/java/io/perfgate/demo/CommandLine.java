package io.perfgate.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the demo service's command line into options, throwing on the first mistake. */
final class CommandLine {

  static final int DEFAULT_PORT = 8080;

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: DemoService [--port N] [--host H] [--latency D] [--error-rate R]"
              + " [--cache-ttl D] [--data-size tiny|standard] [--leak SIZE]",
          "  --port N          TCP port, 0 for any free one (default 8080)",
          "  --host H          address to bind (default 127.0.0.1)",
          "  --latency D       delay added to every answer, e.g. 300ms, 2s, 1m (default 0ms)",
          "  --error-rate R    fraction of requests answered 500, from 0 to 1 (default 0)",
          "  --cache-ttl D     how long clustered failures stay cached, 0s to disable (default"
              + " 30s)",
          "  --data-size S     tiny or standard (default standard)",
          "  --leak SIZE       memory kept for good on every request, e.g. 16KB (default 0)");

  private static final Set<String> OPTIONS =
      Set.of(
          "--port", "--host", "--latency", "--error-rate", "--cache-ttl", "--data-size", "--leak");

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private CommandLine() {}

  static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Options from {@code --name value} or {@code --name=value} pairs, on top of {@link
   * DemoOptions#defaults()} with port 8080.
   *
   * @throws IllegalArgumentException with a one-line message naming the bad argument
   */
  static DemoOptions parse(String[] args) {
    DemoOptions options = DemoOptions.defaults().withPort(DEFAULT_PORT);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      String value;
      if (eq > 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options = apply(options, name, value);
    }
    return options;
  }

  private static DemoOptions apply(DemoOptions options, String name, String value) {
    DemoFaults faults = options.faults();
    try {
      return switch (name) {
        case "--port" -> options.withPort(port(value));
        case "--host" -> options.withHost(value);
        case "--latency" ->
            options.withFaults(
                new DemoFaults(duration(value), faults.errorRate(), faults.leakBytes()));
        case "--error-rate" ->
            options.withFaults(
                new DemoFaults(faults.latency(), errorRate(value), faults.leakBytes()));
        case "--leak" ->
            options.withFaults(new DemoFaults(faults.latency(), faults.errorRate(), size(value)));
        case "--cache-ttl" -> options.withCacheTtl(duration(value));
        default -> options.withDataSize(dataSize(value));
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static int port(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a port number (0 to 65535)");
    }
  }

  private static double errorRate(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a fraction between 0 and 1, e.g. 0.05");
    }
  }

  private static long size(String value) {
    return io.perfgate.units.ByteSize.parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + value + "' is not a size; use e.g. 16KB or 1MB (1KB = 1024 bytes)"));
  }

  private static DataSize dataSize(String value) {
    try {
      return DataSize.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a data size; use tiny or standard");
    }
  }

  /** A duration such as {@code 300ms}, {@code 2s} or {@code 1m}. */
  static Duration duration(String value) {
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration; use a whole number and a unit: 300ms, 2s or 1m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
