package io.perfgate.target;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service under test. An empty base URL means the embedded demo service, started on 127.0.0.1
 * for the run.
 *
 * @param guard whether the target is production and which hosts may be loaded at all
 * @param tls how the target's certificate is checked
 * @param redactor hides this target's secrets (header values, credentials) in everything perfgate
 *     writes or prints
 */
public record Target(
    Optional<URI> baseUrl,
    Map<String, String> headers,
    Duration requestTimeout,
    Guard guard,
    Tls tls,
    Redactor redactor) {
  public Target {
    headers = Map.copyOf(headers);
  }

  public boolean embedded() {
    return baseUrl.isEmpty();
  }

  /** The target's host name in lower case; "127.0.0.1" for the embedded demo service. */
  public String host() {
    return baseUrl.map(u -> u.getHost().toLowerCase(Locale.ROOT)).orElse("127.0.0.1");
  }

  /** The base URL as it may be shown: credentials in it are masked. */
  public Optional<String> displayUrl() {
    return baseUrl.map(u -> Redactor.maskUserInfo(u.toString()));
  }

  /**
   * The warning every output carries when certificate checks are off for an https target: such a
   * run cannot tell the real service from an impostor.
   */
  public Optional<String> tlsWarning() {
    if (!tls.insecure()
        || baseUrl.isEmpty()
        || !"https".equalsIgnoreCase(baseUrl.get().getScheme())) {
      return Optional.empty();
    }
    return Optional.of(
        "TLS certificate checks are OFF for "
            + displayUrl().orElseThrow()
            + " (target.tls.insecure = true): this run trusts any certificate, so it cannot tell"
            + " the real service from an impostor. Give the service's authority in"
            + " target.tls.trustStore instead.");
  }

  /** An https target reached by a name or address other than this machine's loopback. */
  public boolean verifiesCertificate() {
    return baseUrl.isPresent()
        && "https".equalsIgnoreCase(baseUrl.get().getScheme())
        && !Hosts.isLoopback(host());
  }
}
