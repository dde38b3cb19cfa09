package io.perfgate.injector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What this injector can hold, read at the start of a run: its maximum heap and what is in use
 * before the load, its open-file limit and the descriptors already open, and the ephemeral ports
 * this machine gives outgoing connections. On other systems than Linux the /proc figures are
 * unknown (empty) and preflight skips them, saying so.
 *
 * @param heapMaxBytes the JVM's maximum heap (-Xmx)
 * @param heapUsedBytes heap in use before the load (the settings, the journeys, Gatling itself)
 * @param openFilesLimit the soft open-file limit of this process (ulimit -n)
 * @param openFilesInUse descriptors open before the load (jars, the log, the demo service)
 * @param ephemeralPorts how many local ports outgoing connections can use
 * @param reusesTimeWaitPorts which ports in TIME_WAIT the kernel gives new connections again: "all"
 *     (tcp_tw_reuse = 1), "loopback" (2, Linux's default) or "none" (0)
 */
public record InjectorFacts(
    long heapMaxBytes,
    long heapUsedBytes,
    OptionalLong openFilesLimit,
    OptionalLong openFilesInUse,
    OptionalLong ephemeralPorts,
    String reusesTimeWaitPorts) {

  /** This JVM's facts, from the runtime and /proc. */
  public static InjectorFacts measure() {
    Runtime rt = Runtime.getRuntime();
    Path proc = Path.of("/proc");
    return new InjectorFacts(
        rt.maxMemory(),
        rt.totalMemory() - rt.freeMemory(),
        openFilesLimit(read(proc.resolve("self/limits"))),
        countOpen(proc.resolve("self/fd")),
        portRange(read(proc.resolve("sys/net/ipv4/ip_local_port_range"))),
        timeWaitReuse(read(proc.resolve("sys/net/ipv4/tcp_tw_reuse"))));
  }

  /** Whether the /proc figures could be read (Linux). */
  public boolean procKnown() {
    return openFilesLimit.isPresent() || ephemeralPorts.isPresent();
  }

  private static String read(Path file) {
    // Not Files.readString: /proc files report sizes that cut that read short.
    try (var in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The soft limit of "Max open files" in /proc/self/limits; empty when unlimited or unknown. */
  static OptionalLong openFilesLimit(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        List<String> parts =
            List.of(line.substring("Max open files".length()).trim().split("\\s+"));
        if (!parts.isEmpty() && parts.get(0).matches("\\d+")) {
          return OptionalLong.of(Long.parseLong(parts.get(0)));
        }
      }
    }
    return OptionalLong.empty();
  }

  /** The number of ports in ip_local_port_range ("32768\t60999"). */
  static OptionalLong portRange(String range) {
    String[] parts = range.trim().split("\\s+");
    if (parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
      long low = Long.parseLong(parts[0]);
      long high = Long.parseLong(parts[1]);
      return high >= low ? OptionalLong.of(high - low + 1) : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  static String timeWaitReuse(String value) {
    return switch (value.trim()) {
      case "1" -> "all";
      case "2" -> "loopback";
      case "0" -> "none";
      default -> "loopback";
    };
  }

  private static OptionalLong countOpen(Path fds) {
    try (Stream<Path> s = Files.list(fds)) {
      return OptionalLong.of(s.count());
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
