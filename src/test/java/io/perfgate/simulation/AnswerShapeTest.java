package io.perfgate.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** How perfgate tells an answer that is not JSON, and shows its first bytes. */
class AnswerShapeTest {
  private static boolean json(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return Requests.looksLikeJson(b, b.length);
  }

  @Test
  void jsonStartsWithAValueAfterBlanksAndAByteOrderMark() {
    assertTrue(json("{\"status\":\"ok\"}"));
    assertTrue(json("  \n[1, 2]"));
    assertTrue(json("\uFEFF{\"a\":1}"));
    assertTrue(json("\"text\""));
    assertTrue(json("-1.5"));
    assertTrue(json("null"));
    assertTrue(json("   "), "only blanks: the check says it found nothing");
    assertFalse(json("<!DOCTYPE html><html>"));
    assertFalse(json("Service Unavailable"));
    assertFalse(json(""));
  }

  @Test
  void theFirstBytesShowOnOneLineInAsciiCut() {
    byte[] page = ("<html>\n  <body>\u0001" + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
    String shown = Requests.shown(page, page.length, UnaryOperator.identity());
    assertEquals("<html> <body>?" + "x".repeat(46) + "...", shown);
    byte[] latin1 = {(byte) 'a', (byte) 0xE9, (byte) 'b'};
    assertEquals("a?b", Requests.shown(latin1, 3, UnaryOperator.identity()));
  }

  @Test
  void aSecretAcrossTheCutIsMaskedWhole() {
    String secret = "s3cret-t0ken-value-that-runs-past-the-cut";
    byte[] page = ("<html>" + "y".repeat(40) + secret + "</html>").getBytes(StandardCharsets.UTF_8);
    String shown = Requests.shown(page, page.length, t -> t.replace(secret, "***"));
    assertEquals("<html>" + "y".repeat(40) + "***</html>", shown);
    assertFalse(shown.contains("s3cret"), shown);
  }

  @Test
  void onlyExpectedStatusesAreJudgedOnTheirBody() {
    assertTrue(Requests.expectedStatus(200, Set.of()));
    assertTrue(Requests.expectedStatus(304, Set.of()));
    assertFalse(Requests.expectedStatus(503, Set.of()));
    assertTrue(Requests.expectedStatus(201, Set.of(201)));
    assertFalse(Requests.expectedStatus(200, Set.of(201)));
  }
}
