package io.perfgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.workload.Step;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loading and validating a run's settings: every mistake is one {@link ConfigError} whose single
 * paragraph names the key, the file and line it was written on, and what is allowed.
 */
class SettingsLoaderTest {
  /** A small but complete project: one endpoint, one feeder, one journey built from them. */
  private static final String BASE =
      """
      workload {
        endpoints {
          health { path = "/health", expect = [200] }
          jobs { path = "/api/v1/jobs" }
        }
        feeders {
          users { file = "data/users.csv" }
        }
        journeys {
          browse { weight = 1, steps = [{ feed = users }, health, jobs] }
        }
      }
      """;

  @TempDir Path dir;

  // ---- helpers ----

  private Path write(String relative, String text) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return file;
  }

  /** Writes resources/perfgate.conf as BASE followed by {@code extra}; returns the whole text. */
  private String project(String extra) {
    write("resources/data/users.csv", "user\nalice\n");
    String text = BASE + extra;
    write("resources/perfgate.conf", text);
    return text;
  }

  private Settings load(Map<String, String> props, Map<String, String> env) {
    return SettingsLoader.load(props, env, dir);
  }

  private Settings load(String... keyValues) {
    return load(props(keyValues), Map.of());
  }

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  private ConfigError refused(Map<String, String> props, Map<String, String> env) {
    ConfigError e = assertThrows(ConfigError.class, () -> load(props, env));
    assertOneCleanParagraph(e);
    return e;
  }

  private ConfigError refused(String... keyValues) {
    return refused(props(keyValues), Map.of());
  }

  /** One line of text for a person: no newline, no stack trace, no library exception names. */
  static void assertOneCleanParagraph(ConfigError e) {
    String m = e.getMessage();
    assertAll(
        () -> assertFalse(m.isBlank()),
        () -> assertFalse(m.contains("\n") || m.contains("\r"), () -> "several lines: " + m),
        () -> assertFalse(m.contains("\tat ") || m.contains("Exception"), () -> "stack: " + m),
        () -> assertFalse(m.contains("com.typesafe") || m.contains("io.perfgate"), m),
        () -> assertNull(e.getCause()),
        () -> assertEquals(0, e.getStackTrace().length, "ConfigError carries no stack trace"));
  }

  /** 1-based line of the first occurrence of {@code marker} in {@code text}. */
  static int lineOf(String text, String marker) {
    int at = text.indexOf(marker);
    assertTrue(at >= 0, () -> "marker not in text: " + marker);
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  /**
   * "resources/perfgate.conf:7", the way a message names a place in a project file: relative to the
   * working directory when under it, else absolute; either way it ends like this.
   */
  static String at(String file, int line) {
    return file.replace('/', File.separatorChar) + ":" + line;
  }

  /** Asserts each part is in the message; a file:line part must not go on with more digits. */
  static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      String pattern = Pattern.quote(part) + (part.matches(".*:\\d+") ? "(?!\\d)" : "");
      assertTrue(
          Pattern.compile(pattern).matcher(message).find(),
          () -> "expected \"" + part + "\" in: " + message);
    }
  }

  // ---- mistakes in -D system properties ----

  static Stream<Arguments> propertyMistakes() {
    return Stream.of(
        Arguments.of(
            "unknown profile lists the profiles",
            props("scenario", "nope"),
            "scenario",
            List.of(
                "there is no profile 'nope'",
                "baseline, benchmark, breakpoint, burst, endurance, heavy, load, smoke, soak,"
                    + " spike, stress, or list")),
        Arguments.of(
            "zero users", props("users", "0"), "users", List.of("a whole number of at least 1")),
        Arguments.of("negative users", props("users", "-5"), "users", List.of("-5", "at least 1")),
        Arguments.of(
            "fractional users", props("users", "1.5"), "users", List.of("'1.5' is not a whole")),
        Arguments.of(
            "malformed duration",
            props("duration", "5 parsecs"),
            "duration",
            List.of("'5 parsecs' is not a duration", "500ms, 30s, 5m or 1h30m")),
        Arguments.of(
            "zero duration", props("duration", "0s"), "duration", List.of("greater than zero")),
        Arguments.of("malformed ramp", props("ramp", "quickly"), "ramp", List.of("500ms, 30s")),
        Arguments.of(
            "URL with a misspelt scheme",
            props("target.baseUrl", "htp:/x"),
            "target.baseUrl",
            List.of("'htp:/x' is not an http(s) URL", "https://staging.example.com")),
        Arguments.of(
            "URL without a host",
            props("target.baseUrl", "http://"),
            "target.baseUrl",
            List.of("'http://'", "https://staging.example.com")),
        Arguments.of(
            "URL with only a path",
            props("target.baseUrl", "https:///api"),
            "target.baseUrl",
            List.of("has no host name", "https://staging.example.com")),
        Arguments.of(
            "scale zero", props("scale", "0"), "scale", List.of("a number greater than 0")),
        Arguments.of(
            "scale negative", props("scale", "-0.5"), "scale", List.of("a number greater than 0")),
        Arguments.of("scale huge", props("scale", "1000"), "scale", List.of("at most 100")),
        Arguments.of(
            "error rate above 100%",
            props("demo.faults.errorRate", "150%"),
            "demo.faults.errorRate",
            List.of("'150%'", "from 0% to 100%")),
        Arguments.of(
            "unknown key in a section",
            props("target.baseUrll", "http://x.example"),
            "target.baseUrll",
            List.of(
                "unknown key",
                "allowHosts, baseUrl, headers, maxResponseSize, monitor, production, requestTimeout")),
        Arguments.of(
            "rate on a closed profile",
            props("scenario", "smoke", "rate", "5"),
            "rate",
            List.of("closed-model", "-Dusers=")),
        Arguments.of(
            "users on an open profile",
            props("scenario", "arrivals", "users", "5"),
            "users",
            List.of("open-model", "-Drate=")),
        Arguments.of(
            "duration shorter than the ramps",
            props("scenario", "smoke", "duration", "5s"),
            "duration",
            List.of("the ramps of profile smoke alone take 10s", "a duration longer than 10s")),
        Arguments.of(
            "boolean that is not one",
            props("sla.tierGates", "maybe"),
            "sla.tierGates",
            List.of("'maybe' is not a boolean", "true or false")));
  }

  @ParameterizedTest(name = "-D {0}")
  @MethodSource("propertyMistakes")
  void systemPropertyMistakeNamesTheKeyThePropertyAndWhatIsAllowed(
      String what, Map<String, String> props, String key, List<String> mentions) {
    project(
        """
        profiles.arrivals {
          model = open, errorBudget = normal, phases = [{ level = 5, ramp = 0s, hold = 10s }]
        }
        """);
    ConfigError e = refused(props, Map.of());
    assertTrue(
        e.getMessage().startsWith("Invalid setting '" + key + "' (system property -D"),
        e::getMessage);
    assertMentions(e.getMessage(), "Allowed: ");
    assertMentions(e.getMessage(), mentions.toArray(String[]::new));
  }

  // ---- mistakes in resources/perfgate.conf ----

  static Stream<Arguments> fileMistakes() {
    return Stream.of(
        Arguments.of(
            "phase hold that is not a duration",
            "profiles.smoke.phases = [{ name = steady, level = 10, ramp = 10s, hold = soon }]\n",
            "hold = soon",
            "profiles.smoke.phases[0].hold",
            List.of("'soon' is not a duration", "500ms, 30s, 5m or 1h30m")),
        Arguments.of(
            "malformed URL",
            "target {\n  baseUrl = \"htp:/x\"\n}\n",
            "baseUrl",
            "target.baseUrl",
            List.of("http or https URL")),
        Arguments.of(
            "URL without a host",
            "target.baseUrl = \"http://\"\n",
            "target.baseUrl",
            "target.baseUrl",
            List.of("'http://'", "http or https URL")),
        Arguments.of(
            "journey step naming an unknown endpoint",
            "workload.journeys.checkout { weight = 1, steps = [health, pay] }\n",
            "workload.journeys.checkout",
            "workload.journeys.checkout.steps[1]",
            List.of("there is no endpoint 'pay'", "Allowed: health, jobs")),
        Arguments.of(
            "step inside a group naming an unknown endpoint",
            "workload.journeys.triage {\n"
                + "  weight = 1\n"
                + "  steps = [{ group = g, steps = [{ request = nope }] }]\n"
                + "}\n",
            "request = nope",
            "workload.journeys.triage.steps[0].steps[0].request",
            List.of("there is no endpoint 'nope'", "health, jobs")),
        Arguments.of(
            "loop whose length is neither a duration nor run",
            "workload.journeys.browse.steps = [{ during = forever, steps = [health] }]\n",
            "during = forever",
            "workload.journeys.browse.steps[0].during",
            List.of("'forever' is neither a duration greater than zero nor run", "60s", "run")),
        Arguments.of(
            "feed step naming an unknown feeder",
            "workload.journeys.browse.steps = [{ feed = customers }, health]\n",
            "feed = customers",
            "workload.journeys.browse.steps[0].feed",
            List.of("there is no feeder 'customers'", "users")),
        Arguments.of(
            "journey weight of 0",
            "workload.journeys.browse {\n  weight = 0\n}\n",
            "weight = 0",
            "workload.journeys.browse.weight",
            List.of("0 is out of range", "a number greater than 0")),
        Arguments.of(
            "journey weight of -1",
            "workload.journeys.browse {\n  weight = -1\n}\n",
            "weight = -1",
            "workload.journeys.browse.weight",
            List.of("-1 is out of range", "a number greater than 0")),
        Arguments.of(
            "profile's journeys naming an unknown journey",
            "profiles.smoke {\n  journeys { browse = 3, shop = 1 }\n}\n",
            "shop = 1",
            "profiles.smoke.journeys.shop",
            List.of("there is no journey 'shop'", "Allowed: browse")),
        Arguments.of(
            "profile's journey weight of 0",
            "profiles.smoke.journeys { browse = 0 }\n",
            "browse = 0",
            "profiles.smoke.journeys.browse",
            List.of("a number greater than 0")),
        Arguments.of(
            "gate on an unknown request",
            "sla.requests {\n  nope = [\"p95 < 1s\"]\n}\n",
            "nope =",
            "sla.requests.nope",
            List.of("there is no request 'nope'", "health, jobs")),
        Arguments.of(
            "unknown metric in a gate",
            "sla.global = [\"p95 < 1s\",\n  \"p96 < 1s\"]\n",
            "\"p96",
            "sla.global[1]",
            List.of("unknown metric 'p96'", "p50, p75, p95, p99, p99.9, max, mean, errors, rps")),
        Arguments.of(
            "gate with a value in the wrong unit",
            "sla.requests.health = [\"errors < 5ms\"]\n",
            "sla.requests.health",
            "sla.requests.health[0]",
            List.of("'5ms' in \"errors < 5ms\" is not a percentage", "0% to 100%")),
        Arguments.of(
            "gate that is not a string",
            "sla.global = [500]\n",
            "sla.global",
            "sla.global[0]",
            List.of("expected a gate in quotes", "p95 < 500ms")),
        Arguments.of(
            "unknown key in target",
            "target {\n  baseUrll = \"http://x.example\"\n}\n",
            "baseUrll",
            "target.baseUrll",
            List.of(
                "unknown key",
                "allowHosts, baseUrl, headers, maxResponseSize, monitor, production, requestTimeout")),
        Arguments.of(
            "unknown key in a profile",
            "profiles.smoke {\n  phasez = []\n}\n",
            "phasez",
            "profiles.smoke.phasez",
            List.of("unknown key", "description, errorBudget, journeys, model, phases, repeat")),
        Arguments.of(
            "unknown key in a phase",
            "profiles.smoke.phases = [{ name = a, level = 1, ramp = 1s, hold = 1s, levle = 2 }]\n",
            "profiles.smoke.phases",
            "profiles.smoke.phases[0].levle",
            List.of("unknown key", "hold, level, name, ramp")),
        Arguments.of(
            "unknown top-level key",
            "userz = 5\n",
            "userz",
            "userz",
            List.of("unknown key", "users")),
        Arguments.of(
            "error rate above 100%",
            "demo.faults {\n  errorRate = 150%\n}\n",
            "errorRate",
            "demo.faults.errorRate",
            List.of("'150%'", "from 0% to 100%")),
        Arguments.of(
            "error rate without a percent sign",
            "demo.faults.errorRate = 0.05\n",
            "demo.faults.errorRate",
            "demo.faults.errorRate",
            List.of("'0.05' is not a percentage", "e.g. 1% or 0.5%")),
        Arguments.of(
            "feeder file that does not exist",
            "workload.feeders.users {\n  file = \"data/nope.csv\"\n}\n",
            "file = \"data/nope",
            "workload.feeders.users.file",
            List.of("there is no file 'data/nope.csv' under resources/", "relative to resources/")),
        Arguments.of(
            "feeder file of the wrong kind",
            "workload.feeders.users.file = \"data/users.txt\"\n",
            "users.txt",
            "workload.feeders.users.file",
            List.of("neither .csv nor .json", "a .csv or .json file")),
        Arguments.of(
            "body file that does not exist",
            "workload.endpoints.jobs { method = POST, bodyFile = \"bodies/none.json\" }\n",
            "bodies/none",
            "workload.endpoints.jobs.bodyFile",
            List.of("there is no file 'bodies/none.json'", "relative to resources/")),
        Arguments.of(
            "HTTP status out of range",
            "workload.endpoints.health.expect = [200, 999]\n",
            "expect = [200, 999]",
            "workload.endpoints.health.expect",
            List.of("'999' is not an HTTP status", "100 to 599")),
        Arguments.of(
            "wrong model name",
            "profiles.smoke.model = openn\n",
            "openn",
            "profiles.smoke.model",
            List.of("'openn' is not known", "Allowed: closed, open")),
        Arguments.of(
            "wrong error budget",
            "profiles.smoke.errorBudget = relaxed\n",
            "relaxed",
            "profiles.smoke.errorBudget",
            List.of("'relaxed' is not known", "high, normal, stress")),
        Arguments.of(
            "phases and steps both set in a new profile",
            "profiles.mine {\n  model = closed, errorBudget = normal\n"
                + "  phases = [{ level = 1, ramp = 1s, hold = 1s }]\n"
                + "  steps = { levels = [1, 2], ramp = 1s, hold = 1s }\n}\n",
            "profiles.mine",
            "profiles.mine",
            List.of("exactly one of `phases` or `steps`", "phases = [", "steps = {")),
        Arguments.of(
            "steps added to a profile that has phases",
            "profiles.smoke.steps = { levels = [1, 2], ramp = 1s, hold = 1s }\n",
            "profiles.smoke.steps",
            "profiles.smoke",
            List.of("exactly one of `phases` or `steps`", "reference.conf:")),
        Arguments.of(
            "closed level that is not whole",
            "profiles.smoke.phases = [{ name = a, level = 2.5, ramp = 1s, hold = 1s }]\n",
            "level = 2.5",
            "profiles.smoke.phases[0].level",
            List.of("'2.5' is not a level", "a whole number of concurrent users")),
        Arguments.of(
            "step level of 0",
            "profiles.benchmark.steps.levels = [1, 0, 5]\n",
            "levels",
            "profiles.benchmark.steps.levels[1]",
            List.of("'0' is not a level", "a whole number of concurrent users")),
        Arguments.of(
            "profile whose every level is 0",
            "profiles.idle {\n  model = closed, errorBudget = normal\n"
                + "  phases = [{ level = 0, ramp = 1s, hold = 1s }]\n}\n",
            "profiles.idle",
            "profiles.idle",
            List.of("no load would be sent", "at least one phase with a level above 0")),
        Arguments.of(
            "zero users in the file",
            "users = 0\n",
            "users = 0",
            "users",
            List.of("0 is out of range", "at least 1")),
        Arguments.of(
            "negative scale in the file",
            "scale = -2\n",
            "scale = -2",
            "scale",
            List.of("-2 is out of range", "a number greater than 0")),
        Arguments.of(
            "think range upside down",
            "workload.think {\n  min = 5s\n  max = 1s\n}\n",
            "max = 1s",
            "workload.think.max",
            List.of("shorter than workload.think.min", "at least as long as min")),
        Arguments.of(
            "tier bounds not ascending",
            "sla.tiers.p95 = [2s, 1s, 3s]\n",
            "sla.tiers.p95",
            "sla.tiers.p95",
            List.of("not ascending", "three ascending durations")),
        Arguments.of(
            "failBeyond that is not a tier",
            "sla.failBeyond = critical\n",
            "critical",
            "sla.failBeyond",
            List.of("'critical' is not known", "acceptable, poor, target")),
        Arguments.of(
            "environment overlay that does not exist, chosen in the file",
            "env = nope\n",
            "env = nope",
            "env",
            List.of("there is no environment overlay", "nope.conf")));
  }

  @ParameterizedTest(name = "perfgate.conf: {0}")
  @MethodSource("fileMistakes")
  void fileMistakeNamesTheKeyFileLineAndWhatIsAllowed(
      String what, String extra, String marker, String key, List<String> mentions) {
    String text = project(extra);
    ConfigError e = refused();
    assertTrue(e.getMessage().startsWith("Invalid setting '" + key + "' ("), e::getMessage);
    assertMentions(e.getMessage(), at("resources/perfgate.conf", lineOf(text, marker)));
    assertMentions(e.getMessage(), "Allowed: ");
    assertMentions(e.getMessage(), mentions.toArray(String[]::new));
  }

  // ---- mistakes the file cannot even be read past ----

  @Test
  void aLoopRunsForItsDurationOrForThePlannedRun() {
    project(
        "workload.journeys.loop { weight = 1, steps = [{ during = run, steps = [health] },"
            + " { during = 90s, steps = [jobs] }] }\n");
    List<Step> steps = load().workload().journeys().get("loop").steps().orElseThrow();
    assertEquals(
        new Step.During(Optional.empty(), List.of(new Step.Request("health"))), steps.get(0));
    assertEquals(
        new Step.During(Optional.of(Duration.ofSeconds(90)), List.of(new Step.Request("jobs"))),
        steps.get(1));
  }

  @Test
  void unbalancedBraceNamesTheFileAndLine() {
    write(
        "resources/perfgate.conf",
        "target {\n  baseUrl = \"http://a.example\"\n\nsla {\n  tierGates = true\n}\n");
    ConfigError e = refused();
    assertMentions(
        e.getMessage(),
        "The configuration file ",
        at("resources/perfgate.conf", 7),
        "is not valid HOCON: expecting",
        "end of file");
  }

  @Test
  void strayCloseBraceNamesTheFileAndLine() {
    String text = BASE + "target {\n  baseUrl = \"\"\n}}\n";
    write("resources/perfgate.conf", text);
    ConfigError e = refused();
    assertMentions(
        e.getMessage(), at("resources/perfgate.conf", lineOf(text, "}}")), "not valid HOCON");
  }

  @Test
  void malformedOverlayNamesTheOverlayFile() {
    project("");
    write("resources/env/ci.conf", "# ci\nscale = [0.1\n");
    ConfigError e = refused("env", "ci");
    assertMentions(e.getMessage(), at("resources/env/ci.conf", 3), "not valid HOCON");
  }

  @Test
  void missingRequiredVariableNamesItAndTheOverlayLine() {
    project("");
    String staging =
        """
        # -Denv=staging
        target {
          baseUrl = "https://staging.example.com"
          headers {
            Authorization = "Bearer "${PERFGATE_API_TOKEN}
          }
        }
        """;
    write("resources/env/staging.conf", staging);
    ConfigError e = refused(props("env", "staging"), Map.of());
    assertMentions(
        e.getMessage(),
        "Environment variable PERFGATE_API_TOKEN is not set",
        at("resources/env/staging.conf", lineOf(staging, "${PERFGATE_API_TOKEN}")),
        "export PERFGATE_API_TOKEN=",
        "${?PERFGATE_API_TOKEN}");
  }

  @Test
  void missingVariableOfTheRealStagingOverlayIsNamedRelativeToTheProject() throws IOException {
    String staging = Files.readString(Path.of("resources/env/staging.conf"));
    ConfigError e =
        assertThrows(
            ConfigError.class,
            () ->
                SettingsLoader.load(
                    props("env", "staging"),
                    Map.of("PERFGATE_STAGING_URL", "https://staging.example.com"),
                    Path.of("")));
    assertOneCleanParagraph(e);
    assertMentions(
        e.getMessage(),
        "PERFGATE_API_TOKEN",
        at("resources/env/staging.conf", lineOf(staging, "${PERFGATE_API_TOKEN}")));
  }

  @Test
  void unknownOverlayListsTheAvailableOnes() {
    project("");
    write("resources/env/local.conf", "scale = 0.1\n");
    write("resources/env/staging.conf", "scale = 0.5\n");
    ConfigError e = refused("env", "nope");
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'env' (system property -Denv)"), e::getMessage);
    assertMentions(e.getMessage(), "nope.conf", "Allowed: local, staging");
  }

  @Test
  void unknownOverlayFromTheEnvironmentVariableSaysSo() {
    project("");
    ConfigError e = refused(Map.of(), Map.of("PERFGATE_ENV", "qa"));
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'env' (environment variable PERFGATE_ENV)"),
        e::getMessage);
  }

  @Test
  void overlayNameWithAPathIsRefused() {
    project("");
    ConfigError e = refused("env", "../secrets");
    assertMentions(e.getMessage(), "'env'", "is not an environment name", "letters, digits");
  }

  @Test
  void namedConfigFileThatDoesNotExistIsNamed() {
    ConfigError e = refused(SettingsLoader.CONFIG_FILE_PROPERTY, "conf/nope.conf");
    assertTrue(e.getMessage().startsWith("Invalid setting 'perfgate.config'"), e::getMessage);
    assertMentions(e.getMessage(), "nope.conf", "Allowed: the path of a HOCON file");
  }

  @Test
  void errorInAnOverlayNamesTheOverlayLine() {
    project("");
    String overlay = "# ci runs\ntarget {\n  requestTimeout = forever\n}\n";
    write("resources/env/ci.conf", overlay);
    ConfigError e = refused("env", "ci");
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'target.requestTimeout' ("), e::getMessage);
    assertMentions(e.getMessage(), at("resources/env/ci.conf", 3), "'forever' is not a duration");
  }

  @Test
  void errorInAReferenceProfileIsReportedOnlyWhenThatProfileRuns() {
    // reference.conf's burst profile uses a journey "burst"; this project has only "browse".
    project("");
    assertEquals("smoke", load().scenario());
    ConfigError e = refused("scenario", "burst");
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'profiles.burst.journeys.burst' (")
            && e.getMessage().contains("reference.conf:"),
        e::getMessage);
    assertMentions(e.getMessage(), "there is no journey 'burst'", "Allowed: browse");
  }

  // ---- good configurations ----

  @Nested
  class Good {
    @Test
    void theRealProjectLoadsWithTheSmokeProfile() {
      Settings s = SettingsLoader.load(Map.of(), Map.of(), Path.of(""));
      assertAll(
          () -> assertEquals("smoke", s.scenario()),
          () -> assertFalse(s.listOnly()),
          () -> assertEquals(10, s.requirePlan().peak()),
          () -> assertTrue(s.target().embedded()),
          () -> assertEquals(Optional.empty(), s.env()),
          () -> assertTrue(s.workload().endpoints().containsKey("health")),
          () -> assertFalse(s.workload().journeys().isEmpty()),
          () ->
              assertEquals(List.of(Path.of("resources", "perfgate.conf").toString()), s.sources()));
    }

    @Test
    void everyRealOverlayWithoutRequiredVariablesLoads() {
      Settings s = SettingsLoader.load(Map.of("env", "local"), Map.of(), Path.of(""));
      assertEquals(Optional.of("local"), s.env());
      assertEquals(0.1, s.overrides().scale());
      assertEquals(6, s.requirePlan().total().toSeconds());
    }

    @Test
    void theRealStagingOverlayLoadsWhenItsVariablesAreSet() {
      Settings s =
          SettingsLoader.load(
              Map.of("env", "staging"),
              Map.of(
                  "PERFGATE_STAGING_URL", "https://staging.example.com",
                  "PERFGATE_API_TOKEN", "t0ken"),
              Path.of(""));
      assertEquals(Optional.of(URI.create("https://staging.example.com")), s.target().baseUrl());
      assertEquals("Bearer t0ken", s.target().headers().get("Authorization"));
    }

    @Test
    void systemPropertiesBeatTheFile() {
      project("scenario = baseline\nusers = 20\ntarget.baseUrl = \"http://file.example\"\n");
      Settings fromFile = load();
      assertEquals("baseline", fromFile.scenario());
      assertEquals(20, fromFile.requirePlan().peak());
      Settings s =
          load("scenario", "load", "users", "40", "target.baseUrl", "https://prop.example");
      assertEquals("load", s.scenario());
      assertEquals(40, s.requirePlan().peak());
      assertEquals(Optional.of(URI.create("https://prop.example")), s.target().baseUrl());
    }

    @Test
    void targetUrlVariableBeatsTheFileAndLosesToTheProperty() {
      project("target.baseUrl = \"http://file.example\"\n");
      Map<String, String> env = Map.of("PERFGATE_TARGET_URL", "http://env.example");
      assertEquals(
          Optional.of(URI.create("http://env.example")), load(Map.of(), env).target().baseUrl());
      assertEquals(
          Optional.of(URI.create("http://prop.example")),
          load(props("target.baseUrl", "http://prop.example"), env).target().baseUrl());
    }

    @Test
    void scenarioVariableChoosesTheProfileAndLosesToTheProperty() {
      project("");
      Map<String, String> env = Map.of("PERFGATE_SCENARIO", "stress");
      assertEquals("stress", load(Map.of(), env).scenario());
      assertEquals("spike", load(props("scenario", "spike"), env).scenario());
    }

    @Test
    void envOverlayBeatsTheProjectFileAndLosesToProperties() {
      project("scale = 0.5\ntarget.baseUrl = \"http://file.example\"\n");
      write("resources/env/ci.conf", "scale = 0.1\ntarget.baseUrl = \"http://ci.example\"\n");
      Settings s = load("env", "ci");
      assertEquals(Optional.of("ci"), s.env());
      assertEquals(0.1, s.overrides().scale());
      assertEquals(Optional.of(URI.create("http://ci.example")), s.target().baseUrl());
      assertEquals(0.2, load("env", "ci", "scale", "0.2").overrides().scale());
      assertTrue(s.sources().get(0).endsWith("ci.conf"), s.sources()::toString);
    }

    @Test
    void envChosenByVariableOrFileAppliesTheOverlay() {
      project("env = ci\n");
      write("resources/env/ci.conf", "scale = 0.1\n");
      write("resources/env/qa.conf", "scale = 0.3\n");
      assertEquals(0.1, load().overrides().scale());
      assertEquals(0.3, load(Map.of(), Map.of("PERFGATE_ENV", "qa")).overrides().scale());
      assertEquals(1.0, load("env", "").overrides().scale(), "-Denv= turns the overlay off");
    }

    @Test
    void optionalSubstitutionLeftUnsetKeepsTheDefault() {
      project(
          "target.baseUrl = ${?PERFGATE_TEST_URL}\ntarget.headers.X-Key = ${?PERFGATE_TEST_KEY}\n");
      Settings unset = load();
      assertTrue(unset.target().embedded());
      assertEquals(Map.of(), unset.target().headers());
      Settings set =
          load(
              Map.of(),
              Map.of("PERFGATE_TEST_URL", "http://env.example", "PERFGATE_TEST_KEY", "k"));
      assertEquals(Optional.of(URI.create("http://env.example")), set.target().baseUrl());
      assertEquals(Map.of("X-Key", "k"), set.target().headers());
    }

    @Test
    void namedConfigFileReplacesTheProjectFile() {
      project("scenario = baseline\n");
      write("other/data/users.csv", "user\nbob\n");
      write("other/custom.conf", BASE + "scenario = stress\n");
      Settings s = load(SettingsLoader.CONFIG_FILE_PROPERTY, "other/custom.conf");
      assertEquals("stress", s.scenario());
      assertEquals(1, s.sources().size());
      assertTrue(s.sources().get(0).endsWith("custom.conf"), s.sources()::toString);
    }

    @Test
    void namedConfigFileIgnoresMistakesInTheProjectFile() {
      write("resources/perfgate.conf", "this is { not hocon");
      write("other/data/users.csv", "user\nbob\n");
      write("other/custom.conf", BASE);
      assertEquals(
          "smoke", load(SettingsLoader.CONFIG_FILE_PROPERTY, "other/custom.conf").scenario());
    }

    @Test
    void scenarioListOnlyListsTheProfiles() {
      project("");
      Settings s = load("scenario", "list");
      assertTrue(s.listOnly());
      assertEquals(Optional.empty(), s.plan());
      assertEquals(11, s.profiles().size());
      assertThrows(IllegalStateException.class, s::requirePlan);
    }

    @Test
    void systemPropertiesOutsidePerfgateKeysAreIgnored() {
      project("");
      Settings s = load("java.version", "17", "gatling.simulationClass", "x.Y", "user.dir", "/");
      assertEquals("smoke", s.scenario());
      assertEquals(Map.of(), s.given());
    }

    @Test
    void theJudgingSettingsGivenAsPropertiesAreKeptForALaterAnalyzeAndNothingElse() {
      project("");
      Settings s =
          load(
              props(
                  "scenario", "stress",
                  "scale", "0.4",
                  "sla.regression.runs", "3",
                  "java.version", "17",
                  "target.baseUrl", "http://127.0.0.1:9",
                  "target.headers.Authorization", "Bearer t0ken-123",
                  "live.bind", "127.0.0.1",
                  "demo.faults.latency", "50ms"),
              Map.of());
      assertEquals(
          Map.of("scenario", "stress", "scale", "0.4", "sla.regression.runs", "3"), s.given());
    }

    @Test
    void aProjectCanReplaceTheJourneysOfAReferenceProfile() {
      // HOCON merges objects; null first drops reference.conf's { heavy = 1 }.
      project("profiles.heavy.journeys = null\nprofiles.heavy.journeys { browse = 1 }\n");
      Settings s = load("scenario", "heavy");
      assertEquals(Map.of("browse", 1.0), s.requirePlan().profile().journeys());
    }
  }
}
