package io.perfgate.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.analysis.Explanation;
import io.perfgate.analysis.Figures;
import io.perfgate.analysis.Finding;
import io.perfgate.analysis.GateResult;
import io.perfgate.analysis.ResourceReport;
import io.perfgate.analysis.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * summary.json: the run's figures, gates, findings and verdict for machines (CI, trend and compare
 * tools). The shape is documented by {@code perfgate/summary.schema.json}; {@link #SCHEMA_VERSION}
 * changes only when a property is removed or changes meaning, so readers must ignore properties
 * they do not know.
 *
 * <p>The tree is built by hand rather than by data binding so the property order is the order
 * written here, whatever the records' shapes become.
 */
public final class SummaryJson {
  public static final int SCHEMA_VERSION = 1;
  public static final String FILE_NAME = "summary.json";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          // The caller owns the stream (Publisher writes to a temporary file it then moves).
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private SummaryJson() {}

  /** The summary as a JSON tree, in schema order. */
  public static ObjectNode toTree(RunReport report) {
    ObjectNode root = NODES.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.set("run", run(report.run()));
    root.set("global", figures(report.global()));
    root.set("measured", figures(report.measured()));
    root.set("requests", entries(report.requests()));
    root.set("groups", entries(report.groups()));
    ArrayNode phases = root.putArray("phases");
    report.phases().forEach(p -> phases.add(phase(p)));
    ArrayNode seconds = root.putArray("perSecond");
    report.perSecond().forEach(s -> seconds.add(second(s)));
    ArrayNode errors = root.putArray("errors");
    for (RunReport.ErrorCount e : report.errors()) {
      errors
          .addObject()
          .put("message", e.message())
          .put("count", e.count())
          .set("percent", num(e.percent()));
    }
    ArrayNode explanations = root.putArray("explanations");
    for (Explanation e : report.explanations()) {
      explanations
          .addObject()
          .put("cause", e.cause())
          .put("address", e.address())
          .put("count", e.count())
          .put("text", e.text());
    }
    ArrayNode gates = root.putArray("gates");
    report.gates().forEach(g -> gates.add(gate(g)));
    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> findings.add(finding(f)));
    root.set("apdex", report.apdex().map(SummaryJson::num).orElse(NODES.nullNode()));
    root.set(
        "baseline",
        report.baseline().<JsonNode>map(SummaryJson::baseline).orElse(NODES.nullNode()));
    root.put("verdict", report.verdict().name());
    root.set(
        "capacity",
        report.capacity().<JsonNode>map(SummaryJson::capacity).orElse(NODES.nullNode()));
    report.resources().ifPresent(r -> root.set("resources", resources(r)));
    return root;
  }

  /** Writes the summary, UTF-8, pretty-printed; leaves {@code out} open. */
  public static void write(RunReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toTree(report));
  }

  public static String render(RunReport report) {
    try {
      return MAPPER.writeValueAsString(toTree(report));
    } catch (IOException e) {
      throw new IllegalStateException("A JSON tree always serializes to a string", e);
    }
  }

  /**
   * Reads a summary.json written by this or an older perfgate.
   *
   * @throws IOException when the file is unreadable, is not a perfgate summary, or was written by a
   *     newer perfgate whose schema this one does not know
   */
  public static JsonNode read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = MAPPER.readTree(in);
    }
    return checked(root, file.toString());
  }

  static JsonNode checked(JsonNode root, String where) throws IOException {
    JsonNode version = root == null ? null : root.get("schemaVersion");
    if (version == null || !version.canConvertToInt()) {
      throw new IOException(
          where + " is not a perfgate summary: it has no numeric schemaVersion at the top level.");
    }
    if (version.asInt() > SCHEMA_VERSION || version.asInt() < 1) {
      throw new IOException(
          where
              + " has schemaVersion "
              + version.asInt()
              + ", but this perfgate reads version "
              + SCHEMA_VERSION
              + " only. Use the perfgate that wrote it, or upgrade this one.");
    }
    return root;
  }

  /**
   * A number, or null when it is NaN or infinite (a change from a zero baseline): JSON has no token
   * for those, and a string where a number belongs would break every reader.
   */
  private static JsonNode num(double value) {
    return Double.isFinite(value) ? NODES.numberNode(value) : NODES.nullNode();
  }

  private static ObjectNode capacity(RunReport.Capacity c) {
    ObjectNode node = NODES.objectNode();
    node.set(
        "lastPassing", c.lastPassing().<JsonNode>map(SummaryJson::step).orElse(NODES.nullNode()));
    node.set(
        "firstFailing", c.firstFailing().<JsonNode>map(SummaryJson::step).orElse(NODES.nullNode()));
    return node;
  }

  private static ObjectNode step(RunReport.Step s) {
    ObjectNode node = NODES.objectNode();
    node.put("name", s.name());
    node.set("level", num(s.level()));
    node.put("unit", s.unit());
    node.set("rps", num(s.rps()));
    node.put("why", s.why().isEmpty() ? null : s.why());
    return node;
  }

  private static ObjectNode run(RunReport.Run run) {
    ObjectNode node = NODES.objectNode();
    node.put("id", run.id());
    node.put("simulation", run.simulation());
    node.put("scenario", run.scenario());
    node.put("environment", run.environment());
    node.put("target", run.target());
    node.put("start", Fmt.iso(run.start()));
    node.put("startEpochMillis", run.start());
    node.put("end", Fmt.iso(run.end()));
    node.put("endEpochMillis", run.end());
    node.put("durationMillis", run.end() - run.start());
    node.put("gatlingVersion", run.gatlingVersion());
    node.put("truncated", run.truncated());
    node.put("aborted", run.aborted());
    node.put("abortReason", run.abortReason().orElse(null));
    ObjectNode warmUp = node.putObject("warmUp");
    warmUp.put("millis", run.warmUpMillis());
    warmUp.put("measuredFrom", Fmt.iso(run.start() + run.warmUpMillis()));
    warmUp.put("measuredFromEpochMillis", run.start() + run.warmUpMillis());
    warmUp.put("note", Words.warmUp(run));
    node.put("gatlingReport", run.gatlingReport());
    ArrayNode warnings = node.putArray("warnings");
    run.warnings().forEach(warnings::add);
    return node;
  }

  static ObjectNode figures(Figures f) {
    ObjectNode node = NODES.objectNode();
    node.put("count", f.count());
    node.put("ok", f.ok());
    node.put("ko", f.ko());
    node.put("min", f.min());
    node.put("max", f.max());
    node.put("mean", f.mean());
    node.put("stdDev", f.stdDev());
    node.put("p50", f.p50());
    node.put("p75", f.p75());
    node.put("p95", f.p95());
    node.put("p99", f.p99());
    node.put("p999", f.p999());
    node.set("rps", num(f.rps()));
    node.set("errorPercent", num(f.errorPercent()));
    return node;
  }

  private static ArrayNode entries(List<RunReport.Entry> entries) {
    ArrayNode array = NODES.arrayNode();
    for (RunReport.Entry e : entries) {
      ObjectNode node = array.addObject();
      node.put("name", e.name());
      node.put("group", e.groups().isEmpty() ? null : String.join(" / ", e.groups()));
      node.put("path", e.path());
      node.set("global", figures(e.global()));
      node.set("measured", figures(e.measured()));
    }
    return array;
  }

  private static ObjectNode phase(RunReport.Phase p) {
    ObjectNode node = NODES.objectNode();
    node.put("name", p.name());
    node.set("level", num(p.level()));
    node.put("fromMillis", p.fromMillis());
    node.put("toMillis", p.toMillis());
    node.set("figures", figures(p.figures()));
    node.set("efficiency", p.efficiency().map(SummaryJson::num).orElse(NODES.nullNode()));
    return node;
  }

  private static ObjectNode second(RunReport.Second s) {
    return NODES
        .objectNode()
        .put("offsetSeconds", s.offsetSeconds())
        .put("requests", s.requests())
        .put("errors", s.errors())
        .put("activeUsers", s.activeUsers())
        .put("p95", s.p95());
  }

  private static ObjectNode gate(GateResult g) {
    ObjectNode node = NODES.objectNode();
    node.put("name", g.name());
    node.put("scope", g.scope());
    node.put("criterion", g.criterion());
    node.put("threshold", Words.threshold(g));
    node.set("thresholdValue", num(g.threshold()));
    node.set("actual", g.actual().isPresent() ? num(g.actual().getAsDouble()) : NODES.nullNode());
    node.put("unit", g.unit());
    node.put("passed", g.passed());
    node.put("tier", Words.tier(g.tier()));
    node.put("origin", g.origin());
    return node;
  }

  private static ObjectNode finding(Finding f) {
    ObjectNode node = NODES.objectNode();
    node.put("severity", Words.lower(f.severity()));
    node.put("kind", Words.lower(f.kind()));
    node.put("subject", f.subject());
    node.put("summary", f.summary());
    ArrayNode advice = node.putArray("advice");
    for (Finding.Recommendation r : f.advice()) {
      advice.addObject().put("horizon", Words.lower(r.horizon())).put("text", r.text());
    }
    return node;
  }

  private static ObjectNode resources(ResourceReport r) {
    ObjectNode node = NODES.objectNode();
    node.put("intervalMillis", r.intervalMillis());
    node.put("targetProcess", r.targetProcess().orElse(null));
    node.put("embeddedDemo", r.embeddedDemo());
    node.set("target", r.target().<JsonNode>map(SummaryJson::target).orElse(NODES.nullNode()));
    node.set(
        "injector", r.injector().<JsonNode>map(SummaryJson::injector).orElse(NODES.nullNode()));
    ArrayNode series = node.putArray("series");
    for (ResourceReport.SeriesView s : r.series()) {
      ObjectNode one = series.addObject();
      one.put("source", s.source()).put("metric", s.metric()).put("unit", s.unit());
      ArrayNode points = one.putArray("points");
      for (ResourceReport.Point p : s.points()) {
        points.addArray().add(p.offsetMillis()).add(num(round(p.value())));
      }
    }
    ArrayNode notes = node.putArray("notes");
    r.notes().forEach(notes::add);
    return node;
  }

  private static ObjectNode target(ResourceReport.Target t) {
    ObjectNode node = NODES.objectNode();
    node.put("memorySource", t.memorySource());
    node.set("memoryGrowthMbPerMin", num(t.memoryGrowth()));
    node.set("memoryFit", num(t.memoryFit()));
    node.set("peakRssMb", num(t.peakRssMb()));
    node.set("avgCpuPercent", num(t.avgCpu()));
    node.set("peakCpuPercent", num(t.peakCpu()));
    node.set("threadGrowth", num(t.threadGrowth()));
    node.set("fdGrowth", num(t.fdGrowth()));
    node.putObject("leak")
        .put("leaking", t.leak().leaking())
        .put("judged", t.leak().judged())
        .put("reason", t.leak().reason());
    return node;
  }

  private static ObjectNode injector(ResourceReport.Injector i) {
    ObjectNode node = NODES.objectNode();
    node.set("avgCpuPercent", num(i.avgCpu()));
    node.set("peakCpuPercent", num(i.peakCpu()));
    node.set("gcPercent", num(i.gcPercent()));
    node.set("peakHeapAfterGcPercent", num(i.peakHeapAfterGc()));
    node.put("injectionLagMillis", i.lagMillis());
    node.put("bound", i.bound().orElse(null));
    return node;
  }

  private static JsonNode num(java.util.OptionalDouble value) {
    return value.isPresent() ? num(value.getAsDouble()) : NODES.nullNode();
  }

  /** Samples keep three decimals: a series of thousands of points stays readable. */
  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static ObjectNode baseline(RunReport.BaselineDiff diff) {
    ObjectNode node = NODES.objectNode();
    node.put("run", diff.baselineRun());
    node.put("start", Fmt.iso(diff.baselineStart()));
    node.put("startEpochMillis", diff.baselineStart());
    ArrayNode deltas = node.putArray("deltas");
    for (RunReport.Delta d : diff.deltas()) {
      deltas
          .addObject()
          .put("subject", d.subject())
          .put("metric", d.metric())
          .<ObjectNode>set("baseline", num(d.baseline()))
          .<ObjectNode>set("current", num(d.current()))
          .set("change", num(d.change()));
    }
    return node;
  }
}
