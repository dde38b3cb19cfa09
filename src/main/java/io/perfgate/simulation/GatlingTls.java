package io.perfgate.simulation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.perfgate.target.Target;
import io.perfgate.target.Tls;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gatling configures TLS once, from gatling.conf and system properties, before perfgate reads its
 * settings; resources/gatling.conf takes its values from perfgate's -Dtarget.tls.* properties.
 * Whatever reached Gatling in another way (a key in perfgate.conf, a -Dgatling.ssl.* property)
 * would make the run check certificates otherwise than its settings say, so the run is refused.
 */
final class GatlingTls {
  private GatlingTls() {}

  /** What Gatling will do, read the way Gatling reads it. */
  record Effective(boolean insecure, String trustStore, boolean verifyHostname) {}

  static Effective effective() {
    ClassLoader loader = GatlingTls.class.getClassLoader();
    Config config =
        ConfigFactory.systemProperties()
            .withFallback(
                ConfigFactory.parseResources(
                    loader, System.getProperty("gatling.conf.file", "gatling.conf")))
            .withFallback(ConfigFactory.parseResources(loader, "gatling-defaults.conf"))
            .resolve();
    return new Effective(
        config.getBoolean("gatling.ssl.useInsecureTrustManager"),
        config.getString("gatling.ssl.trustStore.file").trim(),
        config.getBoolean("gatling.http.enableHostnameVerification"));
  }

  /** Why the run must not start, or empty when Gatling checks certificates as perfgate says. */
  static Optional<String> refusal(Target target) {
    if (target.baseUrl().isEmpty()
        || !"https".equalsIgnoreCase(target.baseUrl().get().getScheme())) {
      return Optional.empty();
    }
    Effective gatling;
    try {
      gatling = effective();
    } catch (ConfigException e) {
      return Optional.of(
          "Gatling's TLS settings cannot be read (" + e.getMessage() + "); check gatling.conf.");
    }
    return refusal(target, gatling);
  }

  static Optional<String> refusal(Target target, Effective gatling) {
    Tls tls = target.tls();
    String late =
        " does not reach Gatling, which sets up TLS before perfgate reads its settings: give it"
            + " on the command line instead, as ";
    if (tls.insecure() && !gatling.insecure()) {
      return Optional.of("target.tls.insecure = true" + late + "-Dtarget.tls.insecure=true.");
    }
    if (!tls.insecure() && tls.trustStore().isPresent()) {
      Path store = tls.trustStore().get().toAbsolutePath().normalize();
      if (gatling.trustStore().isEmpty()
          || !Path.of(gatling.trustStore()).toAbsolutePath().normalize().equals(store)) {
        return Optional.of(
            "target.tls.trustStore = "
                + tls.trustStore().get()
                + late
                + "-Dtarget.tls.trustStore="
                + tls.trustStore().get()
                + ".");
      }
    }
    if (!tls.insecure() && target.verifiesCertificate()) {
      if (gatling.insecure()) {
        return Optional.of(
            "Gatling is set to trust every certificate (gatling.ssl.useInsecureTrustManager ="
                + " true), but perfgate verifies the certificate of "
                + target.displayUrl().orElseThrow()
                + " unless the run opts out. Remove that Gatling setting, or opt out knowingly"
                + " with -Dtarget.tls.insecure=true (the run then says so in every summary).");
      }
      if (!gatling.verifyHostname()) {
        return Optional.of(
            "Gatling is set to accept a certificate issued to any name"
                + " (gatling.http.enableHostnameVerification = false), but perfgate verifies that "
                + target.displayUrl().orElseThrow()
                + " presents a certificate for its own name. Remove that Gatling setting, or opt"
                + " out knowingly with -Dtarget.tls.insecure=true.");
      }
      if (tls.trustStore().isEmpty() && !gatling.trustStore().isEmpty()) {
        return Optional.of(
            "Gatling verifies certificates with the trust store "
                + gatling.trustStore()
                + " (gatling.ssl.trustStore.file), which perfgate's settings do not name: give it"
                + " as -Dtarget.tls.trustStore="
                + gatling.trustStore()
                + " so that both agree.");
      }
    }
    return Optional.empty();
  }
}
