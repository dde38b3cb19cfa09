package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.testing.NothingOutsideResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preflight in real Gatling JVMs started under a low open-file limit (ulimit -n 256, as a small CI
 * container may have): a plan beyond it is refused before a single request, and one within it runs.
 */
@ExtendWith(NothingOutsideResults.class)
class InjectorLimitsTest {
  static final int OPEN_FILES = 256;
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static CountingTarget target;

  @BeforeAll
  static void startTarget() throws Exception {
    target = CountingTarget.http();
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @BeforeEach
  void resetCount() {
    target.resetCount();
  }

  /** The Gatling JVM's command, started by bash with ulimit -n {@code openFiles}. */
  static List<String> underOpenFileLimit(int openFiles, List<String> command) {
    List<String> cmd =
        new ArrayList<>(
            List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", "bash"));
    cmd.addAll(command);
    return cmd;
  }

  static Map<String, String> props(String baseUrl, String... extra) {
    Map<String, String> p = new java.util.HashMap<>();
    p.put("perfgate.config", "src/test/resources/it/limits.conf");
    p.put("scenario", "limits");
    p.put("target.baseUrl", baseUrl);
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  @Test
  void aPlanBeyondTheOpenFileLimitIsRefusedBeforeAnyRequest(@TempDir Path results)
      throws Exception {
    var run =
        GatlingProcess.exec(
            underOpenFileLimit(
                OPEN_FILES,
                GatlingProcess.command(
                    GatlingProcess.CONFIGURED, props(target.url(), "users", "1000"), results)),
            results,
            LIMIT);

    System.out.println(run.output());
    assertEquals(3, run.exitCode(), run.output());
    assertEquals(0, target.requests(), "no request was sent");
    String console = run.output().replaceAll("\\s+", " ");
    assertTrue(
        console.contains("This injector cannot hold the plan: it needs about 1000 users at once"),
        run.output());
    assertTrue(console.contains("its open-file limit (ulimit -n) is " + OPEN_FILES), run.output());
    assertTrue(console.contains("-Dinjector.count="), run.output());
    assertTrue(console.contains("No load was sent."), run.output());
    assertFalse(console.contains("Exception"), "one paragraph, no stack trace:\n" + run.output());
  }

  @Test
  void aPlanWithinTheLimitRunsAndThePlanSaysWhatItNeeds(@TempDir Path results) throws Exception {
    var run =
        GatlingProcess.exec(
            underOpenFileLimit(
                OPEN_FILES,
                GatlingProcess.command(
                    GatlingProcess.CONFIGURED, props(target.url(), "users", "10"), results)),
            results,
            LIMIT);

    System.out.println(run.output());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(target.requests() > 0, "the run sent its load");
    assertTrue(
        run.output().contains("injector preflight: the plan holds about 10 users at once"),
        run.output());
    assertTrue(
        run.output()
            .matches(
                "(?s).*open files: +\\d+ needed \\(\\d+ open now, one per user\\) of "
                    + OPEN_FILES
                    + " \\(ulimit -n\\): ok.*"),
        run.output());
  }
}
