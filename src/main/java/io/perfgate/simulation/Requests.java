package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.ElFileBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.http.response.Response;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.perfgate.workload.Check;
import io.perfgate.workload.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** Builds a Gatling request from an endpoint; the request is named after the endpoint. */
final class Requests {
  private Requests() {}

  /** Suffix of the name of a request that repeats one the same user just made. */
  static final String REPEAT = " (repeat)";

  /** No limit on what checks read (target.maxResponseSize = off). */
  static final LongSupplier NO_LIMIT = () -> 0;

  /**
   * @param maxAnswer the most bytes of an answer, once decompressed, that the checks read; 0 for no
   *     limit. Read when each answer arrives: the run settles it after the journeys are built.
   */
  static HttpRequestActionBuilder of(
      Endpoint e,
      String name,
      Duration timeout,
      LongSupplier maxAnswer,
      UnaryOperator<String> mask) {
    HttpRequestActionBuilder r =
        http(name).httpRequest(e.method(), e.path()).requestTimeout(timeout);
    for (var q : e.query().entrySet()) {
      r = r.queryParam(q.getKey(), q.getValue());
    }
    for (var h : e.headers().entrySet()) {
      r = r.header(h.getKey(), h.getValue());
    }
    if (e.body().isPresent()) {
      r = r.body(StringBody(e.body().get()));
    } else if (e.bodyFile().isPresent()) {
      r = r.body(ElFileBody(e.bodyFile().get()));
    }
    List<CheckBuilder> checks = new ArrayList<>();
    if (!e.expect().isEmpty()) {
      checks.add(status().in(e.expect()));
    }
    for (Check c : e.checks()) {
      checks.add(check(c));
    }
    // An answer's checks read its body: it is held whole for them, so it is measured first.
    if (!e.checks().isEmpty()) {
      boolean json = e.checks().stream().anyMatch(c -> c instanceof Check.JsonPath);
      Set<Integer> expected = Set.copyOf(e.expect());
      r =
          r.transformResponse(
              (response, session) -> {
                limited(response, name, maxAnswer);
                if (json && expectedStatus(response.status().code(), expected)) {
                  suitsJson(response, name, mask);
                }
                return response;
              });
    }
    return checks.isEmpty() ? r : r.check(checks);
  }

  /** Whether a status is one the endpoint accepts: its expect list, or 2xx and 304. */
  static boolean expectedStatus(int status, Set<Integer> expected) {
    return expected.isEmpty()
        ? (status >= 200 && status < 300) || status == 304
        : expected.contains(status);
  }

  /** How many of an answer's first bytes a message shows. */
  static final int SHOWN = 60;

  /**
   * Fails the request when an answer with the expected status is not JSON: a page its JSONPath
   * checks cannot parse. Only its first bytes are read. Another status is left to the status check,
   * whose message (a server error, a 404) says more.
   */
  static void suitsJson(Response response, String request, UnaryOperator<String> mask) {
    byte[] head = new byte[SHOWN * 4];
    int n;
    try (InputStream in = response.body().stream()) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return; // Gatling's own check says what is wrong
    }
    if (looksLikeJson(head, n)) {
      return;
    }
    String contentType = response.headers().get("Content-Type");
    throw new AnswerNotJson(
        request,
        contentType == null ? "" : mask.apply(contentType.strip()),
        shown(head, n, mask),
        response.body().length());
  }

  /** JSON starts, after blanks and a byte order mark, with one of { [ " - 0-9 t f n. */
  static boolean looksLikeJson(byte[] head, int n) {
    int i = 0;
    if (n >= 3
        && (head[0] & 0xff) == 0xEF
        && (head[1] & 0xff) == 0xBB
        && (head[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    if (i == n) {
      return n > 0; // only blanks: let the check say it found nothing
    }
    return "{[\"-0123456789tfn".indexOf(head[i]) >= 0;
  }

  /**
   * The first bytes as text on one line, cut with "..." at {@value #SHOWN} characters; controls and
   * bytes that are not UTF-8 show as "?". ASCII only: the console may have no other charset.
   */
  static String shown(byte[] head, int n, UnaryOperator<String> mask) {
    // Masked before it is cut: a secret across the cut would otherwise show its first characters.
    String text =
        mask.apply(new String(head, 0, n, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
    StringBuilder sb = new StringBuilder();
    text.codePoints()
        .limit(SHOWN)
        .forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || c == 0xFFFD ? '?' : c));
    return text.codePointCount(0, text.length()) > SHOWN ? sb + "..." : sb.toString();
  }

  /**
   * The answer as it came, or a failed request when it is over the limit. Gatling holds the
   * complete body by now (nothing in Gatling 3.15.1 stops it mid-answer), but no check has copied
   * or parsed it yet: that is what would multiply it on the heap.
   */
  static Response limited(Response response, String request, LongSupplier maxAnswer) {
    long limit = maxAnswer.getAsLong();
    int length = response.body().length();
    if (limit > 0 && (length < 0 || length > limit)) {
      throw new AnswerTooLarge(request, length, limit);
    }
    return response;
  }

  private static CheckBuilder check(Check c) {
    if (c instanceof Check.Substring s) {
      return substring(s.text()).exists();
    }
    Check.JsonPath j = (Check.JsonPath) c;
    var find = jsonPath(j.path()).find();
    CheckBuilder.Final validated = j.is().isPresent() ? find.is(j.is().get()) : find.exists();
    return j.saveAs().isPresent() ? validated.saveAs(j.saveAs().get()) : validated;
  }
}
