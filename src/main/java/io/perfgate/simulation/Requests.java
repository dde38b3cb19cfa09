package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.ElFileBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.perfgate.live.LiveRecorder;
import io.perfgate.workload.Check;
import io.perfgate.workload.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a Gatling request from an endpoint; the request is named after the endpoint. */
final class Requests {
  private Requests() {}

  /** Suffix of the name of a request that repeats one the same user just made. */
  static final String REPEAT = " (repeat)";

  /**
   * @param probe where each answer's response time goes, for the live figures and the stop
   *     criteria; null for none
   */
  static HttpRequestActionBuilder of(
      Endpoint e, String name, Duration timeout, LiveRecorder.Probe probe) {
    HttpRequestActionBuilder r =
        http(name).httpRequest(e.method(), e.path()).requestTimeout(timeout);
    if (probe != null) {
      // Gatling's response time is end - start of the answer, the figure it logs. It calls this
      // for every answer (not for a request that got none: refused, timed out), on its HTTP
      // threads, before the checks run. A transformer makes Gatling keep the answer's body until
      // the checks have run, even when no check reads it.
      r =
          r.transformResponse(
              (response, session) -> {
                probe.answered(
                    session.groups(), response.startTimestamp(), response.endTimestamp());
                return response;
              });
    }
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
    return checks.isEmpty() ? r : r.check(checks);
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
