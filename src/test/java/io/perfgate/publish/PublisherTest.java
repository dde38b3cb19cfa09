package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.Gate;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  private static final List<String> FILES =
      List.of("summary.json", "junit.xml", "summary.md", "index.html");

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A report the formats choke on half-way: a gate whose actual value is null, not empty. */
  private static Summary broken() {
    Summary f = Reports.failing();
    GateResult bad =
        new GateResult(
            "global p95 < 1ms",
            Gate.Kind.SLA,
            "global",
            "p95 < 1ms",
            1,
            null,
            "ms",
            false,
            Optional.empty(),
            "x");
    List<GateResult> gates = new java.util.ArrayList<>(f.gates());
    gates.add(bad);
    return new Summary(
        f.run(),
        f.global(),
        f.measured(),
        f.requests(),
        f.groups(),
        f.phases(),
        f.perSecond(),
        f.errors(),
        f.explanations(),
        gates,
        f.findings(),
        f.apdex(),
        f.baseline(),
        f.verdict(),
        f.capacity(),
        f.resources());
  }

  @Test
  void writesTheFourFilesIntoTheFolderItCreates(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("results/run-1/perfgate");
    List<Path> written = Publisher.publish(Reports.failing(), dir);
    assertEquals(FILES.stream().map(dir::resolve).toList(), written);
    assertEquals(FILES.stream().sorted().toList(), names(dir), "no temporary file is left");
    assertEquals("FAIL", SummaryCodec.read(dir.resolve("summary.json")).verdict().name());
    assertTrue(Files.readString(dir.resolve("junit.xml")).contains("SLA breach"));
    assertTrue(Files.readString(dir.resolve("summary.md")).startsWith("## perfgate FAIL"));
    RunPageTest.parse(Files.readString(dir.resolve("index.html")));
  }

  @Test
  void publishingAgainReplacesEveryFile(@TempDir Path dir) throws IOException {
    Publisher.publish(Reports.failing(), dir);
    Publisher.publish(Reports.passing(), dir);
    assertEquals("PASS", SummaryCodec.read(dir.resolve("summary.json")).verdict().name());
    assertEquals(FILES.stream().sorted().toList(), names(dir));
  }

  @Test
  void aFailureMidWayKeepsThePreviousFilesWholeAndLeavesNoTemporaryFile(@TempDir Path dir)
      throws IOException {
    Publisher.publish(Reports.passing(), dir);
    Map<String, String> before = new HashMap<>();
    for (String name : FILES) {
      before.put(name, Files.readString(dir.resolve(name)));
    }
    PublishException e =
        assertThrows(PublishException.class, () -> Publisher.publish(broken(), dir));
    // summary.json says "not measured" (null) for the gate; the formats for people choke on it.
    assertTrue(
        e.getMessage().startsWith("perfgate could not write junit.xml, summary.md"),
        e.getMessage());
    assertEquals(List.of(dir.resolve("summary.json")), e.written());
    assertEquals(FILES.size() - 1, e.getSuppressed().length);
    for (String name : FILES.subList(1, FILES.size())) {
      assertEquals(before.get(name), Files.readString(dir.resolve(name)), name + " was kept");
    }
    assertEquals(FILES.stream().sorted().toList(), names(dir), "no temporary file is left");
  }
}
