package io.perfgate.target;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the target's certificate is checked. By default it is verified against the JDK's trusted
 * authorities, or against {@code trustStore} when one is given; {@code insecure} turns the check
 * off (and is reported loudly).
 *
 * @param trustStorePassword never printed; part of the run's secrets
 */
public record Tls(
    boolean insecure,
    Optional<Path> trustStore,
    String trustStoreType,
    Optional<String> trustStorePassword) {
  public static final Tls VERIFY = new Tls(false, Optional.empty(), "", Optional.empty());

  private static final java.util.regex.Pattern CERTIFICATE_FAILURE =
      java.util.regex.Pattern.compile(
          "(?i).*(PKIX path|certification path|certificate_unknown|unknown_ca|bad_certificate"
              + "|CertificateException|subject alternative|self[- ]signed|SSLHandshakeException"
              + "|NotSslRecordException|certificate verify failed).*",
          java.util.regex.Pattern.DOTALL);

  /**
   * An explanation when a request's error message says the target's certificate was not trusted,
   * with what to do about it; empty for any other message.
   */
  public static Optional<String> explainFailure(String errorMessage) {
    if (errorMessage == null || !CERTIFICATE_FAILURE.matcher(errorMessage).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "Requests failed the TLS handshake (\""
            + errorMessage.strip()
            + "\"): perfgate verifies the certificate of an https target against the JDK's trusted"
            + " authorities and its host name. For a service whose certificate comes from your own"
            + " authority, give a trust store holding it: -Dtarget.tls.trustStore=<file.p12>, with"
            + " its password in PERFGATE_TRUSTSTORE_PASSWORD. Only for a test service, and"
            + " knowingly: -Dtarget.tls.insecure=true turns the checks off.");
  }

  @Override
  public String toString() {
    return "Tls[insecure="
        + insecure
        + ", trustStore="
        + trustStore.map(Path::toString).orElse("(JDK default)")
        + ", trustStoreType="
        + trustStoreType
        + ", trustStorePassword="
        + trustStorePassword.map(p -> Redactor.MASK).orElse("(none)")
        + "]";
  }
}
