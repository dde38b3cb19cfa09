package io.perfgate.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.perfgate.ci.JenkinsfileModel.Call;
import io.perfgate.testing.DesignProfiles;
import io.perfgate.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jenkinsfile, parsed by Groovy's own parser to an AST (never run): valid Groovy, the
 * declarative structure the nightly needs, and shell steps that only call scripts in src/ci/.
 */
class JenkinsfileTest {
  static final Path JENKINSFILE = Path.of("Jenkinsfile");
  static final Path CI = Path.of("src", "ci");
  static final List<String> STAGES =
      List.of("Unit tests", "Load test", "Load test on injectors", "Merge", "Analyse");

  static JenkinsfileModel jenkinsfile;
  static Call pipeline;

  @BeforeAll
  static void parse() throws IOException {
    jenkinsfile = JenkinsfileModel.parse(JENKINSFILE);
    pipeline = jenkinsfile.pipeline();
  }

  @Test
  void runsEveryNightOnAGatlingAgent() {
    Call cron = pipeline.child("triggers").child("cron");
    assertEquals("H 2 * * *", cron.arg());
    Call agent = pipeline.child("agent");
    assertEquals("gatling", agent.child("label").arg());
  }

  @Test
  void hasTheFiveParametersWithTheirTypes() {
    List<Call> params = pipeline.child("parameters").body();
    assertEquals(
        List.of("SCENARIO", "TARGET_URL", "ENV", "INJECTORS", "FAIL_ON"),
        params.stream().map(p -> p.named("name")).toList());
    Map<String, Call> byName =
        params.stream().collect(Collectors.toMap(p -> p.named("name"), p -> p));

    Call scenario = byName.get("SCENARIO");
    assertEquals("choice", scenario.name());
    List<String> profiles = choices(scenario);
    assertEquals("load", profiles.get(0), "the nightly's default profile comes first");
    assertEquals(
        profilesOfReferenceConf(),
        new TreeSet<>(profiles),
        "SCENARIO offers exactly the profiles of reference.conf");
    assertEquals(Set.copyOf(DesignProfiles.NAMES), new TreeSet<>(profiles));

    Call target = byName.get("TARGET_URL");
    assertEquals("string", target.name());
    assertEquals("", target.named("defaultValue"), "empty = the embedded demo service");

    Call env = byName.get("ENV");
    assertEquals("choice", env.name());
    assertEquals(List.of("none", "local", "staging", "production"), choices(env));
    for (String overlay : List.of("local", "staging", "production")) {
      assertTrue(
          Files.isRegularFile(Path.of("resources", "env", overlay + ".conf")),
          "ENV " + overlay + " has its overlay");
    }

    Call injectors = byName.get("INJECTORS");
    assertEquals("string", injectors.name());
    assertEquals("1", injectors.named("defaultValue"));

    Call failOn = byName.get("FAIL_ON");
    assertEquals("choice", failOn.name());
    assertEquals(List.of("sla", "regression", "never"), choices(failOn));

    for (Call p : params) {
      assertNotNull(p.named("description"), p.named("name") + " has a description");
    }
  }

  @Test
  void hasTheOptions() {
    Call options = pipeline.child("options");
    Call timeout = options.child("timeout");
    assertEquals("HOURS", timeout.named("unit"));
    int hours = (Integer) timeout.literal("time");
    assertTrue(
        hours >= 3 && hours <= 24, "room for soak (2 h) and the rest, not forever: " + hours);

    Call rotator = options.child("buildDiscarder").argCall();
    assertEquals("logRotator", rotator.name());
    assertFalse(rotator.named().isEmpty(), "logRotator keeps a bounded number of builds");

    options.child("timestamps");
    options.child("disableConcurrentBuilds");
  }

  @Test
  void stagesRunInOrder() {
    List<Call> stages = pipeline.child("stages").children("stage");
    assertEquals(STAGES, stages.stream().map(Call::arg).toList());

    assertEquals(List.of("src/ci/unit-tests.sh"), shScripts(stage("Unit tests")));
    assertEquals(
        List.of("src/ci/prepare.sh", "src/ci/load-test.sh"), shScripts(stage("Load test")));
    assertEquals(List.of("src/ci/merge.sh"), shScripts(stage("Merge")));
    assertEquals(
        List.of("src/ci/analyse.sh", "src/ci/gate-status.sh"), shScripts(stage("Analyse")));
  }

  @Test
  void aBreachedGateDoesNotStopTheBuildBeforeTheAnalysis() {
    for (String stage : List.of("Load test", "Merge")) {
      for (Call sh : jenkinsfile.reachable(stage(stage), "sh")) {
        if (sh.shScript().endsWith("/load-test.sh") || sh.shScript().endsWith("/merge.sh")) {
          assertEquals(
              Boolean.TRUE,
              sh.literal("returnStatus"),
              stage + ": exit 2 must not fail the step, line " + sh.line());
        }
      }
    }
  }

