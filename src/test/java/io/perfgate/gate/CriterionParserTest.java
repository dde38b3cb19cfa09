package io.perfgate.gate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CriterionParserTest {

  @ParameterizedTest(name = "\"{0}\" is {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p95 < 500ms      | P95    | LT  | 500",
        "p50 < 200ms      | P50    | LT  | 200",
        "p75 <= 1s        | P75    | LTE | 1000",
        "p99 < 2s         | P99    | LT  | 2000",
        "p99.9 <= 2s      | P999   | LTE | 2000",
        "p999 < 2s        | P999   | LT  | 2000",
        "max < 5s         | MAX    | LT  | 5000",
        "mean < 300ms     | MEAN   | LT  | 300",
        "p95 < 1m         | P95    | LT  | 60000",
        "p95 < 1.5s       | P95    | LT  | 1500",
        "errors < 1%      | ERRORS | LT  | 1",
        "errors <= 0.5%   | ERRORS | LTE | 0.5",
        "errors < 0%      | ERRORS | LT  | 0",
        "rps > 100        | RPS    | GT  | 100",
        "rps >= 12.5/s    | RPS    | GTE | 12.5",
        "rps > 100rps     | RPS    | GT  | 100",
        "rps < 1000       | RPS    | LT  | 1000",
      })
  void readsGatesAsPeopleWriteThem(String text, Metric metric, Comparison op, double threshold) {
    assertEquals(new Criterion(metric, op, threshold), CriterionParser.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" reads as p95 < 500ms")
  @ValueSource(
      strings = {
        "p95<500ms",
        "p95 <500ms",
        "p95< 500ms",
        "  p95 < 500ms  ",
        "p95\t<\t500ms",
        "p95 < 500 ms",
        "P95 < 500MS"
      })
  void whitespaceAndCaseDoNotMatter(String text) {
    assertEquals(new Criterion(Metric.P95, Comparison.LT, 500), CriterionParser.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" reads as errors <= 0.5%")
  @ValueSource(strings = {"errors<=0.5%", "errors <= 0.5 %", " errors   <=   0.5% "})
  void whitespaceAroundErrorGatesDoesNotMatter(String text) {
    assertEquals(new Criterion(Metric.ERRORS, Comparison.LTE, 0.5), CriterionParser.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" prints and reads back the same")
  @ValueSource(
      strings = {
        "p95 < 500ms",
        "p99.9 <= 2000ms",
        "max < 5000ms",
        "mean < 300ms",
        "errors < 1%",
        "errors <= 0.5%",
        "rps > 100/s",
        "rps >= 12.5/s"
      })
  void printedFormIsTheCanonicalInput(String text) {
    Criterion c = CriterionParser.parse(text);
    assertEquals(text, c.toString());
    assertEquals(c, CriterionParser.parse(c.toString()));
  }

  @Test
  void p999IsTheSameMetricAsP99Point9() {
    assertEquals(CriterionParser.parse("p99.9 < 2s"), CriterionParser.parse("p999 < 2s"));
  }

  @Test
  void upperBoundsHoldStrictlyOrInclusively() {
    Criterion lt = CriterionParser.parse("p95 < 500ms");
    Criterion lte = CriterionParser.parse("p95 <= 500ms");
    assertAll(
        () -> assertTrue(lt.holds(499.9)),
        () -> assertFalse(lt.holds(500)),
        () -> assertTrue(lte.holds(500)),
        () -> assertFalse(lte.holds(500.1)));
  }

  @Test
  void lowerBoundsOnThroughputHoldAboveTheThreshold() {
    Criterion gt = CriterionParser.parse("rps > 100");
    Criterion gte = CriterionParser.parse("rps >= 100");
    assertAll(
        () -> assertTrue(gt.holds(100.1)),
        () -> assertFalse(gt.holds(100)),
        () -> assertTrue(gte.holds(100)),
        () -> assertFalse(gte.holds(99.9)));
  }

  // ---- mistakes ----

  @ParameterizedTest(name = "\"{0}\" names the unknown metric")
  @ValueSource(strings = {"p96 < 1s", "latency < 1s", "p95x < 1s", "error < 1%"})
  void unknownMetricIsNamedAndTheKnownOnesListed(String text) {
    GateSyntaxException e = parseFails(text);
    String metric = text.substring(0, text.indexOf(' '));
    assertTrue(e.getMessage().contains("unknown metric '" + metric + "'"), e.getMessage());
    assertTrue(
        e.allowed().contains("p50, p75, p95, p99, p99.9, max, mean, errors, rps"), e.allowed());
  }

  @ParameterizedTest(name = "\"{0}\": {1} is not {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p95 < 5%       | 5%    | a duration   | 500ms",
        "mean < 1000    | 1000  | a duration   | 500ms",
        "max < -1s      | -1s   | a duration   | 500ms",
        "errors < 5ms   | 5ms   | a percentage | 0% to 100%",
        "errors < 0.01  | 0.01  | a percentage | 0% to 100%",
        "errors < 150%  | 150%  | a percentage | 0% to 100%",
        "rps > fast     | fast  | a rate       | requests per second",
        "rps > 10%      | 10%   | a rate       | requests per second",
        "rps > -5       | -5    | a rate       | requests per second",
      })
  void valueInTheWrongUnitSaysWhatTheMetricTakes(
      String text, String value, String kind, String allowed) {
    GateSyntaxException e = parseFails(text);
    String expected = "'" + value + "' in \"" + text + "\" is not " + kind;
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.allowed().contains(allowed), e.allowed());
  }

  @ParameterizedTest(name = "\"{0}\" points the wrong way")
  @CsvSource(
      delimiter = '|',
      value = {
        "p95 > 500ms  | latency    | < or <= for p95",
        "max >= 5s    | latency    | < or <= for max",
        "p99.9 > 1s   | latency    | < or <= for p99.9",
        "errors > 1%  | error rate | < or <= for errors",
        "errors >= 0% | error rate | < or <= for errors",
      })
  void lowerBoundOnLatencyOrErrorsIsRefused(String text, String what, String allowed) {
    GateSyntaxException e = parseFails(text);
    assertTrue(
        e.getMessage().contains("asks for a " + what + " above a value")
            || e.getMessage().contains("asks for an " + what + " above a value"),
        e.getMessage());
    assertEquals(allowed, e.allowed());
  }

  @ParameterizedTest(name = "\"{0}\" is not a gate")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "p95",
        "p95 <",
        "< 500ms",
        "p95 = 500ms",
        "p95 == 500ms",
        "p95 => 500ms",
        "500ms > p95",
        "the p95 should be fast",
        "p95 < 500ms and errors < 1%"
      })
  void garbageIsRefusedWithTheExpectedForm(String text) {
    GateSyntaxException e = parseFails(text);
    assertFalse(e.getMessage().isBlank());
    assertTrue(
        e.allowed().contains("p95 < 500ms") || e.allowed().contains("500ms"),
        () -> "allowed: " + e.allowed());
  }

  @Test
  void shapelessTextGetsTheFullFormAndMetrics() {
    GateSyntaxException e = parseFails("p95 = 500ms");
    assertEquals("\"p95 = 500ms\" is not a gate", e.getMessage());
    assertEquals(CriterionParser.FORM, e.allowed());
    assertTrue(CriterionParser.FORM.contains("ops: <, <=, >, >="));
    assertTrue(CriterionParser.FORM.contains("p99.9"));
  }

  @Test
  void messagesAreOneLine() {
    for (String text : new String[] {"p96 < 1s", "p95 < 5%", "p95 > 1s", "rps > fast", "x"}) {
      GateSyntaxException e = parseFails(text);
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertFalse(e.allowed().contains("\n"), e.allowed());
    }
  }

  private static GateSyntaxException parseFails(String text) {
    return assertThrows(
        GateSyntaxException.class,
        () -> CriterionParser.parse(text),
        () -> "\"" + text + "\" was accepted");
  }
}
