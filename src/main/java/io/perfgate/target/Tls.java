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
