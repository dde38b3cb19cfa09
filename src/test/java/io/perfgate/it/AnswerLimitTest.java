package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.testing.NothingOutsideResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * target.maxResponseSize in a real run with a small heap (256 MB): answers of 32 MB of zeros,
 * gzip-compressed to 32 KB on the wire, with a JSONPath check on them. With the automatic limit
 * (about 20 MB for 2 users in that heap) every such request fails, unread, with perfgate's message;
 * the run ends on time with its verdict and says why.
 */
@ExtendWith(NothingOutsideResults.class)
class AnswerLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ANSWER = 32L << 20;
  private static final Duration BOUND = Duration.ofSeconds(4 + 5 + 40);

  @Test
  void answersOverTheLimitFailUnreadAndTheRunSaysWhy(@TempDir Path results) throws Exception {
    try (FaultServer target = FaultServer.gzipBomb(ANSWER, 0)) {
      var run =
          GatlingProcess.exec(
              GatlingProcess.command(
                  GatlingProcess.CONFIGURED,
                  List.of("-Xmx256m"),
                  Map.of(
                      "perfgate.config", "src/test/resources/it/bomb.conf",
                      "scenario", "bomb",
                      "target.baseUrl", target.url()),
                  results),
              results,
              BOUND.plusMinutes(1));
      String output = run.output();
      System.out.println(output);

      assertTrue(run.wall().compareTo(BOUND) < 0, "took " + run.wall());
      assertEquals(2, run.exitCode(), output);
      assertFalse(output.contains("OutOfMemoryError"), output);
      assertTrue(target.requests() > 2, "the target answered " + target.requests());
      assertTrue(
          output.matches(
              "(?s).*answers: checks read at most [0-9.]+MB of each \\(target.maxResponseSize ="
                  + " auto: half the 256MB heap the users leave free, shared by 2 users\\).*"),
          output);

      Path dir = run.runDir().orElseThrow();
      assertTrue(Files.isRegularFile(dir.resolve("index.html")), "Gatling's report");
      JsonNode summary = JSON.readTree(dir.resolve("perfgate/summary.json").toFile());
      assertEquals("FAIL", summary.path("verdict").asText());
      assertEquals(
          summary.path("global").path("count").asLong(),
          summary.path("global").path("ko").asLong());
      JsonNode why = summary.path("explanations").path(0);
      assertEquals("answer-too-large", why.path("cause").asText(), summary.toString());
      String text = why.path("text").asText();
      assertTrue(
          text.startsWith(
              "answers of page from 127.0.0.1:"
                  + target.port()
                  + " were larger than target.maxResponseSize ("),
          text);
      assertTrue(text.contains("once decompressed (32MB)"), text);
      assertTrue(
          summary.path("errors").path(0).path("message").asText().contains("the answer of page"),
          summary.path("errors").toString());
      Path junit = dir.resolve("perfgate/junit.xml");
      JunitSchema.validate(junit);
      assertTrue(Files.readString(junit).contains("Why requests failed: answers of page"));
      assertTrue(
          Files.readString(dir.resolve("perfgate/summary.md")).contains("- answers of page"));
      assertTrue(output.replaceAll("[|\\s]+", " ").contains("WHY: answers of page"), output);
    }
  }
}
