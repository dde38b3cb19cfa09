package io.perfgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  @TempDir Path dir;

  private Path history() {
    return dir.resolve("results").resolve(History.FILE_NAME);
  }

  private static String line(RunRecord r) {
    return HistoryJson.line(r) + "\n";
  }

  @Test
  void aRecordReadsBackAsItWasWritten() throws Exception {
    Summary report = Runs.night(3, "smoke", "staging");
    RunRecord written = Runs.record(report);
    History.append(history(), written);

    History.Read read = History.read(history());

    assertEquals(List.of(written), read.records());
    assertEquals(List.of(), read.warnings());
    RunRecord r = read.records().get(0);
    assertEquals("smoke", r.profile());
    assertEquals("staging", r.environment());
    assertEquals(Optional.of("0123456789abcdef0123456789abcdef01234567"), r.commit());
    assertEquals(report.measured().p95(), r.measured().p95());
    assertEquals(report.run().id() + "/index.html", r.gatlingReport());
    assertEquals(report.run().id() + "/perfgate/index.html", r.perfgatePage());
    assertEquals(
        List.of("health", "list-jobs", "triage / job-detail", "triage / clustered-failures"),
        r.requests().stream().map(RunRecord.Request::path).toList());
  }

  @Test
  void eachRecordIsOneLineOfJsonWithTheKeyFigures() throws Exception {
    History.append(history(), Runs.record(Runs.night(0, "smoke", "")));
    History.append(history(), Runs.record(Runs.night(1, "smoke", "")));

    String text = Files.readString(history());
    List<String> lines = text.lines().toList();
    assertEquals(2, lines.size());
    assertTrue(text.endsWith("\n"));
    var node = HistoryJson.parse(lines.get(1));
    assertEquals("smoke", node.get("profile").asText());
    assertEquals("PASS", node.get("verdict").asText());
    assertEquals(110, node.get("measured").get("p95").asLong());
    for (String key : List.of("count", "p50", "p95", "p99", "errorPercent", "rps")) {
      assertTrue(node.get("global").has(key), "global." + key);
      assertTrue(node.get("measured").has(key), "measured." + key);
    }
    assertTrue(node.get("requests").get(0).has("path"), "requests[0].path");
    for (String key : List.of("count", "p95", "p99", "errorPercent", "rps")) {
      assertTrue(node.get("requests").get(0).get("measured").has(key), "requests[0]." + key);
    }
  }

  @Test
  void aRunWithoutGatlingReportOrCommitHasEmptyFields() throws Exception {
    Summary merged = Runs.night(0, "load", "");
    merged =
        new Summary(
            new Summary.Run(
                "merged-trackersimulation-1",
                "TrackerSimulation",
                "load",
                "",
                "(2 injectors)",
                Runs.START,
                Runs.START + 1000,
                "3.15.1",
                List.of(),
                true,
                false,
                Optional.empty(),
                0,
                "",
                "",
                List.of(),
                Map.of()),
            merged.global(),
            merged.measured(),
            merged.requests(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            OptionalDouble.empty(),
            Optional.empty(),
            Verdict.FAIL,
            Optional.empty(),
            List.of());
    RunRecord r = RunRecord.of(merged, "merged-trackersimulation-1/", Optional.empty());
    History.append(history(), r);

    RunRecord back = History.read(history()).records().get(0);
    assertEquals("", back.gatlingReport());
    assertEquals("merged-trackersimulation-1/perfgate/index.html", back.perfgatePage());
    assertEquals(Optional.empty(), back.commit());
    assertTrue(back.truncated());
    assertEquals(Verdict.FAIL, back.verdict());
    assertFalse(Files.readString(history()).contains("\"commit\""));
  }

  @Test
  void aMissingFileIsAnEmptyHistory() throws Exception {
    History.Read read = History.read(dir.resolve("nowhere").resolve(History.FILE_NAME));

    assertEquals(List.of(), read.records());
    assertEquals(List.of(), read.warnings());
    assertFalse(Files.exists(dir.resolve("nowhere")), "reading creates nothing");
  }

  @Test
  void damagedLinesAreSkippedWithAWarningNamingTheirLine() throws Exception {
    RunRecord a = Runs.record(Runs.night(0, "smoke", ""));
    RunRecord b = Runs.record(Runs.night(1, "smoke", ""));
    RunRecord c = Runs.record(Runs.night(2, "smoke", ""));
    RunRecord d = Runs.record(Runs.night(3, "smoke", ""));
    String full = HistoryJson.line(b);
    List<byte[]> lines = new ArrayList<>();
    lines.add(line(a).getBytes(StandardCharsets.UTF_8)); // 1
    lines.add((full.substring(0, full.length() / 2) + "\n").getBytes(StandardCharsets.UTF_8)); // 2
    lines.add("this is not json at all\n".getBytes(StandardCharsets.UTF_8)); // 3
    lines.add("{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8)); // 4
    lines.add(line(c).getBytes(StandardCharsets.UTF_8)); // 5
    lines.add("[1, 2, 3]\n".getBytes(StandardCharsets.UTF_8)); // 6
    lines.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'}); // 7
    lines.add("\n".getBytes(StandardCharsets.UTF_8)); // 8: blank, ignored
    lines.add(
        (HistoryJson.line(c).replace("\"verdict\":\"WARN\"", "\"verdict\":\"MAYBE\"") + "\n")
            .getBytes(StandardCharsets.UTF_8)); // 9
    lines.add((line(a).strip() + line(c)).getBytes(StandardCharsets.UTF_8)); // 10: two on one line
    lines.add(
        (HistoryJson.line(a)
                    .replace(
                        "\"schemaVersion\":" + RunRecord.SCHEMA_VERSION, "\"schemaVersion\":99")
                + "\n")
            .getBytes(StandardCharsets.UTF_8)); // 11
    lines.add(line(d).getBytes(StandardCharsets.UTF_8)); // 12
    write(lines);

    History.Read read = History.read(history());

    assertEquals(List.of(a, c, d), read.records());
    List<String> w = read.warnings();
    assertEquals(8, w.size(), String.join("\n", w));
    int[] damaged = {2, 3, 4, 6, 7, 9, 10, 11};
    for (int i = 0; i < damaged.length; i++) {
      assertTrue(
          w.get(i).startsWith(history() + " line " + damaged[i] + " "),
          "warning " + i + ": " + w.get(i));
      assertTrue(w.get(i).endsWith("The line was skipped."), w.get(i));
    }
    assertTrue(w.get(0).contains("is not valid JSON"), w.get(0));
    assertTrue(w.get(2).contains("is not a perfgate run record"), w.get(2));
    assertTrue(w.get(5).contains("MAYBE"), w.get(5));
    assertTrue(w.get(7).contains("schemaVersion 99"), w.get(7));
  }

  @Test
  void anAppendAfterAnUnfinishedLastLineStartsANewLine() throws Exception {
    RunRecord a = Runs.record(Runs.night(0, "smoke", ""));
    RunRecord b = Runs.record(Runs.night(1, "smoke", ""));
    RunRecord c = Runs.record(Runs.night(2, "smoke", ""));
    String cut = HistoryJson.line(b);
    write(
        List.of(
            line(a).getBytes(StandardCharsets.UTF_8),
            cut.substring(0, cut.length() - 7).getBytes(StandardCharsets.UTF_8)));

    History.append(history(), c);

    History.Read read = History.read(history());
    assertEquals(List.of(a, c), read.records());
    assertEquals(1, read.warnings().size());
    assertTrue(
        read.warnings().get(0).contains(" line 2 is not valid JSON"), read.warnings().get(0));
    assertEquals(3, Files.readString(history()).lines().count());
  }

  @Test
  void anUnfinishedLastLineIsReportedAsACutWrite() throws Exception {
    String cut = HistoryJson.line(Runs.record(Runs.night(0, "smoke", "")));
    write(List.of(cut.substring(0, 40).getBytes(StandardCharsets.UTF_8)));

    History.Read read = History.read(history());

    assertEquals(List.of(), read.records());
    assertTrue(read.warnings().get(0).contains("no line break (a write cut short?)"));
  }

  @Test
  void appendingCreatesTheFolderAndTheFile() throws Exception {
    Path deep = dir.resolve("a").resolve("b").resolve(History.FILE_NAME);
    History.append(deep, Runs.record(Runs.night(0, "smoke", "")));
    assertEquals(1, History.read(deep).records().size());
  }

  @Test
  void theCommitComesFromTheCiVariableFirst() {
    String sha = "89abcdef0123456789abcdef0123456789abcdef";
    assertEquals(Optional.of(sha), Commit.detect(Map.of("GIT_COMMIT", " " + sha + "\n"), dir));
    assertEquals(Optional.of(sha), Commit.detect(Map.of("GITHUB_SHA", sha), dir));
  }

  @Test
  void noCommitOutsideARepositoryAndNoGuessFromNonsense() {
    // A temporary folder is in no repository: git answers with an error, and the commit is unknown.
    assertEquals(Optional.empty(), Commit.detect(Map.of("GIT_COMMIT", "not a commit"), dir));
  }

  private void write(List<byte[]> lines) throws Exception {
    Files.createDirectories(history().getParent());
    try (var out = Files.newOutputStream(history())) {
      for (byte[] l : lines) {
        out.write(l);
      }
    }
  }
}
