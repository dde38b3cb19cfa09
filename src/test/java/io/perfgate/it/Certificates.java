package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for a test host, made with the JDK's keytool: the server's key store as
 * an SSLContext, and a PKCS12 trust store holding the certificate.
 */
final class Certificates {
  final SSLContext server;
  final Path trustStore;
  final String trustPassword;

  private Certificates(SSLContext server, Path trustStore, String trustPassword) {
    this.server = server;
    this.trustStore = trustStore;
    this.trustPassword = trustPassword;
  }

  static Certificates selfSigned(Path dir, String host) throws Exception {
    String storePassword = "store-" + System.nanoTime();
    String trustPassword = "trust-" + System.nanoTime();
    Path keys = dir.resolve("server.p12");
    Path cert = dir.resolve("server.pem");
    Path trust = dir.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "target",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + host,
        "-ext",
        "SAN=dns:" + host,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keys.toString(),
        "-storepass",
        storePassword);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "target",
        "-keystore",
        keys.toString(),
        "-storepass",
        storePassword,
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
        trust.toString(),
        "-storepass",
        trustPassword);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys)) {
      ks.load(in, storePassword.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, storePassword.toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    return new Certificates(ssl, trust, trustPassword);
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "keytool did not end");
    assertEquals(0, p.exitValue(), out);
  }
}
