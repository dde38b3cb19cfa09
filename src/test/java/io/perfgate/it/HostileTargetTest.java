package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.it.FaultServer.Mode;
import io.perfgate.testing.NothingOutsideResults;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix: a real Gatling run against each kind of hostile target, each a small fault
 * server on 127.0.0.1. Every run must end within its limits, leave summary.json and junit.xml (and
 * Gatling's report), fail, and say why in plain words. The runs go two at a time.
 */
@ExtendWith(NothingOutsideResults.class)
class HostileTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The hostile profile (hostile.conf): 4 users for 4 s, 2 s request timeout, 3 s grace. */
  private static final Duration PLAN = Duration.ofSeconds(4);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration GRACE = Duration.ofSeconds(3);

  /**
   * What a run may take beyond Gatling's own limit (plan + grace): starting the JVM, compiling the
   * settings, building both reports, on a busy 2-core machine. A hang takes forever; a run that
   * waited for its limit takes ~7 s more than one that did not.
   */
  private static final Duration JVM_AND_REPORTS = Duration.ofSeconds(30);

  private static final Duration WALL_BOUND = PLAN.plus(GRACE).plus(JVM_AND_REPORTS);

  /** The unresolvable host: .invalid is reserved (RFC 2606) and never resolves. */
  private static final String NO_SUCH_HOST = "perfgate-unresolvable.invalid";

  @TempDir static Path tmp;

  /**
   * One hostile target.
   *
   * @param cause the explanation's cause
   * @param says what the explanation must say, {@code <address>} standing for the target's
   *     host:port
   * @param report whether Gatling can build its HTML report
   */
  record Case(String name, String cause, String says, boolean report) {}

  static final List<Case> CASES =
      List.of(
          new Case(
              "nothing listening",
              "connection-refused",
              "connection refused on <address>: is the target running?",
              true),
          new Case(
              "unresolvable host",
              "unknown-host",
              "the host name " + NO_SUCH_HOST + " cannot be resolved",
              true),
          new Case(
              "never answers",
              "request-timeout",
              "no answer from <address> within the request timeout (2s): the target accepts"
                  + " connections but does not respond",
              true),
          new Case(
              "one byte at a time",
              "request-timeout",
              "no answer from <address> within the request timeout (2s)",
              true),
          new Case(
              "resets connections",
              "connection-closed",
              "<address> closed or reset connections before a complete answer",
              true),
          // Content-Length: 1000, then 20 bytes and the connection closes.
          new Case(
              "closes mid-response",
              "connection-closed",
              "<address> closed or reset connections before a complete answer",
              true),
          new Case(
              "malformed HTTP",
              "malformed-response",
              "<address> answers with bytes that are not valid HTTP",
              true),
          new Case(
              "5xx for everything",
              "server-error",
              "<address> answered with server errors (HTTP 503)",
              true),
          new Case(
              "429 with Retry-After",
              "rate-limited",
              "<address> rate-limits perfgate (HTTP 429 Too Many Requests): lower the load",
              true),
          new Case(
              "stopped half-way",
              "connection-refused",
              "connection refused on <address> since 0:0",
              true),
          // Each logical request follows 20 hops, then fails: Gatling logs every hop as a request.
          new Case(
              "redirect loop",
              "redirect-loop",
              "<address> redirects in a loop: requests were redirected again and again without"
                  + " reaching an answer (\"Too many redirects, max is 20\"",
              true),
          new Case(
              "HTML where JSON is expected",
              "unsuited-answer",
              "<address> answered json-page with text/html; charset=utf-8: it starts"
                  + " \"<!DOCTYPE html><html><head><title>Sign in</title></head><bod...\" (124B),"
                  + " not"
                  + " the JSON its checks read",
              true),
          new Case(
              "broken chunked framing",
              "broken-framing",
              "<address> sent answers whose framing is broken (\"j.l.NumberFormatException: Invalid"
                  + " character in chunk size\")",
              true),
          new Case(
              "body not in its declared encoding",
              "bad-encoding",
              "<address> sent bodies that are not in the encoding they declare"
                  + " (\"i.n.h.c.c.DecompressionException: Input is not in the GZIP format\")",
              true),
          new Case(
              "Content-Length shorter than the body",
              "unsuited-answer",
              "the answers of <address> are not valid JSON, so JSONPath checks cannot read them",
              true),
          new Case(
              "untrusted certificate",
              "tls-untrusted",
              "<address>'s TLS certificate is not trusted",
              true),
          new Case(
              "certificate for another name",
              "tls-name",
              "<address>'s TLS certificate is issued to another name (\"j.s.c.CertificateException:"
                  + " No subject alternative DNS name matching other-name.test found.\")",
              true),
          new Case(
              "TLS version mismatch",
              "tls-protocol",
              "<address> and perfgate could not agree on a TLS version"
                  + " (TLSV1_ALERT_PROTOCOL_VERSION)",
              true),
          new Case(
              "cipher mismatch",
              "tls-handshake",
              "<address> and perfgate could not complete a TLS handshake"
                  + " (SSLV3_ALERT_HANDSHAKE_FAILURE)",
              true),
          // Requests wait longer than the run lasts: Gatling stops the run at its limit with not
          // one request completed, and then builds no report.
          new Case(
              "nothing completes",
              "nothing-completed",
              "no request to <address> completed during the run",
              false));

  /** What one run left behind. */
  record Outcome(GatlingProcess.Result run, String address, int served, String note) {}

  @TestFactory
  Stream<DynamicTest> everyHostileTargetEndsInTimeFailsAndSaysWhy() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Outcome>> runs = new ArrayList<>();
    List<Case> cases = CASES;
    for (Case c : cases) {
      runs.add(pool.submit(() -> run(c)));
    }
    pool.shutdown();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Future<Outcome> f = runs.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              c.name(),
              () -> check(c, f.get(WALL_BOUND.toSeconds() * CASES.size(), TimeUnit.SECONDS))));
    }
    return tests.stream();
  }

  private static Map<String, String> props(String baseUrl) {
    Map<String, String> p = new HashMap<>();
    p.put("perfgate.config", "src/test/resources/it/hostile.conf");
    p.put("scenario", "hostile");
    p.put("target.baseUrl", baseUrl);
    return p;
  }

  private static Outcome run(Case c) throws Exception {
    Path results = tmp.resolve(c.name().replace(' ', '-'));
    Duration limit = WALL_BOUND.plusMinutes(1);
    switch (c.name()) {
      case "nothing listening" -> {
        // A bound socket that does not listen: its port refuses connections, and no other
        // process can take the port during the run.
        try (Socket bound = new Socket()) {
          bound.bind(new InetSocketAddress("127.0.0.1", 0));
          String address = "127.0.0.1:" + bound.getLocalPort();
          var run =
              GatlingProcess.run(
                  GatlingProcess.CONFIGURED, props("http://" + address), results, limit);
          return new Outcome(run, address, 0, "");
        }
      }
      case "unresolvable host" -> {
        // The JDK resolver (Gatling's default) reads only this empty hosts file: every name is
        // unknown at once, and no DNS query leaves the machine.
        Path hosts = Files.createFile(tmp.resolve("empty-hosts"));
        Map<String, String> p = props("http://" + NO_SUCH_HOST + ":8080");
        p.put("jdk.net.hosts.file", hosts.toString());
        var run = GatlingProcess.run(GatlingProcess.CONFIGURED, p, results, limit);
        return new Outcome(run, NO_SUCH_HOST + ":8080", 0, "");
      }
      case "stopped half-way" -> {
        // About 30 requests a second: the target stops about 1.5 s into the 4 s run.
        try (FaultServer server = FaultServer.stoppingAfter(45)) {
          var run =
              GatlingProcess.run(GatlingProcess.CONFIGURED, props(server.url()), results, limit);
          boolean stopped = server.awaitStopped(0);
          return new Outcome(
              run,
              "127.0.0.1:" + server.port(),
              server.requests(),
              stopped ? "stopped" : "never stopped");
        }
      }
      case "untrusted certificate",
          "certificate for another name",
          "TLS version mismatch",
          "cipher mismatch" -> {
        return tls(c, results, limit);
      }
      default -> {
        try (FaultServer server = FaultServer.start(mode(c))) {
          Map<String, String> p = props(server.url());
          if (c.name().equals("HTML where JSON is expected")
              || c.name().equals("Content-Length shorter than the body")) {
            p.put("scenario", "hostile-json");
          }
          if (c.name().equals("nothing completes")) {
            p.put("target.requestTimeout", "60s");
          }
          var run = GatlingProcess.run(GatlingProcess.CONFIGURED, p, results, limit);
          return new Outcome(run, "127.0.0.1:" + server.port(), server.requests(), "");
        }
      }
    }
  }

  private static final List<String> TLS =
      List.of(
          "untrusted certificate",
          "certificate for another name",
          "TLS version mismatch",
          "cipher mismatch");

  /** The name the https cases' certificate is issued to; the JVM resolves it to 127.0.0.1. */
  static final String TLS_HOST = "perfgate-tls.test";

  static final String OTHER_HOST = "other-name.test";

  private static Certificates certificates;

  private static synchronized Certificates certificates() throws Exception {
    if (certificates == null) {
      certificates =
          Certificates.selfSigned(Files.createDirectories(tmp.resolve("certs")), TLS_HOST);
    }
    return certificates;
  }

  /**
   * The TLS cases: a healthy https target whose handshake fails, for want of a trusted certificate,
   * for its name, or for a protocol or cipher suite both sides speak.
   */
  private static Outcome tls(Case c, Path results, Duration limit) throws Exception {
    Certificates certs = certificates();
    Path hosts = tmp.resolve("tls-hosts");
    synchronized (HostileTargetTest.class) {
      if (!Files.exists(hosts)) {
        Files.writeString(hosts, "127.0.0.1 " + TLS_HOST + "\n127.0.0.1 " + OTHER_HOST + "\n");
      }
    }
    List<String> protocols = List.of();
    List<String> ciphers = List.of();
    String host = TLS_HOST;
    Map<String, String> env = Map.of("PERFGATE_TRUSTSTORE_PASSWORD", certs.trustPassword);
    Map<String, String> extra = new HashMap<>();
    extra.put("target.tls.trustStore", certs.trustStore.toString());
    switch (c.name()) {
      case "untrusted certificate" -> {
        extra.clear();
        env = Map.of();
      }
      case "certificate for another name" -> host = OTHER_HOST;
      case "TLS version mismatch" -> {
        protocols = List.of("TLSv1.2");
        extra.put("gatling.ssl.enabledProtocols.0", "TLSv1.3");
      }
      case "cipher mismatch" -> {
        protocols = List.of("TLSv1.2");
        ciphers = List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        extra.put("gatling.ssl.enabledProtocols.0", "TLSv1.2");
        extra.put("gatling.ssl.enabledCipherSuites.0", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
      }
      default -> throw new IllegalArgumentException(c.name());
    }
    try (FaultServer server = FaultServer.tls(certs.server, protocols, ciphers)) {
      String address = host + ":" + server.port();
      Map<String, String> p = props("https://" + address);
      p.put("jdk.net.hosts.file", hosts.toString());
      p.putAll(extra);
      var run = GatlingProcess.run(GatlingProcess.CONFIGURED, p, env, results, limit);
      return new Outcome(run, address, server.requests(), "");
    }
  }

  /** The failure messages of junit.xml, as a reader sees them (XML entities resolved). */
  private static String failureMessages(Path junit) throws Exception {
    var doc =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(junit.toFile());
    var failures = doc.getElementsByTagName("failure");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < failures.getLength(); i++) {
      out.append(((org.w3c.dom.Element) failures.item(i)).getAttribute("message")).append('\n');
    }
    return out.toString();
  }

  private static Mode mode(Case c) {
    return switch (c.name()) {
      case "never answers", "nothing completes" -> Mode.SILENT;
      case "one byte at a time" -> Mode.DRIP;
      case "resets connections" -> Mode.RESET;
      case "closes mid-response" -> Mode.CLOSE_MID_RESPONSE;
      case "malformed HTTP" -> Mode.MALFORMED;
      case "5xx for everything" -> Mode.SERVER_ERROR;
      case "429 with Retry-After" -> Mode.RATE_LIMITED;
      case "redirect loop" -> Mode.REDIRECT_LOOP;
      case "HTML where JSON is expected" -> Mode.HTML_PAGE;
      case "broken chunked framing" -> Mode.BAD_CHUNKS;
      case "body not in its declared encoding" -> Mode.BAD_GZIP;
      case "Content-Length shorter than the body" -> Mode.SHORT_LENGTH;
      default -> throw new IllegalArgumentException(c.name());
    };
  }

  private static void check(Case c, Outcome o) throws Exception {
    var run = o.run();
    String output = run.output();
    assertTrue(
        run.wall().compareTo(WALL_BOUND) < 0,
        c.name() + " took " + run.wall() + ", more than " + WALL_BOUND + ":\n" + output);
    assertEquals(2, run.exitCode(), "FAIL ends Gatling with 2:\n" + output);

    Path dir = run.runDir().orElseThrow(() -> new AssertionError("no run folder:\n" + output));
    Path summaryFile = dir.resolve("perfgate/summary.json");
    Path junit = dir.resolve("perfgate/junit.xml");
    assertTrue(Files.isRegularFile(summaryFile), "summary.json:\n" + output);
    assertTrue(Files.isRegularFile(junit), "junit.xml:\n" + output);
    JunitSchema.validate(junit);
    if (c.report()) {
      assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling's report:\n" + output);
    } else {
      assertTrue(output.contains("Gatling built no HTML report for this run"), output);
    }

    JsonNode summary = JSON.readTree(summaryFile.toFile());
    System.out.printf(
        "hostile target '%s': wall %.1f s, Gatling ran %d ms, %d requests (%d failed), %s; Gatling"
            + " said: %s%n",
        c.name(),
        run.wall().toMillis() / 1000.0,
        summary.path("run").path("durationMillis").asLong(),
        summary.path("global").path("count").asLong(),
        summary.path("global").path("ko").asLong(),
        summary.path("explanations").path(0).path("text").asText(),
        summary.path("errors").toString());
    assertEquals("FAIL", summary.path("verdict").asText(), summary.toString());
    // Gatling's own limit: the plan plus the grace; requests still waiting are cut there.
    long ran = summary.path("run").path("durationMillis").asLong();
    assertTrue(
        ran <= PLAN.plus(GRACE).toMillis() + 1000,
        c.name() + " ran " + ran + " ms, beyond the plan and its grace");
    long failed = summary.path("global").path("ko").asLong();
    assertTrue(
        c.report() ? failed > 0 : summary.path("global").path("count").asLong() == 0,
        summary.path("global").toString());

    JsonNode why = summary.path("explanations").path(0);
    String expected = c.says().replace("<address>", o.address());
    assertEquals(c.cause(), why.path("cause").asText(), summary.path("explanations").toString());
    assertEquals(o.address(), why.path("address").asText());
    assertTrue(
        why.path("text").asText().startsWith(expected),
        "expected '" + expected + "...', got: " + why.path("text").asText());
    String console = output.replaceAll("[|\\s]+", " ");
    assertTrue(console.contains("WHY: " + expected), "the console says why:\n" + output);
    String xml = Files.readString(junit);
    assertTrue(failureMessages(junit).contains("Why requests failed: " + expected), xml);
    // Markdown escapes markup characters (\_, &lt;): compare the text as a reader sees it.
    String md =
        Files.readString(dir.resolve("perfgate/summary.md"))
            .replace("\\", "")
            .replace("&lt;", "<")
            .replace("&amp;", "&");
    assertTrue(md.contains("- " + expected), "summary.md says why:\n" + md);

    switch (c.name()) {
      case "unresolvable host" ->
          // Resolved from the empty hosts file: every failure is immediate.
          assertTrue(
              summary.path("global").path("max").asLong() < 1000,
              "unknown host in " + summary.path("global").path("max") + " ms");
      case "nothing completes" -> {
        for (JsonNode gate : summary.path("gates")) {
          assertTrue(gate.path("actual").isNull(), "no figure to judge: " + gate);
        }
      }
      case "never answers", "one byte at a time" ->
          assertTrue(
              summary.path("global").path("min").asLong() >= REQUEST_TIMEOUT.toMillis(),
              "every request waited for the timeout: " + summary.path("global"));
      case "stopped half-way" -> {
        assertEquals("stopped", o.note(), "the target stopped during the run");
        long ok = summary.path("global").path("ok").asLong();
        assertTrue(ok > 0 && ok <= 45, "requests answered before the stop: " + ok);
        assertTrue(
            why.path("text").asText().contains("the target stopped or restarted during the run"),
            why.path("text").asText());
      }
      case "redirect loop" -> {
        // A followed redirect is one logical request: every one of them failed. (Gatling logs
        // the 20 hops of each as requests of their own; counted that way, 1 in 21 failed.)
        assertEquals(
            100.0,
            summary.path("global").path("errorPercent").asDouble(),
            0.001,
            "the logical error rate: " + summary.path("global"));
      }
      default -> {
        // the target saw the load
      }
    }
    if (TLS.contains(c.name())) {
      assertEquals(0, o.served(), "no request got past the handshake");
    } else if (!c.name().equals("nothing listening") && !c.name().equals("unresolvable host")) {
      assertTrue(o.served() > 0, "the fault server saw no request");
    }
  }
}
