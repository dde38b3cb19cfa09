package io.perfgate.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.baseline.Baseline;
import io.perfgate.baseline.BaselineException;
import io.perfgate.publish.Templates;
import io.perfgate.statistics.Noise;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The trend page's view: plain maps and lists for the {@code trend} template, and the charts' data
 * as JSON for the page's script. One section per simulation, profile and environment; runs in order
 * of start time.
 */
final class TrendView {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TICK =
      DateTimeFormatter.ofPattern("MM-dd'\n'HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TrendView() {}

  /** The saved baselines: one per simulation, profile and environment. */
  interface Baselines {
    Optional<Baseline> find(String simulation, String profile, String environment)
        throws BaselineException;

    /** Where the baseline of a simulation, profile and environment is kept, for people. */
    String where(String simulation, String profile, String environment);
  }

  /** The figures the trend follows, each with its unit and the direction that is worse. */
  enum Metric {
    P95("p95", "ms", true, "#8250df"),
    P99("p99", "ms", true, "#bc4c00"),
    ERRORS("errors", "%", true, "#cf222e"),
    RPS("throughput", "/s", false, "#0969da");

    final String label;
    final String unit;
    final boolean higherIsWorse;
    final String color;

    Metric(String label, String unit, boolean higherIsWorse, String color) {
      this.label = label;
      this.unit = unit;
      this.higherIsWorse = higherIsWorse;
      this.color = color;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The same figure as the change-point search follows it. */
    Shifts.Figure figure() {
      return Shifts.Figure.valueOf(name());
    }

    double of(Figures f) {
      return switch (this) {
        case P95 -> f.p95();
        case P99 -> f.p99();
        case ERRORS -> f.errorPercent();
        case RPS -> f.rps();
      };
    }

    String format(double v) {
      if (!Double.isFinite(v)) {
        return "—";
      }
      return switch (unit) {
        case "ms" -> number(v, 0) + " ms";
        case "%" -> v == 0 ? "0%" : v < 0.01 ? "<0.01%" : fixed(v, 2) + "%";
        default -> fixed(v, 1) + "/s";
      };
    }
  }

  /** The runs of one simulation, profile and environment, oldest first, and their baseline. */
  record Trend(
      String simulation,
      String profile,
      String environment,
      List<RunRecord> runs,
      Optional<Baseline> baseline,
      Optional<String> baselineProblem) {
    RunRecord last() {
      return runs.get(runs.size() - 1);
    }

    Optional<RunRecord> previous() {
      return runs.size() < 2 ? Optional.empty() : Optional.of(runs.get(runs.size() - 2));
    }
  }

  /**
   * Groups the records: one trend per simulation, profile and environment, the most recently run
   * first. A run recorded twice (analysed again) counts once, as last recorded.
   */
  static List<Trend> trends(List<RunRecord> records, Baselines baselines) {
    Map<String, RunRecord> byId = new LinkedHashMap<>();
    for (RunRecord r : records) {
      byId.remove(r.runId());
      byId.put(r.runId(), r);
    }
    Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
    for (RunRecord r : byId.values()) {
      groups.computeIfAbsent(r.seriesKey(), k -> new ArrayList<>()).add(r);
    }
    List<Trend> trends = new ArrayList<>();
    for (List<RunRecord> runs : groups.values()) {
      runs.sort(
          Comparator.comparingLong(RunRecord::startEpochMillis).thenComparing(RunRecord::runId));
      RunRecord any = runs.get(0);
      Optional<Baseline> baseline = Optional.empty();
      Optional<String> problem = Optional.empty();
      try {
        baseline = baselines.find(any.simulation(), any.profile(), any.environment());
      } catch (BaselineException e) {
        problem = Optional.of(e.getMessage());
      }
      trends.add(
          new Trend(
              any.simulation(),
              any.profile(),
              any.environment(),
              List.copyOf(runs),
              baseline,
              problem));
    }
    trends.sort(
        Comparator.comparingLong((Trend t) -> t.last().startEpochMillis())
            .reversed()
            .thenComparing(Trend::profile));
    return trends;
  }

  /**
   * The template's view.
   *
   * @param present whether a run's file, relative to the results folder, is (or will be) there: a
   *     run folder deleted since gets no dead link
   */
  static Map<String, Object> of(
      List<RunRecord> records,
      List<String> warnings,
      Baselines baselines,
      Predicate<String> present,
      String historyName,
      long now) {
    List<Trend> trends = trends(records, baselines);
    List<String> allWarnings = new ArrayList<>(warnings);
    ArrayNode charts = NODES.arrayNode();
    List<Map<String, Object>> sections = new ArrayList<>();
    List<Map<String, Object>> overview = new ArrayList<>();
    Set<String> anchors = new LinkedHashSet<>();
    int runCount = 0;
    for (Trend t : trends) {
      String anchor =
          unique(anchors, "trend-" + slug(t.simulation() + "-" + t.profile() + "-" + env(t)));
      t.baselineProblem().ifPresent(allWarnings::add);
      sections.add(section(t, anchor, charts, present, baselines));
      overview.add(overviewRow(t, anchor));
      runCount += t.runs().size();
    }
    ObjectNode data = NODES.objectNode();
    data.put("schemaVersion", 1);
    data.set("charts", charts);
    return Templates.view(
        "title",
        "perfgate trend",
        "historyName",
        historyName,
        "generated",
        HUMAN.format(Instant.ofEpochMilli(now)),
        "runCount",
        runCount,
        "runWord",
        runCount == 1 ? "run" : "runs",
        "trendCount",
        trends.size(),
        "trendWord",
        trends.size() == 1 ? "profile" : "profiles",
        "hasRuns",
        runCount > 0,
        "warnings",
        allWarnings,
        "hasWarnings",
        !allWarnings.isEmpty(),
        "overview",
        overview,
        "sections",
        sections,
        "dataJson",
        scriptJson(data));
  }

  private static Map<String, Object> overviewRow(Trend t, String anchor) {
    RunRecord last = t.last();
    Noise noise = Shifts.noise(t.runs(), Optional.empty(), Shifts.Figure.P95);
    double now = last.measured().p95();
    Optional<Double> previousP95 = t.previous().map(p -> (double) p.measured().p95());
    Optional<Double> baselineP95 = t.baseline().map(b -> (double) b.summary().measured().p95());
    Optional<Double> vsPrevious = previousP95.map(p -> change(p, now));
    Optional<Double> vsBaseline = baselineP95.map(b -> change(b, now));
    return Templates.view(
        "anchor", anchor,
        "simulation", t.simulation(),
        "profile", t.profile(),
        "environment", env(t),
        "runs", t.runs().size(),
        "lastStart", HUMAN.format(Instant.ofEpochMilli(last.startEpochMillis())),
        "verdict", last.verdict().name(),
        "verdictClass", verdictClass(last.verdict()),
        "p95", Metric.P95.format(last.measured().p95()),
        "vsPrevious", vsPrevious.map(TrendView::changeText).orElse("—"),
        "vsPreviousClass",
            previousP95
                .map(p -> direction(Metric.P95, change(p, now), now - p, noise))
                .orElse("flat"),
        "vsBaseline", vsBaseline.map(TrendView::changeText).orElse("—"),
        "vsBaselineClass",
            baselineP95
                .map(b -> direction(Metric.P95, change(b, now), now - b, noise))
                .orElse("flat"));
  }

  private static Map<String, Object> section(
      Trend t, String anchor, ArrayNode charts, Predicate<String> present, Baselines baselines) {
    RunRecord last = t.last();
    Optional<RunRecord> previous = t.previous();
    List<Map<String, Object>> figureRows = new ArrayList<>();
    for (Metric m : Metric.values()) {
      figureRows.add(
          compareRow(
              m,
              m.of(last.measured()),
              previous.map(p -> m.of(p.measured())),
              t.baseline().map(b -> m.of(b.summary().measured())),
              Shifts.noise(t.runs(), Optional.empty(), m.figure())));
    }
    List<Map<String, Object>> requestSubjects = new ArrayList<>();
    for (RunRecord.Request q : last.requests()) {
      Optional<RunRecord.Request> before = previous.flatMap(p -> request(p, q.path()));
      Optional<Figures> base =
          t.baseline()
              .flatMap(
                  b ->
                      b.summary().requests().stream()
                          .filter(e -> e.path().equals(q.path()))
                          .map(Summary.Entry::measured)
                          .findFirst());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Metric m : Metric.values()) {
        Map<String, Object> row =
            compareRow(
                m,
                m.of(q.measured()),
                before.map(x -> m.of(x.measured())),
                base.map(m::of),
                Shifts.noise(t.runs(), Optional.of(q.path()), m.figure()));
        row.put("subject", q.path());
        rows.add(row);
      }
      requestSubjects.add(Templates.view("rows", rows));
    }

    List<Map<String, Object>> overallCharts = new ArrayList<>();
    List<Map<String, Object>> requestCharts = new ArrayList<>();
    List<String> paths = requestPaths(t.runs());
    List<Shifts.Shift> shifts = Shifts.inTrend(t.runs());
    for (Metric m : Metric.values()) {
      String id = anchor + "-" + m.key();
      charts.add(overallChart(t, m, id, shifts));
      Optional<String> baseline =
          t.baseline()
              .map(b -> m.of(b.summary().measured()))
              .filter(Double::isFinite)
              .map(v -> "baseline " + m.format(v));
      overallCharts.add(
          Templates.view(
              "id", id,
              "title", title(m, "all requests, measured"),
              "baseline", baseline.orElse(""),
              "hasBaseline", baseline.isPresent()));
      if (!paths.isEmpty()) {
        String rid = anchor + "-" + m.key() + "-requests";
        charts.add(requestChart(t, m, rid, paths, shifts));
        requestCharts.add(Templates.view("id", rid, "title", title(m, "per request, measured")));
      }
    }

    List<Map<String, Object>> runs = new ArrayList<>();
    for (int i = t.runs().size() - 1; i >= 0; i--) {
      runs.add(runRow(t.runs().get(i), i + 1, present));
    }
    Map<String, Object> baseline =
        t.baseline()
            .<Map<String, Object>>map(
                b ->
                    Templates.view(
                        "id", b.runId().isEmpty() ? "(unnamed run)" : b.runId(),
                        "start", b.start() > 0 ? HUMAN.format(Instant.ofEpochMilli(b.start())) : "",
                        "file", b.file().getFileName().toString()))
            .orElse(null);
    return Templates.view(
        "anchor", anchor,
        "simulation", t.simulation(),
        "profile", t.profile(),
        "environment", env(t),
        "runCount", t.runs().size(),
        "runWord", t.runs().size() == 1 ? "run" : "runs",
        "first", HUMAN.format(Instant.ofEpochMilli(t.runs().get(0).startEpochMillis())),
        "last", side(last),
        "previous", previous.map(TrendView::side).map(List::of).orElse(List.of()),
        "hasPrevious", previous.isPresent(),
        "baseline", baseline == null ? List.of() : List.of(baseline),
        "hasBaseline", baseline != null,
        "baselineFile", baselines.where(t.simulation(), t.profile(), t.environment()),
        "figureRows", figureRows,
        "requestSubjects", requestSubjects,
        "hasRequests", !requestSubjects.isEmpty(),
        "overallCharts", overallCharts,
        "requestCharts", requestCharts,
        "hasRequestCharts", !requestCharts.isEmpty(),
        "shifts", shifts.stream().map(TrendView::shiftRow).toList(),
        "hasShifts", !shifts.isEmpty(),
        "noShifts",
            t.runs().size() < 2 * io.perfgate.statistics.ChangePoints.Options.DEFAULT.minSegment()
                ? "Too few runs yet to look for change points: a shift needs "
                    + io.perfgate.statistics.ChangePoints.Options.DEFAULT.minSegment()
                    + " runs on each side."
                : "No change point: every figure stayed within its noise over these runs.",
        "runs", runs);
  }

  private static Map<String, Object> shiftRow(Shifts.Shift s) {
    return Templates.view(
        "figure", s.figure().label(),
        "subject", s.subject(),
        "size", s.size(),
        "sizeClass", s.worse() ? "worse" : "better",
        "before", s.value(s.before()),
        "after", s.value(s.after()),
        "number", s.number(),
        "run", s.run(),
        "commit", s.commit().map(TrendView::shortCommit).orElse(""),
        "hasCommit", s.commit().isPresent(),
        "pValue", String.format(Locale.ROOT, "%.3f", s.pValue()));
  }

  private static Map<String, Object> side(RunRecord r) {
    return Templates.view(
        "id", r.runId(),
        "start", HUMAN.format(Instant.ofEpochMilli(r.startEpochMillis())),
        "verdict", r.verdict().name(),
        "verdictClass", verdictClass(r.verdict()),
        "commit", r.commit().map(TrendView::shortCommit).orElse(""),
        "hasCommit", r.commit().isPresent());
  }

  private static Map<String, Object> compareRow(
      Metric m, double last, Optional<Double> previous, Optional<Double> baseline, Noise noise) {
    Optional<Double> vsPrevious = previous.map(p -> change(p, last));
    Optional<Double> vsBaseline = baseline.map(b -> change(b, last));
    Map<String, Object> row =
        Templates.view(
            "metric", m.label,
            "last", m.format(last),
            "previous", previous.map(m::format).orElse("—"),
            "vsPrevious", vsPrevious.map(TrendView::changeText).orElse("—"),
            "vsPreviousClass",
                previous.map(p -> direction(m, change(p, last), last - p, noise)).orElse("flat"),
            "baseline", baseline.map(m::format).orElse("—"),
            "vsBaseline", vsBaseline.map(TrendView::changeText).orElse("—"),
            "vsBaselineClass",
                baseline.map(b -> direction(m, change(b, last), last - b, noise)).orElse("flat"));
    return row;
  }

  private static Map<String, Object> runRow(RunRecord r, int number, Predicate<String> present) {
    List<Map<String, Object>> links = new ArrayList<>();
    link(links, "Gatling report", r.gatlingReport(), present);
    link(links, "perfgate page", r.perfgatePage(), present);
    List<String> flags = new ArrayList<>();
    if (r.truncated()) {
      flags.add("log cut short");
    }
    if (r.aborted()) {
      flags.add("aborted");
    }
    return Templates.view(
        "number", number,
        "id", r.runId(),
        "start", HUMAN.format(Instant.ofEpochMilli(r.startEpochMillis())),
        "commit", r.commit().map(TrendView::shortCommit).orElse(""),
        "commitFull", r.commit().orElse(""),
        "verdict", r.verdict().name(),
        "verdictClass", verdictClass(r.verdict()),
        "flags", String.join(", ", flags),
        "hasFlags", !flags.isEmpty(),
        "count", Long.toString(r.measured().count()),
        "p95", Metric.P95.format(r.measured().p95()),
        "p99", Metric.P99.format(r.measured().p99()),
        "errors", Metric.ERRORS.format(r.measured().errorPercent()),
        "rps", Metric.RPS.format(r.measured().rps()),
        "links", links);
  }

  /** A link from results/trend/ to a file of the results folder, or its name when it is gone. */
  private static void link(
      List<Map<String, Object>> links, String label, String relative, Predicate<String> present) {
    if (relative.isEmpty()) {
      return;
    }
    boolean exists = present.test(relative);
    links.add(
        Templates.view(
            "label",
            label,
            "href",
            exists ? href(relative) : "",
            "exists",
            exists,
            "missing",
            exists ? "" : label + ": " + relative + " is no longer there"));
  }

  // ---- chart data ----

  private static ObjectNode chart(Trend t, Metric m, String id) {
    ObjectNode c = NODES.objectNode();
    c.put("id", id);
    c.put("metric", m.key());
    c.put("unit", m.unit);
    c.put("color", m.color);
    ArrayNode runs = c.putArray("runs");
    ArrayNode labels = c.putArray("labels");
    ArrayNode ticks = c.putArray("ticks");
    for (RunRecord r : t.runs()) {
      runs.add(r.runId());
      labels.add(HUMAN.format(Instant.ofEpochMilli(r.startEpochMillis())));
      ticks.add(TICK.format(Instant.ofEpochMilli(r.startEpochMillis())));
    }
    return c;
  }

  private static ObjectNode overallChart(Trend t, Metric m, String id, List<Shifts.Shift> shifts) {
    ObjectNode c = chart(t, m, id);
    ArrayNode changes = c.putArray("changes");
    for (Shifts.Shift s : shifts) {
      if (s.subject().equals(Shifts.ALL) && s.figure() == m.figure()) {
        changes.add(change(0, s));
      }
    }
    ArrayNode series = c.putArray("series");
    ObjectNode s = series.addObject();
    s.put("label", "all requests");
    ArrayNode values = s.putArray("values");
    t.runs().forEach(r -> values.add(value(m.of(r.measured()))));
    if (t.baseline().isPresent()
        && Double.isFinite(m.of(t.baseline().get().summary().measured()))) {
      Baseline b = t.baseline().get();
      c.putObject("baseline").put("value", m.of(b.summary().measured()));
    } else {
      c.putNull("baseline");
    }
    return c;
  }

  private static ObjectNode requestChart(
      Trend t, Metric m, String id, List<String> paths, List<Shifts.Shift> shifts) {
    ObjectNode c = chart(t, m, id);
    ArrayNode changes = c.putArray("changes");
    for (Shifts.Shift s : shifts) {
      if (s.figure() == m.figure() && paths.contains(s.subject())) {
        changes.add(
            change(paths.indexOf(s.subject()), s).put("label", s.subject() + " " + s.size()));
      }
    }
    ArrayNode series = c.putArray("series");
    for (String path : paths) {
      ObjectNode s = series.addObject();
      s.put("label", path);
      ArrayNode values = s.putArray("values");
      for (RunRecord r : t.runs()) {
        Optional<RunRecord.Request> q = request(r, path);
        if (q.isPresent()) {
          values.add(value(m.of(q.get().measured())));
        } else {
          values.addNull();
        }
      }
    }
    c.putNull("baseline");
    return c;
  }

  /** A change point as the chart's script marks it: the first run after the shift, its size. */
  private static ObjectNode change(int series, Shifts.Shift s) {
    ObjectNode o = NODES.objectNode();
    o.put("series", series);
    o.put("index", s.number() - 1);
    o.put("label", s.size());
    o.put("worse", s.worse());
    o.put("title", s.describe() + String.format(Locale.ROOT, ", p = %.3f", s.pValue()));
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode value(double v) {
    return Double.isFinite(v) ? NODES.numberNode(v) : NODES.nullNode();
  }

  /** Every request path of the runs, in the order first seen (newest run's order first). */
  private static List<String> requestPaths(List<RunRecord> runs) {
    Set<String> paths = new LinkedHashSet<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      runs.get(i).requests().forEach(q -> paths.add(q.path()));
    }
    return List.copyOf(paths);
  }

  private static Optional<RunRecord.Request> request(RunRecord r, String path) {
    return r.requests().stream().filter(q -> q.path().equals(path)).findFirst();
  }

  /**
   * JSON to place inside a script element: "<", ">" and "&" only ever occur inside JSON strings,
   * where their \\u escapes mean the same, so no "</script>" in a request name can end the element.
   */
  static String scriptJson(ObjectNode data) {
    try {
      return MAPPER
          .writeValueAsString(data)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026")
          .replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serializes to a string", e);
    }
  }

  // ---- words and numbers ----

  /** Relative change from {@code before} to {@code now}: 0.1 = 10 % higher; NaN when unknown. */
  static double change(double before, double now) {
    if (!Double.isFinite(before) || !Double.isFinite(now)) {
      return Double.NaN;
    }
    if (before == 0) {
      return now == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return (now - before) / before;
  }

  static String changeText(double change) {
    if (Double.isNaN(change)) {
      return "n/a";
    }
    if (Double.isInfinite(change)) {
      return "up from 0";
    }
    String text = fixed(change * 100, 1);
    if (text.equals("-0.0")) {
      text = "0.0";
    }
    return (change > 0 && !text.equals("0.0") ? "+" : "") + text + "%";
  }

  /**
   * "worse", "better" or "flat", whichever way is worse for the metric: flat when the change is
   * unknown or the step ({@code now − then}, in the metric's unit) is within the series' noise, so
   * ordinary run-to-run wobble is not coloured as news.
   */
  static String direction(Metric m, double change, double step, Noise noise) {
    if (Double.isNaN(change) || Double.isNaN(step) || noise.withinNoise(step)) {
      return "flat";
    }
    return (step > 0) == m.higherIsWorse ? "worse" : "better";
  }

  private static String title(Metric m, String what) {
    String unit = m.unit.equals("/s") ? "requests/s" : m.unit;
    return m.label + ", " + what + " (" + unit + ")";
  }

  private static String verdictClass(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  private static String env(Trend t) {
    return t.environment().isEmpty() ? "default" : t.environment();
  }

  private static String shortCommit(String commit) {
    return commit.length() > 10 ? commit.substring(0, 10) : commit;
  }

  /** A path relative to the results folder as a link from results/trend/, each segment encoded. */
  static String href(String relative) {
    try {
      return new URI(null, null, "../" + relative, null).getRawPath();
    } catch (URISyntaxException e) {
      return "../" + relative;
    }
  }

  static String slug(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return s.isEmpty() ? "x" : s;
  }

  private static String unique(Set<String> taken, String anchor) {
    String candidate = anchor;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = anchor + "-" + i;
    }
    return candidate;
  }

  private static String number(double value, int scale) {
    return BigDecimal.valueOf(value)
        .setScale(scale, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
