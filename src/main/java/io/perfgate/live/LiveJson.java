package io.perfgate.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The live page's data ({@code /live.json}): the run, then seconds {@code from..to} of every series
 * as parallel arrays (null where a second has no value), then the current standings. The page asks
 * for the seconds after those it has ({@code ?from=}), so a refresh carries a few seconds, not the
 * whole span. Schema 2: a series' {@code count} and {@code failed} are Gatling's console counts,
 * its {@code answers} the requests whose response time the recorder heard (mean, max, percentiles).
 */
final class LiveJson {
  static final int SCHEMA = 2;
  private static final JsonFactory FACTORY = new JsonFactory();

  private LiveJson() {}

  static byte[] write(LiveView v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schema", SCHEMA);
      run(g, v.run());
      g.writeNumberField("from", v.from());
      g.writeNumberField("to", v.to());
      g.writeFieldName("all");
      series(g, v.all());
      g.writeArrayFieldStart("requests");
      for (LiveView.SeriesView s : v.requests()) {
        series(g, s);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("users");
      doubles(g, "active", v.usersActive());
      doubles(g, "started", v.usersStarted());
      doubles(g, "plannedArrivals", v.plannedArrivals());
      g.writeEndObject();
      g.writeObjectFieldStart("injector");
      doubles(g, "cpu", v.cpu());
      number(g, "cpuRatio", v.injector().cpuRatio());
      number(
          g,
          "heapAfterGcBytes",
          v.injector().heapAfterGcBytes() < 0 ? Double.NaN : v.injector().heapAfterGcBytes());
      number(g, "gcSeconds", v.injector().gcSeconds());
      g.writeEndObject();
      g.writeArrayFieldStart("target");
      for (TargetSample t : v.target()) {
        g.writeStartObject();
        g.writeStringField("resource", t.resource());
        g.writeStringField("unit", t.unit().name().toLowerCase(Locale.ROOT));
        number(g, "value", t.value());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("phases");
      for (PhaseSpan p : v.phases()) {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        number(g, "start", p.startSeconds());
        number(g, "end", p.endSeconds());
        g.writeEndObject();
      }
      g.writeEndArray();
      stop(g, v.stop());
      g.writeArrayFieldStart("gates");
      for (GateStanding gate : v.gates()) {
        g.writeStartObject();
        g.writeStringField("name", gate.name());
        g.writeStringField("value", gate.value());
        g.writeStringField("limit", gate.limit());
        g.writeStringField("state", gate.state().name());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("errors");
      g.writeArrayFieldStart("classes");
      for (LiveView.ClassCount c : v.errorClasses()) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeNumberField("count", c.count());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("messages");
      for (LiveView.MessageCount m : v.messages()) {
        g.writeStartObject();
        g.writeStringField("message", m.message());
        g.writeStringField("class", m.errorClass());
        g.writeNumberField("count", m.count());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("otherMessages", v.otherMessages());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the live page's data", e);
    }
    return out.toByteArray();
  }

  private static void run(JsonGenerator g, LiveView.Run r) throws IOException {
    g.writeObjectFieldStart("run");
    g.writeStringField("simulation", r.labels().simulation());
    g.writeStringField("profile", r.labels().profile());
    g.writeStringField("env", r.labels().env());
    g.writeStringField("injector", r.labels().injector());
    g.writeStringField("target", r.target());
    g.writeStringField("state", r.state());
    g.writeStringField("phase", r.phase());
    if (r.startEpochMillis() == Long.MIN_VALUE) {
      g.writeNullField("startEpochMillis");
    } else {
      g.writeNumberField("startEpochMillis", r.startEpochMillis());
    }
    number(g, "elapsedSeconds", r.elapsedSeconds());
    number(g, "plannedSeconds", r.plannedSeconds());
    g.writeNumberField("historySeconds", r.historySeconds());
    g.writeNumberField("maxRequests", r.maxRequests());
    g.writeArrayFieldStart("reports");
    for (ReportLink l : r.reports()) {
      g.writeStartObject();
      g.writeStringField("title", l.title());
      g.writeStringField("href", l.href());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void series(JsonGenerator g, LiveView.SeriesView s) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name());
    ints(g, "ok", s.ok(), false);
    ints(g, "ko", s.ko(), false);
    ints(g, "p50", s.p50(), true);
    ints(g, "p95", s.p95(), true);
    ints(g, "p99", s.p99(), true);
    g.writeNumberField("count", s.count());
    g.writeNumberField("failed", s.failed());
    g.writeNumberField("answers", s.answers());
    number(g, "meanMs", s.meanMs());
    g.writeNumberField("maxMs", s.maxMs());
    SecondRing.Second r = s.recent();
    if (r == null) {
      g.writeNullField("recent");
    } else {
      g.writeObjectFieldStart("recent");
      g.writeNumberField("seconds", SecondRing.RECENT);
      g.writeNumberField("ok", r.ok());
      g.writeNumberField("ko", r.ko());
      g.writeNumberField("p50", r.p50());
      g.writeNumberField("p95", r.p95());
      g.writeNumberField("p99", r.p99());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void stop(JsonGenerator g, StopStanding s) throws IOException {
    g.writeObjectFieldStart("stop");
    g.writeNumberField("windowSeconds", s.windowSeconds());
    g.writeNumberField("requests", s.requests());
    g.writeArrayFieldStart("criteria");
    for (StopStanding.Criterion c : s.criteria()) {
      g.writeStartObject();
      g.writeStringField("criterion", c.kind().label);
      g.writeStringField("unit", c.kind().unit);
      number(g, "value", c.value());
      number(g, "limit", c.limit());
      g.writeBooleanField("tripped", c.tripped());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void ints(JsonGenerator g, String name, int[] values, boolean noneIsNull)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (int v : values) {
      if (noneIsNull && v == SecondRing.NONE) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
    g.writeEndArray();
  }

  private static void doubles(JsonGenerator g, String name, double[] values) throws IOException {
    g.writeArrayFieldStart(name);
    for (double v : values) {
      if (Double.isFinite(v)) {
        g.writeNumber(v);
      } else {
        g.writeNull();
      }
    }
    g.writeEndArray();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }
}
