package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorClassesTest {

  @Test
  void gatlingMessagesFallIntoPlainClasses() {
    assertEquals(
        ErrorClasses.CONNECTION_REFUSED,
        ErrorClasses.classify(
            "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused"));
    assertEquals(
        ErrorClasses.TIMEOUT,
        ErrorClasses.classify("Request timeout to 127.0.0.1/127.0.0.1:4711 after 2000 ms"));
    assertEquals(
        ErrorClasses.TIMEOUT,
        ErrorClasses.classify("i.n.c.ConnectTimeoutException: connection timed out: /10.0.0.1:80"));
    assertEquals(
        ErrorClasses.CONNECTION_RESET,
        ErrorClasses.classify("i.g.h.c.i.PrematureCloseException: Premature close"));
    assertEquals(
        ErrorClasses.CONNECTION_RESET,
        ErrorClasses.classify("j.i.IOException: Connection reset by peer"));
    assertEquals(
        ErrorClasses.HTTP_5XX,
        ErrorClasses.classify(
            "status.find.in(200,201,202,203,204,205,206,207,208,209,304), found 503"));
    assertEquals(ErrorClasses.HTTP_4XX, ErrorClasses.classify("status.find.is(200), found 404"));
    assertEquals(
        ErrorClasses.CHECK_FAILED,
        ErrorClasses.classify("jsonPath($.id).find.exists, found nothing"));
    assertEquals(
        ErrorClasses.UNKNOWN_HOST,
        ErrorClasses.classify("j.n.UnknownHostException: shop.invalid: Name or service not known"));
    assertEquals(
        ErrorClasses.TLS,
        ErrorClasses.classify("j.s.SSLHandshakeException: PKIX path building failed"));
    assertEquals(ErrorClasses.OTHER, ErrorClasses.classify("something odd"));
    assertEquals(ErrorClasses.OTHER, ErrorClasses.classify(""));
  }
}
