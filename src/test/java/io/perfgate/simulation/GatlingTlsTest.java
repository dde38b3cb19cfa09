package io.perfgate.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.target.Guard;
import io.perfgate.target.Redactor;
import io.perfgate.target.Target;
import io.perfgate.target.Tls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** perfgate refuses a run whose TLS settings did not reach Gatling, or were undone behind it. */
class GatlingTlsTest {
  private static final GatlingTls.Effective VERIFYING = new GatlingTls.Effective(false, "", true);

  private static Target target(String url, Tls tls) {
    return new Target(
        Optional.of(URI.create(url)),
        Map.of(),
        Duration.ofSeconds(1),
        Guard.NONE,
        tls,
        Redactor.NONE);
  }

  @Test
  void shippedGatlingConfigurationVerifiesCertificatesAndHostNames() {
    assertEquals(VERIFYING, GatlingTls.effective());
  }

  @Test
  void agreeingSettingsStart() {
    assertEquals(
        Optional.empty(), GatlingTls.refusal(target("https://a.example", Tls.VERIFY), VERIFYING));
    Tls insecure = new Tls(true, Optional.empty(), "", Optional.empty());
    assertEquals(
        Optional.empty(),
        GatlingTls.refusal(
            target("https://a.example", insecure), new GatlingTls.Effective(true, "", true)));
    Tls store = new Tls(false, Optional.of(Path.of("certs/ca.p12")), "", Optional.empty());
    assertEquals(
        Optional.empty(),
        GatlingTls.refusal(
            target("https://a.example", store),
            new GatlingTls.Effective(
                false, Path.of("certs/ca.p12").toAbsolutePath().toString(), true)));
  }

  @Test
  void optOutWrittenInAFileDoesNotReachGatlingAndIsRefused() {
    Tls insecure = new Tls(true, Optional.empty(), "", Optional.empty());
    String refusal =
        GatlingTls.refusal(target("https://a.example", insecure), VERIFYING).orElseThrow();
    assertTrue(refusal.contains("as -Dtarget.tls.insecure=true"), refusal);
    Tls store = new Tls(false, Optional.of(Path.of("certs/ca.p12")), "", Optional.empty());
    assertTrue(
        GatlingTls.refusal(target("https://a.example", store), VERIFYING)
            .orElseThrow()
            .contains("-Dtarget.tls.trustStore=certs/ca.p12"));
  }

  @Test
  void gatlingSetToTrustAnythingOrAnyNameIsRefusedForARemoteTarget() {
    Target remote = target("https://a.example", Tls.VERIFY);
    assertTrue(
        GatlingTls.refusal(remote, new GatlingTls.Effective(true, "", true))
            .orElseThrow()
            .contains("Gatling is set to trust every certificate"));
    assertTrue(
        GatlingTls.refusal(remote, new GatlingTls.Effective(false, "", false))
            .orElseThrow()
            .contains("enableHostnameVerification = false"));
    // A loopback target is this machine: Gatling's laxer setting is no risk there.
    assertEquals(
        Optional.empty(),
        GatlingTls.refusal(
            target("https://127.0.0.1:8443", Tls.VERIFY),
            new GatlingTls.Effective(true, "", true)));
  }
}
