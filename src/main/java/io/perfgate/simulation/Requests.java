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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Builds a Gatling request from an endpoint; the request is named after the endpoint. */
final class Requests {
  private Requests() {}

  /** Suffix of the name of a request that repeats one the same user just made. */
  static final String REPEAT = " (repeat)";

  /** No limit on what checks read (target.maxResponseSize = off). */
  static final LongSupplier NO_LIMIT = () -> 0;

  static HttpRequestActionBuilder of(Endpoint e, Duration timeout, LongSupplier maxAnswer) {
    return of(e, e.name(), timeout, maxAnswer);
  }

  /**
   * @param maxAnswer the most bytes of an answer, once decompressed, that the checks read; 0 for no
   *     limit. Read when each answer arrives: the run settles it after the journeys are built.
   */
  static HttpRequestActionBuilder of(
      Endpoint e, String name, Duration timeout, LongSupplier maxAnswer) {
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
    if (!e.checks().isEmpty()) {
      // Only requests whose checks read the body: a transformer makes Gatling keep every answer's
      // body, which it otherwise drops chunk by chunk when no check needs it.
      r = r.transformResponse((response, session) -> limited(response, name, maxAnswer));
    }
    return checks.isEmpty() ? r : r.check(checks);
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
