package io.perfgate.config;

import static io.perfgate.config.SettingsLoaderTest.assertMentions;
import static io.perfgate.config.SettingsLoaderTest.assertOneCleanParagraph;
import static io.perfgate.config.SettingsLoaderTest.at;
import static io.perfgate.config.SettingsLoaderTest.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.target.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's guard, secrets and TLS settings: production and allow-listed hosts, credentials that
 * may only come from the environment or files, and the values every output must mask.
 */
class TargetSettingsTest {
  @TempDir Path dir;

  private String project(String extra) {
    return new TestProject(dir).conf(extra);
  }

  private Path write(String relative, String text) {
    return new TestProject(dir).write(relative, text);
  }

  private Target target(Map<String, String> props, Map<String, String> env) {
    return new TestProject(dir).load(props, env).target();
  }

  private Target target(String... keyValues) {
    return target(TestProject.props(keyValues), Map.of());
  }

  private ConfigError refused(Map<String, String> props, Map<String, String> env) {
    ConfigError e = assertThrows(ConfigError.class, () -> target(props, env));
    assertOneCleanParagraph(e);
    return e;
  }

  @Test
  void targetsAreNotProductionByDefaultAndAllowAnyHost() {
    project("target.baseUrl = \"https://staging.example.com\"\n");
    Target t = target();
    assertFalse(t.guard().production());
    assertEquals(List.of(), t.guard().allowHosts());
    assertEquals(Optional.empty(), t.guard().refusal(t, Optional.empty()));
  }

  @Test
  void theProductionOverlayMarksItsTargetProduction() {
    Target t =
        SettingsLoader.load(
                Map.of("env", "production"),
                Map.of(
                    "PERFGATE_PRODUCTION_URL", "https://shop.example.com",
                    "PERFGATE_API_TOKEN", "t0ken-123"),
                Path.of(""))
            .target();
    assertTrue(t.guard().production());
    assertTrue(
        t.guard().productionSetIn().startsWith("resources/env/production.conf:"),
        t.guard().productionSetIn());
    String refusal = t.guard().refusal(t, Optional.empty()).orElseThrow();
    assertMentions(
        refusal,
        "The target https://shop.example.com is production",
        "set in resources/env/production.conf:",
        "-Dperfgate.confirm=shop.example.com");
    assertEquals(Optional.empty(), t.guard().refusal(t, Optional.of("SHOP.example.com")));
    assertTrue(t.guard().refusal(t, Optional.of("staging.example.com")).isPresent());
  }

  @Test
  void theEmbeddedDemoServiceIsNeverRefused() {
    project("target.production = true\ntarget.allowHosts = [staging.example.com]\n");
    Target t = target();
    assertTrue(t.embedded());
    assertEquals(Optional.empty(), t.guard().refusal(t, Optional.empty()));
  }

  @Test
  void allowListRefusesEveryOtherHost() {
    String text =
        project(
            "target.baseUrl = \"https://qa.example.com\"\n"
                + "target.allowHosts = [Staging.Example.com, 127.0.0.1]\n");
    Target t = target();
    String refusal = t.guard().refusal(t, Optional.empty()).orElseThrow();
    assertMentions(
        refusal,
        "is not on the allow-list: target.allowHosts (set in ",
        at("resources/perfgate.conf", lineOf(text, "target.allowHosts")) + ") permits",
        "permits only staging.example.com, 127.0.0.1",
        "refuses to load qa.example.com");
    Target allowed = target("target.baseUrl", "https://staging.example.com:8443");
    assertEquals(Optional.empty(), allowed.guard().refusal(allowed, Optional.empty()));
  }

  @Test
  void allowListEntryWithSchemeIsAMistake() {
    String text = project("target.allowHosts = [\"https://staging.example.com\"]\n");
    ConfigError e = refused(Map.of(), Map.of());
    assertMentions(
        e.getMessage(),
        "Invalid setting 'target.allowHosts'",
        at("resources/perfgate.conf", lineOf(text, "target.allowHosts")),
        "is not a host name",
        "host names without scheme or port");
  }

  @Test
  void literalCredentialInAFileIsRefusedWithoutShowingIt() {
    String text =
        project(
            "target.headers {\n  Accept = \"application/json\"\n"
                + "  Authorization = \"Bearer s3cr3t-literal\"\n}\n");
    ConfigError e = refused(Map.of(), Map.of());
    assertMentions(
        e.getMessage(),
        "Invalid setting 'target.headers.Authorization'",
        at("resources/perfgate.conf", lineOf(text, "Authorization")),
        "a credential is written in a configuration file",
        "${API_TOKEN}",
        "target.secretFiles");
    assertFalse(e.getMessage().contains("s3cr3t-literal"), e.getMessage());
  }

  @Test
  void literalCookieAndApiKeyHeadersAreRefusedToo() {
    project("target.headers.Cookie = \"session=abcdef\"\n");
    assertMentions(
        refused(Map.of(), Map.of()).getMessage(), "'target.headers.Cookie'", "credential");
    project("target.headers.X-Api-Key = \"abcdef\"\n");
    assertMentions(
        refused(Map.of(), Map.of()).getMessage(), "'target.headers.X-Api-Key'", "credential");
  }

