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
 * servers of HostileTargetTest, copied from real runs (the local-ports one excepted: no test here
 * exhausts this machine's ports; it is Netty's message for EADDRNOTAVAIL).
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
        "i.n.c.u.Errors$NativeIoException: newSocketStream(..) failed with error(-24): Too many open files"
            + "|injector-files|127.0.0.1:4711|the injector (this machine, not the target) ran out of file descriptors: it could not open connections to 127.0.0.1:4711",
        "i.n.c.u.Errors$NativeConnectException: connect(..) failed: Cannot assign requested address"
            + "|injector-ports|127.0.0.1:4711|the injector (this machine, not the target) ran out of local ports for connections to 127.0.0.1:4711",
        "Too many redirects, max is 20"
            + "|redirect-loop|127.0.0.1:4711|127.0.0.1:4711 redirects in a loop: requests were redirected again and again without reaching an answer (\"Too many redirects, max is 20\"; Gatling reports each hop as \"<request> Redirect <n>\")",
        "Redirect status, yet no Location header"
            + "|redirect-loop|127.0.0.1:4711|127.0.0.1:4711 answered with redirects without a Location header",
        "i.p.s.AnswerNotJson: the answer of json-page is text/html; charset=utf-8, not JSON: it starts \"<!DOCTYPE html><html><head><title>Sign in</title></head><bod...\" (124B)"
            + "|unsuited-answer|127.0.0.1:4711|127.0.0.1:4711 answered json-page with text/html; charset=utf-8: it starts \"<!DOCTYPE html><html><head><title>Sign in</title></head><bod...\" (124B), not the JSON its checks read",
        "jsonPath($.status).find.exists preparation crashed: Jackson failed to parse into a valid AST: c.f.j.c.i.JsonEOFException: Unexpected end-of-input within/between Object entries"
            + "|unsuited-answer|127.0.0.1:4711|the answers of 127.0.0.1:4711 are not valid JSON, so JSONPath checks cannot read them (\"Jackson failed to parse into a valid AST",
        "j.l.NumberFormatException: Invalid character in chunk size"
            + "|broken-framing|127.0.0.1:4711|127.0.0.1:4711 sent answers whose framing is broken",
        "i.n.h.c.c.DecompressionException: Input is not in the GZIP format"
            + "|bad-encoding|127.0.0.1:4711|127.0.0.1:4711 sent bodies that are not in the encoding they declare",
        "s.s.p.c.SunCertPathBuilderException: unable to find valid certification path to requested target"
            + "|tls-untrusted|127.0.0.1:4711|127.0.0.1:4711's TLS certificate is not trusted",
        "j.s.c.CertificateException: No subject alternative DNS name matching other-name.test found."
            + "|tls-name|127.0.0.1:4711|127.0.0.1:4711's TLS certificate is issued to another name",
        "i.n.h.s.ReferenceCountedOpenSslEngine$OpenSslHandshakeException: error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION"
            + "|tls-protocol|127.0.0.1:4711|127.0.0.1:4711 and perfgate could not agree on a TLS version (TLSV1_ALERT_PROTOCOL_VERSION)",
        "i.n.h.s.ReferenceCountedOpenSslEngine$OpenSslHandshakeException: error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE"
            + "|tls-handshake|127.0.0.1:4711|127.0.0.1:4711 and perfgate could not complete a TLS handshake (SSLV3_ALERT_HANDSHAKE_FAILURE)",
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
  void answersOverTheLimitNameTheRequestsTheLimitAndTheSizes() {
    // As a real run against a gzip bomb recorded them (AnswerLimitTest).
    var got =
        explain(
            "i.p.s.AnswerTooLarge: the answer of page was larger than target.maxResponseSize (20MB)"
                + " once decompressed: 32MB arrived, and perfgate's checks did not read it",
            "19",
            "i.p.s.AnswerTooLarge: the answer of search was larger than"
                + " target.maxResponseSize (20MB) once decompressed: more than 2GB arrived, and"
                + " perfgate's checks did not read it",
            "2");

    assertEquals(1, got.size(), got.toString());
    assertEquals("answer-too-large", got.get(0).cause());
    assertEquals(21, got.get(0).count());
    assertTrue(
        got.get(0)
            .text()
            .startsWith(
                "answers of page, search from 127.0.0.1:4711 were larger than"
                    + " target.maxResponseSize (20MB) once decompressed (32MB, more than 2GB):"),
        got.get(0).text());
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