  @Test
  void theAnalysisSetsTheBuildResultFromGateStatus() {
    List<Call> calls = jenkinsfile.reachable(stage("Analyse"));
    Call status =
        calls.stream()
            .filter(c -> c.name().equals("sh") && c.shScript().equals("src/ci/gate-status.sh"))
            .findFirst()
            .orElseThrow();
    assertEquals(Boolean.TRUE, status.literal("returnStdout"));
    Set<String> names = calls.stream().map(Call::name).collect(Collectors.toSet());
    assertTrue(names.contains("error"), "FAILURE: error step");
    assertTrue(names.contains("unstable"), "UNSTABLE: unstable step");
    String analyse = jenkinsfile.text.substring(jenkinsfile.text.indexOf("stage('Analyse')"));
    assertTrue(analyse.contains("'FAILURE'") && analyse.contains("'UNSTABLE'"), analyse);
  }

  @Test
  void publishesEverythingWhateverHappened() {
    Call always = pipeline.child("post").child("always");
    List<Call> calls = jenkinsfile.reachable(always);

    Call archive = only(calls, "archiveArtifacts");
    assertTrue(archive.named("artifacts").contains("results/**"), archive.named("artifacts"));
    assertEquals(Boolean.TRUE, archive.literal("allowEmptyArchive"));

    Call junit = only(calls, "junit");
    assertEquals("results/**/perfgate/junit.xml", junit.named("testResults"));
    assertEquals(Boolean.TRUE, junit.literal("allowEmptyResults"));
    assertEquals(
        Boolean.TRUE,
        junit.literal("skipMarkingBuildUnstable"),
        "FAIL_ON decides the result, not the count of failed gates");

    List<Map<String, String>> html =
        calls.stream()
            .filter(c -> c.name().equals("publishHTML"))
            .map(c -> c.namedMap("target"))
            .toList();
    Map<String, String> run = report(html, "perfgate");
    assertTrue(run.get("reportFiles").contains("perfgate/index.html, index.html"), run.toString());
    assertEquals(
        "run", run.get("reportDir"), "the run of record's folder, read from target/ci/run");
    Map<String, String> trend = report(html, "perfgate trend");
    assertEquals("results/trend", trend.get("reportDir"));
    assertEquals("index.html", trend.get("reportFiles"));
    for (Map<String, String> r : html) {
      assertEquals("true", r.get("allowMissing"), r.toString());
      assertEquals("true", r.get("keepAll"), r.toString());
    }
    assertTrue(
        html.stream().anyMatch(r -> r.get("reportName").contains("Gatling injector")),
        "the injectors' Gatling reports");

    var description = jenkinsfile.assignments(always, "currentBuild.description");
    assertEquals(1, description.size());
    String value = description.get(0).getRightExpression().getText();
    assertTrue(value.contains("readFile") && value.contains("/perfgate/summary.md"), value);
    String runFile =
        jenkinsfile.reachable(always, "readFile").stream()
            .map(Call::arg)
            .filter(a -> a.equals("target/ci/run"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the run of record is read from target/ci/run"));
    assertEquals("target/ci/run", runFile);
  }

  @Test
  void injectorsRunInParallelAndAreMerged() {
    Call onInjectors = stage("Load test on injectors");
    assertTrue(when(onInjectors).contains("injectorCount() > 1"), when(onInjectors));
    assertTrue(when(stage("Merge")).contains("injectorCount() > 1"));
    assertTrue(when(stage("Load test")).contains("injectorCount() == 1"));

    List<Call> calls = jenkinsfile.reachable(onInjectors);
    List<String> order = calls.stream().map(Call::name).toList();
    assertTrue(order.contains("parallel"), order.toString());
    Call node = only(calls, "node");
    assertEquals("gatling", node.arg(), "each shard on its own agent labelled gatling");
    assertTrue(jenkinsfile.reachable(node, "checkout").size() == 1, "each shard checks out");
    Call withEnv = only(calls, "withEnv");
    assertTrue(withEnv.arg().contains("INJECTOR_INDEX="), withEnv.arg());
    assertEquals(
        List.of("src/ci/prepare.sh", "src/ci/prepare.sh", "src/ci/load-test.sh"),
        shScripts(onInjectors),
        "the coordinator prepares, then each shard prepares its workspace and runs its share");
    Call stash = only(calls, "stash");
    assertTrue(stash.named("name").contains("shard-$index"), stash.named("name"));
    assertTrue(stash.named("includes").contains("target/shards/shard-$index/**"));
    Call shardStage = only(calls.subList(1, calls.size()), "stage");
    assertTrue(shardStage.arg().contains("Injector $index"), "one stage per injector");

    List<Call> merge = jenkinsfile.reachable(stage("Merge"));
    Call unstash = only(merge, "unstash");
    assertTrue(unstash.arg().contains("shard-$i"), unstash.arg());
    assertTrue(
        order(merge, "unstash") < order(merge, "sh"), "the shards are unstashed before merge.sh");
  }

  @Test
  void theShardScriptSplitsTheLoadWithPerfgatesInjectorSettings() throws IOException {
    String loadTest = Files.readString(CI.resolve("load-test.sh"));
    assertTrue(loadTest.contains("\"-Dinjector.count=$injectors\""), loadTest);
    assertTrue(loadTest.contains("\"-Dinjector.index=$index\""), loadTest);
    String merge = Files.readString(CI.resolve("merge.sh"));
    assertTrue(merge.contains("cli=\"merge "), merge);
  }

  /** Every sh step calls one script in src/ci/, which exists and is executable. */
  @Test
  void everyShellStepCallsAnExecutableScriptInSrcCi() throws IOException {
    List<Call> steps = jenkinsfile.allCalls("sh");
    assertTrue(steps.size() >= 7, "sh steps: " + steps.size());
    Set<String> used = new LinkedHashSet<>();
    for (Call sh : steps) {
      assertTrue(sh.shHasLiteralScript(), "line " + sh.line() + ": a plain string, no ${...}");
      String script = sh.shScript();
      assertTrue(
          script.matches("src/ci/[a-z0-9-]+\\.sh"),
          "line " + sh.line() + ": only a script of src/ci/, without arguments: " + script);
      Path file = Path.of(script);
      assertTrue(Files.isRegularFile(file), script + " exists");
      assertTrue(Files.isExecutable(file), script + " is executable");
      used.add(script);
    }
    // And every script the Jenkinsfile could call is one of those steps (lib.sh is sourced).
    try (Stream<Path> s = Files.list(CI)) {
      Set<String> scripts =
          s.map(p -> "src/ci/" + p.getFileName())
              .filter(p -> p.endsWith(".sh") && !p.endsWith("/lib.sh"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(scripts, new TreeSet<>(used));
    }
  }

  /** The scripts' common contract: bash, strict mode, exit statuses documented at the top. */
  @Test
  void everyScriptIsStrictBashWithItsExitStatusesDocumented() throws IOException {
    try (Stream<Path> s = Files.list(CI)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".sh")).toList()) {
        String text = Files.readString(p);
        if (p.endsWith("lib.sh")) {
          assertFalse(Files.isExecutable(p), "lib.sh is sourced, not run");
          continue;
        }
        assertTrue(text.startsWith("#!/usr/bin/env bash\n"), p + ": bash");
        assertTrue(text.contains("\nset -euo pipefail\n"), p + ": set -euo pipefail");
        String header = text.substring(0, text.indexOf("\nset -euo pipefail"));
        assertTrue(header.contains("# Exit status"), p + ": exit statuses at the top");
        assertTrue(text.contains("source \"$(dirname \"$0\")/lib.sh\""), p + ": uses lib.sh");
      }
    }
  }

  /** shellcheck, which .ci/run installs: skipped on a machine without it, failed on CI. */
  @Test
  void scriptsPassShellcheck() throws Exception {
    Path shellcheck =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .map(d -> Path.of(d, "shellcheck"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    RequiredTool.require(shellcheck != null, "shellcheck (apt-get install shellcheck)");
    List<String> cmd =
        new ArrayList<>(List.of(shellcheck.toString(), "-x", "-P", "SCRIPTDIR/../.."));
    try (Stream<Path> s = Files.list(CI)) {
      s.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> cmd.add(p.toString()));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "shellcheck ends");
    assertEquals(0, p.exitValue(), out);
  }

  private static Call stage(String name) {
    return pipeline.child("stages").children("stage").stream()
        .filter(s -> s.arg().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage '" + name + "'"));
  }

  private static String when(Call stage) {
    return stage.child("when").child("expression").closure().getCode().getText();
  }

  private static List<String> shScripts(Call block) {
    return jenkinsfile.reachable(block, "sh").stream().map(Call::shScript).toList();
  }

  private static List<String> choices(Call choice) {
    ListExpression list = (ListExpression) choice.named().get("choices");
    List<String> out = new ArrayList<>();
    list.getExpressions().forEach(e -> out.add(Call.text(e)));
    return out;
  }

  private static Call only(List<Call> calls, String name) {
    List<Call> found = calls.stream().filter(c -> c.name().equals(name)).toList();
    assertEquals(1, found.size(), "one " + name + " step: " + found.size());
    return found.get(0);
  }

  private static int order(List<Call> calls, String name) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no " + name);
  }

  private static Map<String, String> report(List<Map<String, String>> reports, String name) {
    return reports.stream()
        .filter(r -> name.equals(r.get("reportName")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no publishHTML '" + name + "' in " + reports));
  }

  private static Set<String> profilesOfReferenceConf() {
    return new TreeSet<>(
        ConfigFactory.parseFile(Path.of("src/main/resources/reference.conf").toFile())
            .getObject("profiles")
            .keySet());
  }
}
