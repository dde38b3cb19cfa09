package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Summary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleVerdictTest {
  private static final Path DIR =
      Path.of("results", "trackersimulation-20261123150446734", "perfgate");
  private static final List<Path> FILES =
      List.of(
          DIR.resolve("summary.json"),
          DIR.resolve("junit.xml"),
          DIR.resolve("summary.md"),
          DIR.resolve("index.html"));

  @Test
  void everyLineIsFramedPlainAsciiAndFitsTheWidth() {
    for (Summary report : Reports.all()) {
      String block = ConsoleVerdict.render(report, FILES);
      for (String line : block.split("\n")) {
        assertEquals(ConsoleVerdict.WIDTH, line.length(), "line: " + line);
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7F), "not ASCII: " + line);
        assertTrue(line.startsWith("|") || line.startsWith("+"), line);
      }
    }
    assertTrue(ConsoleVerdict.WIDTH <= 110);
  }

  @Test
  void failingRunShowsVerdictGatesWorstRequestsBottlenecksAndFiles() {
    String block = ConsoleVerdict.render(Reports.failing(), FILES);
    assertTrue(block.contains("| perfgate FAIL   2 of 4 gates breached"), block);
    assertTrue(
        block.matches("(?s).*\\|   global p95 < 500ms +500ms +812ms +acceptable +FAIL +\\|.*"),
        block);
    assertTrue(
        block.matches("(?s).*\\|   global errors < 1% +1% +2\\.154% +poor +FAIL +\\|.*"), block);
    assertTrue(
        block.matches("(?s).*\\|   request health p95 < 25ms +25ms +8ms +target +pass +\\|.*"),
        block);
    assertTrue(block.contains("Slowest requests (measured p95)"), block);
    assertTrue(
        block.matches(
            "(?s).*\\|   triage / clustered-failures +500 +2\\.00% +205ms +790ms +1300ms +\\|.*"),
        block);
    assertTrue(
        block.contains("CRITICAL latency, triage / clustered-failures: p99 is 1300 ms"), block);
    assertTrue(block.contains("immediate: Check the slow query log"), block);
    assertTrue(block.contains("WARNING variance, list-jobs"), block);
    assertFalse(block.contains("Cache hit ratio"), "info findings are not bottlenecks");
    assertTrue(block.contains(DIR.resolve("junit.xml").toString()), block);
    assertTrue(
        block.contains("Gatling report: " + DIR.toAbsolutePath().getParent().resolve("index.html")),
        block);
    assertTrue(block.contains("The first 10 s of the run are warm-up"), block);
  }

  @Test
  void passingRunSaysPass() {
    String block = ConsoleVerdict.render(Reports.passing(), FILES);
    assertTrue(block.contains("| perfgate PASS   all 3 gates held"), block);
    assertFalse(block.contains("Bottlenecks"), "an info finding alone is no bottleneck");
  }

  @Test
  void abortedRunWarns() {
    String block = ConsoleVerdict.render(Reports.aborted(), List.of());
    assertTrue(block.contains("WARNING: The run was aborted: Too many errors"), block);
    assertTrue(block.contains("not measured"), block);
    assertTrue(block.contains("Files: none written."), block);
  }

  @Test
  void longTextWrapsInsideTheFrameAndUnicodeBecomesAscii() {
    Path deep = Path.of("/very/long/" + "directory-name/".repeat(12) + "summary.json");
    String block = ConsoleVerdict.render(Reports.oddNames(), List.of(deep));
    assertTrue(block.contains("cafe ??"), block);
    String joined = block.replaceAll(" *\\|\n\\| *", "");
    assertTrue(joined.contains(deep.toString()), "the path is all there, wrapped");
  }

  @Test
  void gatesWithoutEnoughDataReadNotJudgedWithTheirNote() {
    String block = ConsoleVerdict.render(Reports.notJudged(), FILES);
    assertTrue(
        block.contains("| perfgate FAIL   1 of 5 gates breached, 3 not judged (not enough data)"),
        block);
    assertTrue(
        block.contains(
            "| WARNING: 3 gates were not judged (not enough data): they neither pass nor fail the"),
        block);
    assertTrue(
        block.matches(
            "(?s).*\\|   request health p99 < 100ms +100ms +112ms +- +not judged +\\|\n"
                + "\\|       not enough data: 25 requests, p99 needs 1,000 +\\|.*"),
        block);
    assertTrue(
        block.contains("|       p95 +12 % [+8 %, +16 %] against the last 3 runs: regression,"),
        block);
    // Advice three requests share is printed once, naming them.
    assertEquals(1, block.split("Read the target's logs for", -1).length - 1, block);
  }
}
