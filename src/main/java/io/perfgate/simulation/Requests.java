package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.ElFileBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
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

  static HttpRequestActionBuilder of(Endpoint e, Duration timeout) {
    return of(e, e.name(), timeout);
  }

  static HttpRequestActionBuilder of(Endpoint e, String name, Duration timeout) {
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