  @Test
  void literalCredentialOnAnEndpointIsRefusedAndAVariableOneIsSecret() {
    String text =
        project("workload.endpoints.health.headers {\n  X-Auth-Token = \"tok-literal-1\"\n}\n");
    ConfigError e = refused(Map.of(), Map.of());
    assertMentions(
        e.getMessage(),
        "'workload.endpoints.health.headers.X-Auth-Token'",
        at("resources/perfgate.conf", lineOf(text, "X-Auth-Token")));
    project("workload.endpoints.health.headers.X-Auth-Token = ${ENDPOINT_TOKEN}\n");
    Target t = target(Map.of(), Map.of("ENDPOINT_TOKEN", "tok-endpoint-2"));
    assertEquals("got ***", t.redactor().redact("got tok-endpoint-2"));
  }

  @Test
  void credentialFromTheEnvironmentIsSentAndSecret() {
    project("target.headers.Authorization = \"Bearer \"${API_TOKEN}\n");
    Target t = target(Map.of(), Map.of("API_TOKEN", "tok-from-env-42"));
    assertEquals("Bearer tok-from-env-42", t.headers().get("Authorization"));
    assertEquals(
        "sent *** and ***", t.redactor().redact("sent Bearer tok-from-env-42 and tok-from-env-42"));
  }

  @Test
  void credentialGivenAsASystemPropertyIsNotACommittedFile() {
    project("");
    Target t = target("target.headers.Authorization", "Bearer tok-prop-77");
    assertEquals("Bearer tok-prop-77", t.headers().get("Authorization"));
    assertEquals("x *** y", t.redactor().redact("x tok-prop-77 y"));
  }

  @Test
  void secretFileDefinesAVariableForSubstitution() {
    write("secrets/token", "tok-from-file-9\n");
    project(
        "target.secretFiles { API_TOKEN = \"secrets/token\" }\n"
            + "target.headers.X-Trace = \"t-\"${API_TOKEN}\n");
    Target t = target();
    assertEquals("t-tok-from-file-9", t.headers().get("X-Trace"));
    assertEquals("***", t.redactor().redact("tok-from-file-9"), "file secrets are secret");
  }

  @Test
  void missingOrEmptySecretFileIsNamed() {
    String text = project("target.secretFiles {\n  API_TOKEN = \"secrets/nope\"\n}\n");
    assertMentions(
        refused(Map.of(), Map.of()).getMessage(),
        "Invalid setting 'target.secretFiles.API_TOKEN'",
        at("resources/perfgate.conf", lineOf(text, "API_TOKEN")),
        "cannot be read (no such file)",
        "a readable UTF-8 file");
    write("secrets/nope", "\n");
    assertMentions(refused(Map.of(), Map.of()).getMessage(), "is empty");
  }

  @Test
  void variablesNamedSecretAreMasked() {
    project("target.secrets = [SESSION_ID]\ntarget.headers.X-Session = ${?SESSION_ID}\n");
    Target t = target(Map.of(), Map.of("SESSION_ID", "sess-5551234"));
    assertEquals("id=***", t.redactor().redact("id=sess-5551234"));
  }

  @Test
  void credentialsInTheUrlAreSecretAndNeverShown() {
    project("");
    Target t = target("target.baseUrl", "https://ops:pa55word-x@staging.example.com/api");
    assertEquals(Optional.of("https://***@staging.example.com/api"), t.displayUrl());
    assertEquals("pw ***", t.redactor().redact("pw pa55word-x"));
    ConfigError e =
        refused(Map.of("target.baseUrl", "ftp://ops:pa55word-x@staging.example.com"), Map.of());
    assertFalse(e.getMessage().contains("pa55word-x"), e.getMessage());
  }

  @Test
  void tlsVerifiesByDefaultAndRefusesAMissingTrustStore() {
    project("target.baseUrl = \"https://staging.example.com\"\n");
    Target t = target();
    assertFalse(t.tls().insecure());
    assertTrue(t.verifiesCertificate());
    assertFalse(target("target.baseUrl", "https://127.0.0.1:8443").verifiesCertificate());
    assertFalse(target("target.baseUrl", "https://localhost:8443").verifiesCertificate());
    assertMentions(
        refused(Map.of("target.tls.trustStore", "certs/none.p12"), Map.of()).getMessage(),
        "Invalid setting 'target.tls.trustStore' (system property -Dtarget.tls.trustStore)",
        "there is no readable file");
  }

  @Test
  void trustStorePasswordComesFromTheEnvironmentOnly() {
    String text = project("target.tls.trustStorePassword = \"changeit\"\n");
    assertMentions(
        refused(Map.of(), Map.of()).getMessage(),
        "'target.tls.trustStorePassword'",
        at("resources/perfgate.conf", lineOf(text, "trustStorePassword")));
    project("");
    Target t = target(Map.of(), Map.of("PERFGATE_TRUSTSTORE_PASSWORD", "st0re-pass"));
    assertEquals(Optional.of("st0re-pass"), t.tls().trustStorePassword());
    assertEquals("***", t.redactor().redact("st0re-pass"));
    assertFalse(t.tls().toString().contains("st0re-pass"));
  }
}
