package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Explanation;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Second;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The messages below are the ones Gatling 3.15.1 wrote into simulation.log against the fault
 * servers of HostileTargetTest, copied from real runs.
 */
class ExplanationsTest {
  private static final String TARGET = "http://127.0.0.1:4711";

  /** A run in which every request failed. */
  private static final Figures FAILED = new Figures(20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private static List<Explanation> explain(String... messagesAndCounts) {
    List<ErrorCount> errors = new java.util.ArrayList<>();
    for (int i = 0; i < messagesAndCounts.length; i += 2) {
      errors.add(new ErrorCount(messagesAndCounts[i], Long.parseLong(messagesAndCounts[i + 1]), 0));
    }
    return Explanations.explain(errors, TARGET, FAILED, List.of());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused"
            + "|connection-refused|127.0.0.1:4711|connection refused on 127.0.0.1:4711: is the target running?",
        "j.n.UnknownHostException: perfgate-unresolvable.invalid"
            + "|unknown-host|127.0.0.1:4711|the host name 127.0.0.1 cannot be resolved",
        "Request timeout to 127.0.0.1/127.0.0.1:38073 after 2000 ms"
            + "|request-timeout|127.0.0.1:38073|no answer from 127.0.0.1:38073 within the request timeout (2s): the target accepts connections but does not respond",
        "i.g.h.c.i.PrematureCloseException: Premature close"
            + "|connection-closed|127.0.0.1:4711|127.0.0.1:4711 closed or reset connections before a complete answer",
        "j.l.IllegalArgumentException: invalid version format: SPLAT"
            + "|malformed-response|127.0.0.1:4711|127.0.0.1:4711 answers with bytes that are not valid HTTP (\"j.l.IllegalArgumentException: invalid version format: SPLAT\")",
        "status.find.in(200), found 503"
            + "|server-error|127.0.0.1:4711|127.0.0.1:4711 answered with server errors (HTTP 503)",
        "status.find.in(200), found 429"
            + "|rate-limited|127.0.0.1:4711|127.0.0.1:4711 rate-limits perfgate (HTTP 429 Too Many Requests): lower the load or raise the target's limit",
        "status.find.in([200, 209], 304), found 404"
            + "|client-error|127.0.0.1:4711|127.0.0.1:4711 refused the requests (HTTP 404)",
      })
  void eachGatlingMessageIsExplainedWithTheAddressAndAHint(
      String message, String cause, String address, String text) {
    List<Explanation> got = explain(message, "7");

    assertEquals(1, got.size(), got.toString());
    assertEquals(cause, got.get(0).cause());
    assertEquals(address, got.get(0).address());
    assertEquals(7, got.get(0).count());
    assertTrue(got.get(0).text().startsWith(text), got.get(0).text());
    assertTrue(got.get(0).text().endsWith("(7 requests failed)."), got.get(0).text());
  }

  @Test
  void theUnknownHostIsNamedFromTheTarget() {
    var got =
        Explanations.explain(
            List.of(
                new ErrorCount(
                    "j.n.UnknownHostException: perfgate-unresolvable.invalid", 142, 99.3),
                new ErrorCount(
                    "j.n.UnknownHostException: Unable to resolve host perfgate-unresolvable.invalid"
                        + " in hosts file /tmp/hosts1",
                    1,
                    0.7)),
            "http://perfgate-unresolvable.invalid:8080",
            FAILED,
            List.of());

    assertEquals(1, got.size(), "one cause, one target: one explanation");
    assertEquals(143, got.get(0).count());
    assertEquals("perfgate-unresolvable.invalid:8080", got.get(0).address());
    assertTrue(
        got.get(0)
            .text()
            .startsWith("the host name perfgate-unresolvable.invalid cannot be resolved"),
        got.get(0).text());
  }

