package io.perfgate.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.ci.JenkinsfileModel.Call;
import io.perfgate.testing.ProjectCopy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Jenkinsfile's shell steps, run in its order on this machine as Jenkins would run them, in a
 * copy of the project (so that the nested Maven builds never touch this build's target/), against
 * the embedded demo service with a tenth-size smoke profile (PERFGATE_EXTRA_ARGS=-Dscale=0.1). The
 * unit-test stage is skipped: it is this very test run. Then the files the publish steps take are
 * checked, and gate-status.sh's mapping from exit statuses and summaries to build results is
 * checked on small fake summary.json files, for each FAIL_ON.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineStepsTest {
  private static final Duration LIMIT = Duration.ofMinutes(6);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FAIL_ON = List.of("sla", "regression", "never");
  private static final Map<String, String> NIGHT =
      Map.of(
          "SCENARIO", "smoke",
          "TARGET_URL", "",
          "ENV", "none",
          "INJECTORS", "1",
          "FAIL_ON", "sla",
          "PERFGATE_EXTRA_ARGS", "-Dscale=0.1");

  /** The workspace of the build (and of injector 0). */
  @TempDir static Path workspace;

  /** The workspace of injector 1 on another agent. */
  @TempDir static Path injector1;

  @TempDir static Path fakes;

  @BeforeAll
  static void copyProject() throws IOException {
    copyProjectTo(workspace);
  }

  static void copyProjectTo(Path to) throws IOException {
    ProjectCopy.copyTo(to);
  }

  // ---- the Jenkinsfile's steps, on one machine ----

  @Test
  @Order(1)
  void theNightsStepsRunOutsideJenkinsAndLeaveWhatThePublishStepsTake() throws Exception {
    JenkinsfileModel jenkinsfile = JenkinsfileModel.parse(workspace.resolve("Jenkinsfile"));
    List<Call> steps = oneMachineSteps(jenkinsfile);
    assertEquals(
        List.of(
            "src/ci/prepare.sh",
            "src/ci/load-test.sh",
            "src/ci/analyse.sh",
            "src/ci/gate-status.sh"),
        steps.stream().map(Call::shScript).toList());

    String buildResult = null;
    Integer loadTestStatus = null;
    for (Call step : steps) {
      Result r = script(workspace, step.shScript(), NIGHT);
      if (Boolean.TRUE.equals(step.literal("returnStatus"))) {
        loadTestStatus = r.exit();
      } else {
        assertEquals(0, r.exit(), step.shScript() + " fails the build:\n" + r);
        if (Boolean.TRUE.equals(step.literal("returnStdout"))) {
          buildResult = r.stdout().trim();
        }
      }
    }

    // How the load test ended, as recorded for the next steps.
    String recorded = Files.readString(workspace.resolve("target/ci/status")).trim();
    assertEquals(String.valueOf(loadTestStatus), recorded);
    assertTrue(loadTestStatus == 0 || loadTestStatus == 2, "a run that broke: " + loadTestStatus);

    // The files the publish steps take.
    String run = Files.readString(workspace.resolve("target/ci/run")).trim();
    assertTrue(run.matches("results/trackersimulation-\\d+"), run);
    Path dir = workspace.resolve(run);
    for (String f :
        List.of(
            "index.html",
            "simulation.log",
            "perfgate/summary.json",
            "perfgate/summary.md",
            "perfgate/junit.xml",
            "perfgate/index.html")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), run + "/" + f);
    }
    assertEquals(
        List.of(run + "/perfgate/junit.xml"),
        matching(workspace, "results/**/perfgate/junit.xml"),
        "the junit step takes the run of record, nothing else");
    assertTrue(Files.readString(dir.resolve("perfgate/summary.md")).contains("smoke"));

    // The build result agrees with the run's exit status and its summary, for every FAIL_ON.
    JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
    long failed = failedGates(summary, false) + failedGates(summary, true);
    assertEquals(failed > 0, loadTestStatus == 2, "exit 2 exactly when a gate is breached");
    assertEquals(expected("sla", loadTestStatus, summary), buildResult);
    for (String failOn : List.of("regression", "never")) {
      Map<String, String> env = new HashMap<>(NIGHT);
      env.put("FAIL_ON", failOn);
      assertEquals(
          expected(failOn, loadTestStatus, summary),
          script(workspace, "src/ci/gate-status.sh", env).stdout().trim(),
          failOn);
    }
  }

  /** What gate-status.sh must answer for a run that was judged (status 0 or 2). */
  private static String expected(String failOn, int status, JsonNode summary) {
    long sla = failedGates(summary, false);
    long regression = failedGates(summary, true);
    if (summary.path("global").path("ok").asLong() == 0) {
      return "FAILURE";
    }
    if (sla + regression == 0) {
      return status == 0 ? "SUCCESS" : "FAILURE";
    }
    return switch (failOn) {
      case "sla" -> "FAILURE";
      case "regression" -> regression > 0 ? "FAILURE" : "UNSTABLE";
      default -> "UNSTABLE";
    };
  }

  private static long failedGates(JsonNode summary, boolean regression) {
    long n = 0;
    for (JsonNode g : summary.path("gates")) {
      if (!g.path("passed").asBoolean()
          && g.path("origin").asText().startsWith("baseline ") == regression) {
        n++;
      }
    }
    return n;
  }

  /** The sh steps of the stages that run on one machine, without the unit tests. */
  private static List<Call> oneMachineSteps(JenkinsfileModel jenkinsfile) {
    List<Call> steps = new ArrayList<>();
    for (Call stage : jenkinsfile.pipeline().child("stages").children("stage")) {
      if (stage.arg().equals("Unit tests")) {
        continue;
      }
      var when = stage.optionalChild("when");
      if (when.isPresent()
          && when.get().child("expression").closure().getCode().getText().contains("> 1")) {
        continue;
      }
      steps.addAll(jenkinsfile.reachable(stage, "sh"));
    }
    return steps;
  }

  // ---- the next night ----

  @Test
  @Order(2)
  void theNextNightStartsCleanButKeepsBaselinesAndTheTrend() throws Exception {
    Path ws = fakes.resolve("next-night");
    ProjectCopy.copyTree(Path.of("src/ci"), ws.resolve("src/ci"));
    for (String d :
        List.of(
            "results/trackersimulation-1",
            "results/merged-trackersimulation-2",
            "results/baselines/TrackerSimulation",
            "results/trend",
            "target/ci",
            "target/shards/shard-0/run")) {
      Files.createDirectories(ws.resolve(d));
    }
    Files.writeString(ws.resolve("results/trackersimulation-1/simulation.log"), "x");
    Files.writeString(ws.resolve("results/baselines/TrackerSimulation/load-.json"), "{}");
    Files.writeString(ws.resolve("results/trend/index.html"), "<html>");
    Files.writeString(ws.resolve("results/.gitkeep"), "");
    Files.writeString(ws.resolve("target/ci/status"), "2");

    Result r = script(ws, "src/ci/prepare.sh", Map.of());

    assertEquals(0, r.exit(), r.toString());
    assertFalse(Files.exists(ws.resolve("results/trackersimulation-1")));
    assertFalse(Files.exists(ws.resolve("results/merged-trackersimulation-2")));
    assertFalse(Files.exists(ws.resolve("target/ci/status")), "no state of the night before");
    assertFalse(Files.exists(ws.resolve("target/shards")));
    assertTrue(Files.exists(ws.resolve("results/baselines/TrackerSimulation/load-.json")));
    assertTrue(Files.exists(ws.resolve("results/trend/index.html")));
    assertTrue(Files.exists(ws.resolve("results/.gitkeep")));
  }

  // ---- several injectors ----

  /**
   * INJECTORS=2: injector 0 in the build's workspace and injector 1 in another copy (its own agent)
   * run their shares at the same time; the shard folder travels as the stash would; the merge
   * judges the gates on the combined figures.
   */
  @Test
  @Order(3)
  void injectorsRunTheirSharesAndTheMergeJudgesTheWhole() throws Exception {
    copyProjectTo(injector1);
    Map<String, String> env = new HashMap<>(NIGHT);
    env.put("INJECTORS", "2");
    env.put("PERFGATE_EXTRA_ARGS", "-Dscale=0.2"); // 2 users: one for each injector
    assertEquals(0, script(workspace, "src/ci/prepare.sh", env).exit());

    List<CompletableFuture<Result>> shards = new ArrayList<>();
    List<Path> agents = List.of(workspace, injector1);
    for (int i = 0; i < 2; i++) {
      Map<String, String> shardEnv = new HashMap<>(env);
      shardEnv.put("INJECTOR_INDEX", String.valueOf(i));
      Path agent = agents.get(i);
      shards.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Result prepare = script(agent, "src/ci/prepare.sh", shardEnv);
                  assertEquals(0, prepare.exit(), prepare.toString());
                  return script(agent, "src/ci/load-test.sh", shardEnv);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    long requests = 0;
    for (int i = 0; i < 2; i++) {
      Result r = shards.get(i).get(LIMIT.toMinutes() + 1, TimeUnit.MINUTES);
      assertTrue(r.exit() == 0 || r.exit() == 2, "injector " + i + ": " + r);
      assertTrue(r.stdout().contains("injector " + (i + 1) + " of 2"), r.stdout());
      Path shardDir = agents.get(i).resolve("target/shards/shard-" + i);
      String run = Files.readString(shardDir.resolve(".run")).trim();
      assertTrue(run.startsWith("target/shards/shard-" + i + "/trackersimulation-"), run);
      requests +=
          JSON.readTree(agents.get(i).resolve(run).resolve("perfgate/summary.json").toFile())
              .path("global")
              .path("count")
              .asLong();
    }
    // stash 'target/shards/shard-1/**' on injector 1, unstash in the build's workspace
    ProjectCopy.copyTree(
        injector1.resolve("target/shards/shard-1"), workspace.resolve("target/shards/shard-1"));

    Result merge = script(workspace, "src/ci/merge.sh", env);
    assertTrue(merge.exit() == 0 || merge.exit() == 2, merge.toString());
    Result analyse = script(workspace, "src/ci/analyse.sh", env);
    assertEquals(0, analyse.exit(), analyse.toString());
    String result = script(workspace, "src/ci/gate-status.sh", env).stdout().trim();

    String run = Files.readString(workspace.resolve("target/ci/run")).trim();
    assertTrue(run.matches("results/merged-trackersimulation-\\d+"), run);
    for (String f : List.of("summary.json", "summary.md", "junit.xml", "index.html")) {
      assertTrue(Files.isRegularFile(workspace.resolve(run).resolve("perfgate").resolve(f)), f);
    }
    assertEquals(
        List.of(run + "/perfgate/junit.xml"),
        matching(workspace, "results/**/perfgate/junit.xml"),
        "the junit step takes the merged verdict, not the shards' own");
    JsonNode summary =
        JSON.readTree(workspace.resolve(run).resolve("perfgate/summary.json").toFile());
    assertEquals("(2 injectors)", summary.path("run").path("target").asText());
    assertEquals(requests, summary.path("global").path("count").asLong(), "every shard's requests");
    assertEquals(expected("sla", merge.exit(), summary), result);
  }

  // ---- a configuration mistake ----

  @Test
  @Order(4)
  void aRefusedRunFailsTheBuildAsBroken() throws Exception {
    Map<String, String> env = new HashMap<>(NIGHT);
    env.put("SCENARIO", "no-such-profile");
    assertEquals(0, script(workspace, "src/ci/prepare.sh", env).exit());

    Result load = script(workspace, "src/ci/load-test.sh", env);

    assertEquals(3, load.exit(), load.toString());
    assertTrue(load.stdout().contains("there is no profile 'no-such-profile'"), load.stdout());
    Result analyse = script(workspace, "src/ci/analyse.sh", env);
    assertEquals(1, analyse.exit());
    assertTrue(analyse.stderr().contains("refused"), analyse.stderr());
    for (String failOn : FAIL_ON) {
      env.put("FAIL_ON", failOn);
      assertEquals("FAILURE", script(workspace, "src/ci/gate-status.sh", env).stdout().trim());
    }
  }

  @Test
  @Order(5)
  void mistakesInTheParametersAreUsageErrors() throws Exception {
    List<Map<String, String>> wrong =
        List.of(
            Map.of("INJECTORS", "0"),
            Map.of("INJECTORS", "two"),
            Map.of("INJECTORS", "2"),
            Map.of("INJECTORS", "2", "INJECTOR_INDEX", "2"),
            Map.of("TARGET_URL", "staging.example.com"),
            Map.of("SCENARIO", "smoke; rm -rf /"),
            Map.of("ENV", "../etc"));
    for (Map<String, String> w : wrong) {
      Map<String, String> env = new HashMap<>(NIGHT);
      env.putAll(w);
      Result r = script(workspace, "src/ci/load-test.sh", env);
      assertEquals(64, r.exit(), w + ": " + r);
      assertTrue(r.stderr().startsWith("perfgate-ci: "), r.stderr());
    }
    Result merge = script(workspace, "src/ci/merge.sh", NIGHT);
    assertEquals(64, merge.exit(), "merge.sh with INJECTORS=1");
    Map<String, String> env = new HashMap<>(NIGHT);
    env.put("FAIL_ON", "sometimes");
    Result status = script(workspace, "src/ci/gate-status.sh", env, "0");
    assertEquals(64, status.exit());
    assertEquals("", status.stdout(), "nothing a Jenkinsfile could take for a result");
  }

  // ---- gate-status.sh's mapping, on fake summaries ----

  @ParameterizedTest(name = "status {0}, {1}: sla {2}, regression {3}, never {4}")
  @CsvSource({
    "0, pass, SUCCESS, SUCCESS, SUCCESS",
    "0, warn, SUCCESS, SUCCESS, SUCCESS",
    "2, sla, FAILURE, UNSTABLE, UNSTABLE",
    "2, regression, FAILURE, FAILURE, UNSTABLE",
    "2, both, FAILURE, FAILURE, UNSTABLE",
    "2, unjudged, FAILURE, FAILURE, FAILURE",
    "2, target-down, FAILURE, FAILURE, FAILURE",
    "2, truncated, FAILURE, FAILURE, FAILURE",
    "0, missing, FAILURE, FAILURE, FAILURE",
    "0, garbage, FAILURE, FAILURE, FAILURE",
    "1, pass, FAILURE, FAILURE, FAILURE",
    "1, sla, FAILURE, FAILURE, FAILURE",
    "3, missing, FAILURE, FAILURE, FAILURE",
    "64, missing, FAILURE, FAILURE, FAILURE",
    "137, sla, FAILURE, FAILURE, FAILURE",
  })
  void gateStatusMapsHowTheRunEndedToTheBuildResult(
      int status, String summary, String sla, String regression, String never) throws Exception {
    Path file = fakeSummary(summary);
    Map<String, CompletableFuture<Result>> answers = new LinkedHashMap<>();
    for (String failOn : FAIL_ON) {
      answers.put(
          failOn,
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return script(
                      Path.of(""),
                      "src/ci/gate-status.sh",
                      Map.of("FAIL_ON", failOn),
                      String.valueOf(status),
                      file.toString());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    Map<String, String> expected = Map.of("sla", sla, "regression", regression, "never", never);
    for (var a : answers.entrySet()) {
      Result r = a.getValue().get(2, TimeUnit.MINUTES);
      assertEquals(0, r.exit(), r.toString());
      assertEquals(expected.get(a.getKey()), r.stdout().trim(), "FAIL_ON=" + a.getKey() + ": " + r);
      assertTrue(r.stderr().contains("build result " + r.stdout().trim()), r.stderr());
    }
  }

  /** A summary.json as perfgate writes it, reduced to what gate-status.sh reads. */
  private static Path fakeSummary(String kind) throws IOException {
    Path file = fakes.resolve(kind + ".json");
    if (kind.equals("missing")) {
      return file;
    }
    if (kind.equals("garbage")) {
      Files.writeString(file, "{\"schemaVersion\": 1, \"gates\": [");
      return file;
    }
    ObjectNode s = JSON.createObjectNode();
    s.put("schemaVersion", 1);
    ObjectNode run = s.putObject("run");
    run.put("id", "trackersimulation-1");
    run.put("simulation", "TrackerSimulation");
    run.put("scenario", "load");
    run.put("truncated", kind.equals("truncated"));
    ObjectNode global = s.putObject("global");
    global.put("count", 1000);
    global.put("ok", kind.equals("target-down") ? 0 : 990);
    ArrayNode gates = s.putArray("gates");
    gate(gates, "global p95 < 500ms", "resources/perfgate.conf:60", true);
    boolean slaFails = List.of("sla", "both", "target-down", "truncated").contains(kind);
    boolean regressionFails = List.of("regression", "both").contains(kind);
    gate(gates, "global errors < 1%", "target/classes/reference.conf:92", !slaFails);
    gate(
        gates,
        "global p99 <= 212ms",
        "baseline trackersimulation-0 (results/baselines/TrackerSimulation/load-.json)",
        !regressionFails);
    s.put(
        "verdict",
        switch (kind) {
          case "pass" -> "PASS";
          case "warn" -> "WARN";
          default -> "FAIL";
        });
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), s);
    return file;
  }

  private static void gate(ArrayNode gates, String name, String origin, boolean passed) {
    ObjectNode g = gates.addObject();
    g.put("name", name);
    g.put("scope", "global");
    g.put("criterion", name.substring("global ".length()));
    g.put("threshold", "500ms");
    g.put("thresholdValue", 500.0);
    g.put("actual", passed ? 120.0 : 700.0);
    g.put("unit", "ms");
    g.put("passed", passed);
    g.putNull("tier");
    g.put("origin", origin);
  }

  // ---- running scripts ----

  record Result(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
    }

    private static String tail(String s) {
      return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
    }
  }

  /**
   * Runs a script of a project folder as a Jenkins sh step would: from the workspace, with the
   * build's parameters as environment variables, and none of perfgate's own variables from this
   * machine. Bounded in time.
   */
  static Result script(Path project, String script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(project.toAbsolutePath().resolve(script).toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("perfgate-ci", ".out");
    Path err = Files.createTempFile("perfgate-ci", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(project.toAbsolutePath().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> environment = pb.environment();
    for (String k :
        List.of(
            "PERFGATE_TARGET_URL",
            "PERFGATE_SCENARIO",
            "PERFGATE_ENV",
            "PERFGATE_EXTRA_ARGS",
            "PERFGATE_KEEP_RUNS",
            "MVN",
            "SCENARIO",
            "TARGET_URL",
            "ENV",
            "INJECTORS",
            "INJECTOR_INDEX",
            "FAIL_ON",
            "RUN_DIR")) {
      environment.remove(k);
    }
    environment.putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        fail(script + " did not end within " + LIMIT + ":\n" + Files.readString(out));
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The files under a folder that an Ant-style pattern of the Jenkinsfile matches. */
  private static List<String> matching(Path root, String pattern) throws IOException {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> s = Files.walk(root.resolve("results"))) {
      return s.map(root::relativize).filter(m::matches).map(Path::toString).sorted().toList();
    }
  }
}
