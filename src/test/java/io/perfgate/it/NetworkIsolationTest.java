package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.testing.RequiredTool;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run, traced at the system-call level: every network connection the Gatling JVM opens goes
 * to the target (here the embedded demo service on 127.0.0.1). No analytics, no warm-up request, no
 * release check.
 */
class NetworkIsolationTest {
  private static final Pattern INET =
      Pattern.compile(
          "connect\\(\\d+, \\{sa_family=AF_INET6?, (?:sin6?_port=htons\\((\\d+)\\)).*?(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6?, \"([^\"]+)\")");

  @Test
  void theGatlingJvmConnectsOnlyToTheTarget(@TempDir Path tmp) throws Exception {
    RequiredTool.require(
        Files.isExecutable(Path.of("/usr/bin/strace")), "/usr/bin/strace (apt-get install strace)");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path trace = tmp.resolve("connect.trace");
    List<String> cmd =
        new ArrayList<>(
            List.of("/usr/bin/strace", "-f", "-e", "trace=connect", "-o", trace.toString()));
    cmd.addAll(
        GatlingProcess.command(
            GatlingProcess.CONFIGURED,
            GateRunTest.props("demo.port", String.valueOf(port)),
            tmp.resolve("results")));
    var run = GatlingProcess.exec(cmd, tmp.resolve("results"), Duration.ofMinutes(3));
    assertEquals(0, run.exitCode(), run.output());

    List<String> lines = Files.readAllLines(trace);
    int toTarget = 0;
    List<String> elsewhere = new ArrayList<>();
    for (String line : lines) {
      if (!line.contains("connect(") || line.contains("AF_UNIX") || line.contains("AF_NETLINK")) {
        continue;
      }
      Matcher m = INET.matcher(line);
      if (!m.find()) {
        if (line.contains("sa_family=AF_INET")) {
          elsewhere.add(line);
        }
        continue;
      }
      String address = m.group(2) != null ? m.group(2) : m.group(3);
      boolean loopback = address.equals("127.0.0.1") || address.equals("::ffff:127.0.0.1");
      if (loopback && Integer.parseInt(m.group(1)) == port) {
        toTarget++;
      } else {
        elsewhere.add(line);
      }
    }
    assertTrue(toTarget > 0, "the run connected to the demo service");
    assertFalse(
        !elsewhere.isEmpty(),
        "connections other than the target:\n" + String.join("\n", elsewhere));
  }
}
