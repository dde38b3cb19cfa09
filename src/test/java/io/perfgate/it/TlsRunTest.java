package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates of an https target are verified by default: real Gatling runs against a local https
 * service with a self-signed certificate, reached by a name that is not loopback (the forked JVM
 * resolves it to 127.0.0.1 through its own hosts file, so nothing leaves the machine).
 */
class TlsRunTest {
  private static final Duration LIMIT = Duration.ofMinutes(1);
  private static final String HOST = "perfgate-tls.test";

  /** Another name of the same service, which its certificate does not name. */
  private static final String OTHER_HOST = "other-name.test";

  private static final String STORE_PASSWORD = "store-pass-" + System.nanoTime();
  private static final String TRUST_PASSWORD = "trust-pass-" + System.nanoTime();

  @TempDir static Path certs;
  private static CountingTarget target;
  private static Path trustStore;
  private static Path hosts;

  @BeforeAll
  static void startHttpsTarget() throws Exception {
    Path server = certs.resolve("server.p12");
    Path cert = certs.resolve("server.pem");
    trustStore = certs.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "target",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + HOST,
        "-ext",
        "SAN=dns:" + HOST,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        server.toString(),
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "target",
        "-keystore",
        server.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "target",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        TRUST_PASSWORD);
    hosts =
        Files.writeString(
            certs.resolve("hosts"), "127.0.0.1 " + HOST + "\n127.0.0.1 " + OTHER_HOST + "\n");

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(server)) {
      ks.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD.toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    target = CountingTarget.https(ssl);
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @BeforeEach
  void resetCount() {
    target.resetCount();
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "keytool did not end");
    assertEquals(0, p.exitValue(), out);
  }

  private static Map<String, String> props(String... extra) {
    Map<String, String> p = new HashMap<>();
    p.put("perfgate.config", "src/test/resources/it/tls.conf");
    p.put("scenario", "short");
    p.put("target.baseUrl", "https://" + HOST + ":" + target.port());
    p.put("jdk.net.hosts.file", hosts.toString());
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  @Test
  void untrustedCertificateFailsEveryRequestAndIsExplained(@TempDir Path results) throws Exception {
    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props(), results, LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    assertEquals(0, target.requests(), "no request got past the handshake");
    assertTrue(run.output().contains("Requests failed the TLS handshake"), run.output());
    assertTrue(run.output().contains("-Dtarget.tls.trustStore=<file.p12>"), run.output());
    String summary = Files.readString(run.runDir().orElseThrow().resolve("perfgate/summary.json"));
    assertTrue(summary.contains("Requests failed the TLS handshake"), summary);
  }

  @Test
  void trustStoreWithTheTargetsCertificatePasses(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            props("target.tls.trustStore", trustStore.toString()),
            Map.of("PERFGATE_TRUSTSTORE_PASSWORD", TRUST_PASSWORD),
            results,
            LIMIT);

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(target.requests() > 0, run.output());
    // Certificates are checked: no TLS warning (the first run of the history does warn that its
    // regression gates had no earlier run to compare with).
    assertFalse(run.output().contains("certificate checks are OFF"), run.output());
    assertFalse(run.output().contains("TLS handshake"), run.output());
    assertFalse(run.output().contains(TRUST_PASSWORD), "the password is a secret");
  }

  @Test
  void trustedCertificateIssuedToAnotherNameFails(@TempDir Path results) throws Exception {
    Map<String, String> props = props("target.tls.trustStore", trustStore.toString());
    props.put("target.baseUrl", "https://" + OTHER_HOST + ":" + target.port());
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            props,
            Map.of("PERFGATE_TRUSTSTORE_PASSWORD", TRUST_PASSWORD),
            results,
            LIMIT);

    assertEquals(2, run.exitCode(), run.output());
    assertEquals(0, target.requests(), "no request got past the handshake");
    assertTrue(run.output().contains("Requests failed the TLS handshake"), run.output());
  }

  @Test
  void optingOutPassesAndSaysSoLoudly(@TempDir Path results) throws Exception {
    // Neither the authority nor the name is checked: the certificate names another host.
    Map<String, String> props = props("target.tls.insecure", "true");
    props.put("target.baseUrl", "https://" + OTHER_HOST + ":" + target.port());
    var run = GatlingProcess.run(GatlingProcess.CONFIGURED, props, results, LIMIT);

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(target.requests() > 0, run.output());
    assertTrue(
        run.output().contains("perfgate: WARNING: TLS certificate checks are OFF for https://"),
        run.output());
    Path dir = run.runDir().orElseThrow().resolve("perfgate");
    assertTrue(Files.readString(dir.resolve("summary.json")).contains("checks are OFF"));
    assertTrue(Files.readString(dir.resolve("summary.md")).contains("checks are OFF"));
  }

  @Test
  void gatlingTrustingEveryCertificateBehindPerfgatesBackIsRefused(@TempDir Path results)
      throws Exception {
    var run =
        GatlingProcess.run(
            GatlingProcess.CONFIGURED,
            props("gatling.ssl.useInsecureTrustManager", "true"),
            results,
            LIMIT);

    assertEquals(3, run.exitCode(), run.output());
    assertTrue(run.output().contains("Gatling is set to trust every certificate"), run.output());
    assertTrue(run.output().contains("No load was sent."), run.output());
    assertEquals(0, target.requests());
  }
}