  @Test
  void refusalsAfterSuccessesSayTheTargetStoppedAndWhen() {
    var seconds =
        List.of(
            new Second(0, 4, 0, 0, Figures.countsOnly(20, 0, 20)),
            new Second(1, 4, 0, 0, Figures.countsOnly(25, 0, 25)),
            new Second(2, 4, 0, 0, Figures.countsOnly(40, 30, 40)),
            new Second(3, 4, 0, 0, Figures.countsOnly(40, 40, 40)));
    var got =
        Explanations.explain(
            List.of(
                new ErrorCount(
                    "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection"
                        + " refused",
                    69,
                    98.6),
                new ErrorCount("i.g.h.c.i.PrematureCloseException: Premature close", 1, 1.4)),
            TARGET,
            new Figures(125, 55, 70, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            seconds);

    assertEquals(
        List.of("connection-refused", "connection-closed"),
        got.stream().map(Explanation::cause).toList());
    assertEquals(
        "connection refused on 127.0.0.1:4711 since 0:02 into the run, after 55 requests had"
            + " succeeded: the target stopped or restarted during the run (69 requests failed).",
        got.get(0).text());
  }

  @Test
  void severalServerErrorsAreOneExplanationListingTheStatuses() {
    var got =
        explain("status.find.in(200), found 503", "10", "status.find.in(200), found 500", "4");

    assertEquals(1, got.size());
    assertEquals(14, got.get(0).count());
    assertTrue(got.get(0).text().contains("(HTTP 500, 503)"), got.get(0).text());
  }

  @Test
  void theMostFailedRequestsComeFirst() {
    var got =
        explain(
            "status.find.in(200), found 503",
            "3",
            "Request timeout to 127.0.0.1/127.0.0.1:4711 after 60000 ms",
            "9");

    assertEquals(
        List.of("request-timeout", "server-error"), got.stream().map(Explanation::cause).toList());
    assertTrue(got.get(0).text().contains("(1m)"), got.get(0).text());
  }

  @Test
  void unknownMessagesAndChecksOnTheBodyAreNotGuessedAt() {
    assertEquals(
        List.of(),
        explain(
            "jsonPath($.status).find.is(ok), but actually found degraded",
            "5",
            "something nobody has seen before",
            "2"));
  }

  @Test
  void aTargetThatIsNotAUrlIsCalledTheTarget() {
    var got =
        Explanations.explain(
            List.of(new ErrorCount("status.find.in(200), found 502", 2, 100)),
            "(3 injectors)",
            FAILED,
            List.of());
    assertEquals("the target", got.get(0).address());
    assertEquals("example.com:443", Explanations.address("https://example.com/api"));
    assertEquals("example.com:80", Explanations.address("http://example.com"));
  }

  @Test
  void aRunInWhichNoRequestCompletedSaysSo() {
    var got = Explanations.explain(List.of(), TARGET, Figures.NONE, List.of());
    assertEquals(1, got.size());
    assertEquals("nothing-completed", got.get(0).cause());
    assertTrue(
        got.get(0).text().startsWith("no request to 127.0.0.1:4711 completed during the run"),
        got.get(0).text());
    assertEquals(List.of(), Explanations.explain(List.of(), TARGET, FAILED, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused"
            + "|connection-refused",
        "Request timeout to 127.0.0.1/127.0.0.1:4711 after 2000 ms|request-timeout",
        "i.g.h.c.i.PrematureCloseException: Premature close|connection-closed",
        "status.find.in(200,201,202,203,204,205,206,207,208,209,304), found 503|server-error",
        "status.find.in(200), found 429|rate-limited",
        "status.find.is(200), found 404|client-error",
        "status.find.in(200), found 302|check-failed",
        "jsonPath($.id).find.exists, found nothing|check-failed",
        "something odd|other",
        "|other"
      })
  void everyMessageHasOneClassOfAFixedSet(String message, String expected) {
    String c = Explanations.errorClass(message);
    assertEquals(expected, c);
    assertTrue(
        Explanations.CAUSES.contains(c)
            || c.equals(Explanations.CHECK_FAILED)
            || c.equals(Explanations.OTHER));
  }
}
