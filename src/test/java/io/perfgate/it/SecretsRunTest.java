package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.perfgate.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run with credentials from the environment leaves no trace of them: not in a single file
 * under the run's results (Gatling's log and report included), nor on the console, nor on the live
 * endpoint read during the run (metrics, page, page data), even though the target echoes the token
 * back into a failing check's error message and the URL carries a password.
 */
class SecretsRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private final String token = "canary-token-" + UUID.randomUUID();
  private final String session = "canary-session-" + UUID.randomUUID();
  private final String password = "canary-password-" + UUID.randomUUID();
  private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
  private final Set<String> cookies = ConcurrentHashMap.newKeySet();
  private HttpServer target;

  @BeforeEach
  void startTarget() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          String cookie = exchange.getRequestHeaders().getFirst("Cookie");
          if (auth != null) {
            authorizations.add(auth);
          }
          if (cookie != null) {
            cookies.add(cookie);
          }
          // A careless service: it echoes the credential it got, so a failing check shows it.
          byte[] body = ("{\"seen\":\"" + auth + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    target.start();
  }

  @AfterEach
  void stopTarget() {
    target.stop(0);
  }

  @Test
  void canarySecretsAppearNowhereInTheResultsOrOnTheConsole(@TempDir Path results)
      throws Exception {
    int port = target.getAddress().getPort();
    int live = PrometheusServer.freePort();
    Path output = Files.createTempFile("perfgate-secrets", ".log");
    Process process =
        GatlingProcess.start(
            GatlingProcess.CONFIGURED,
            Map.of(
                "perfgate.config",
                "src/test/resources/it/secrets.conf",
                "scenario",
                "short",
                "target.baseUrl",
                "http://perfgate:" + password + "@127.0.0.1:" + port,
                "live.port",
                String.valueOf(live)),
            Map.of("PERFGATE_TEST_TOKEN", token, "PERFGATE_TEST_SESSION", session),
            results,
            output);
    // What the live endpoint shows during the run: its metrics, its page and the page's data.
    List<String> served = new ArrayList<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      for (String path : List.of("/metrics", "/", "/live.json?from=0")) {
        String body = LiveRunTest.get(live, path);
        if (body != null) {
          served.add(path + "\n" + body);
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      fail("the run did not end:\n" + Files.readString(output));
    }
    var run =
        new GatlingProcess.Result(
            process.exitValue(), Files.readString(output), results, Duration.ZERO);
    Files.deleteIfExists(output);

    assertTrue(run.exitCode() == 0 || run.exitCode() == 2, run.output());
    // The secrets were really used: the target got them with the requests.
    assertTrue(authorizations.contains("Bearer " + token), authorizations::toString);
    assertTrue(cookies.stream().anyMatch(c -> c.contains("session=" + session)), cookies::toString);
    Path runDir = run.runDir().orElseThrow();
    // The echo really made an error message that would carry the token, now masked.
    String summary = Files.readString(runDir.resolve("perfgate/summary.json"));
    assertTrue(summary.contains("find.is(nothing), found ***"), summary);
    // Gatling's own console summary and HTML report show the same message, masked: its log was
    // masked before the report was built from it, and its console passes through the redactor.
    assertTrue(run.output().contains("find.is(nothing), found ***"), run.output());
    assertTrue(
        Files.readString(runDir.resolve("index.html")).contains("find.is(nothing), found ***"));

    // The live endpoint was read while the run went, with what the error message carried.
    assertTrue(
        served.stream().anyMatch(b -> b.startsWith("/metrics\n") && b.contains("request=\"echo\"")),
        "/metrics was read during the run");
    assertTrue(
        served.stream().anyMatch(b -> b.startsWith("/live.json") && b.contains("found ***")),
        "the page's data shows the masked message");
    List<String> leaks = new ArrayList<>();
    for (String secret : List.of(token, session, password)) {
      if (run.output().contains(secret)) {
        leaks.add("console: " + secret);
      }
      for (String body : served) {
        if (body.contains(secret)) {
          leaks.add("live endpoint " + body.substring(0, body.indexOf('\n')) + ": " + secret);
        }
      }
      try (Stream<Path> files = Files.walk(results)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (contains(Files.readAllBytes(f), secret)) {
            leaks.add(results.relativize(f) + ": " + secret);
          }
        }
      }
    }
    assertEquals(List.of(), leaks, "secrets leaked; console:\n" + run.output());
    // The walk covered everything a run leaves: Gatling's log and report, perfgate's files, the
    // history and the trend page.
    for (String file :
        List.of(
            "simulation.log",
            "index.html",
            "perfgate/summary.json",
            "perfgate/summary.md",
            "perfgate/junit.xml",
            "perfgate/index.html")) {
      assertTrue(Files.isRegularFile(runDir.resolve(file)), file);
    }
    assertTrue(Files.isRegularFile(results.resolve("history.jsonl")));
    assertTrue(Files.isRegularFile(results.resolve("trend/index.html")));
    assertTrue(countFiles(results) > 10, "the run wrote its files");
  }

  /** Whether the bytes hold the text in UTF-8 (or Latin-1) or in UTF-16 of either byte order. */
  private static boolean contains(byte[] data, String text) {
    String latin = new String(data, StandardCharsets.ISO_8859_1);
    return latin.contains(text)
        || latin.contains(
            new String(text.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1))
        || latin.contains(
            new String(text.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
  }

  private static long countFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
