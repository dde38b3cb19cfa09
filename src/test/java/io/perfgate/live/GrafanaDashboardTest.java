package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * resources/grafana/perfgate-dashboard.json against what perfgate exports: every expression queries
 * metrics the live registry really has, with the suffixes its types add, and the file has the shape
 * Grafana imports.
 */
class GrafanaDashboardTest {
  static final String RESOURCE = "/grafana/perfgate-dashboard.json";
  static final Pattern METRIC = Pattern.compile("\\bperfgate_[a-zA-Z0-9_]+");
  static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  static final Set<String> LABELS =
      Set.of(
          "simulation",
          "profile",
          "env",
          "injector",
          "request",
          "status",
          "class",
          "scenario",
          "phase",
          "criterion",
          "gate",
          "resource",
          "le");

  static JsonNode dashboard() throws Exception {
    try (InputStream in = GrafanaDashboardTest.class.getResourceAsStream(RESOURCE)) {
      assertTrue(in != null, RESOURCE + " is on the test class path (resources/ is a test root)");
      return new ObjectMapper().readTree(in);
    }
  }

  /** Every PromQL expression of the dashboard: panel targets and variable queries. */
  static List<String> expressions(JsonNode d) {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : d.get("panels")) {
      for (JsonNode t : panel.path("targets")) {
        out.add(t.get("expr").asText());
      }
    }
    for (JsonNode v : d.at("/templating/list")) {
      if (v.get("type").asText().equals("query")) {
        out.add(v.get("definition").asText());
      }
    }
    return out;
  }

  /** The sample names a recorder that saw one of everything exposes, as its registry says. */
  static Set<String> exported() {
    LiveRecorder r = LivePrometheusTest.recorder();
    long now = System.currentTimeMillis();
    r.start(now);
    r.probe("a").answered(List.of(), now, now + 5);
    r.summary(
        new ConsoleSummary(
            1,
            0,
            1,
            List.of(new ConsoleSummary.Count("a", 0, 1)),
            List.of(new ConsoleSummary.ErrorCount("status.find.in(200), found 500", 1)),
            List.of(new ConsoleSummary.Users("a", -1, 1, 0))),
        now + 1000);
    r.phase("hold");
    r.progress(1, 2);
    r.plannedArrivalsPerSecond(3);
    r.injectorHealth(() -> new InjectorHealth(0.1, 1, 0.5));
    r.targetResources(
        () ->
            List.of(
                new TargetSample("rss", TargetSample.Unit.BYTES, 1),
                new TargetSample("cpu", TargetSample.Unit.RATIO, 0.1),
                new TargetSample("threads", TargetSample.Unit.COUNT, 3)));
    List<StopStanding.Criterion> criteria = new ArrayList<>();
    for (StopStanding.Kind k : StopStanding.Kind.values()) {
      criteria.add(new StopStanding.Criterion(k, 0, 1, false));
    }
    r.stopCriteria(new StopStanding(10, 1, criteria));
    r.gates(List.of(new GateStanding("p95 < 1s", "5 ms", "< 1 s", GateStanding.State.PASS)));
    r.tick();
    return r.metrics().sampleNames();
  }

  @Test
  void theRegistryNamesWhatItExportsWithTheSuffixesOfItsTypes() {
    Set<String> names = exported();
    for (String n :
        List.of(
            "perfgate_requests_total",
            "perfgate_request_duration_seconds_bucket",
            "perfgate_request_duration_seconds_count",
            "perfgate_request_duration_seconds_sum",
            "perfgate_errors_total",
            "perfgate_users_started_total",
            "perfgate_injector_gc_seconds_total",
            "perfgate_run_phase_info",
            "perfgate_users_active")) {
      assertTrue(names.contains(n), n + " in " + names);
    }
    for (String n : names) {
      assertTrue(n.startsWith("perfgate_"), n);
    }
  }

  @Test
  void everyExpressionNamesAMetricPerfgateExports() throws Exception {
    Set<String> exported = exported();
    Set<String> used = new TreeSet<>();
    for (String expr : expressions(dashboard())) {
      Matcher m = METRIC.matcher(expr);
      boolean any = false;
      while (m.find()) {
        any = true;
        used.add(m.group());
        assertTrue(
            exported.contains(m.group()),
            m.group() + " (in " + expr + ") is not exported; perfgate exports " + exported);
      }
      assertTrue(any, "queries a perfgate metric: " + expr);
      Matcher g = GROUPING.matcher(expr);
      while (g.find()) {
        for (String label : g.group(1).split(",")) {
          assertTrue(LABELS.contains(label.strip()), "label " + label + " in " + expr);
        }
      }
    }
    // The dashboard covers the families the issue lists.
    for (String family :
        List.of(
            "perfgate_requests_total",
            "perfgate_request_duration_seconds_bucket",
            "perfgate_errors_total",
            "perfgate_users_active",
            "perfgate_users_started_total",
            "perfgate_arrivals_planned_per_second",
            "perfgate_injector_cpu_ratio",
            "perfgate_injector_heap_after_gc_bytes",
            "perfgate_injector_gc_seconds_total",
            "perfgate_run_phase_info")) {
      assertTrue(used.contains(family), "a panel shows " + family);
    }
  }

  @Test
  void everyPanelExpressionAggregatesOverInjectors() throws Exception {
    for (JsonNode panel : dashboard().get("panels")) {
      for (JsonNode t : panel.path("targets")) {
        String expr = t.get("expr").asText();
        assertTrue(
            expr.matches("(?s)^(sum|max|min|histogram_quantile)\\b.*"),
            "sharded injectors serve one endpoint each, so the panel aggregates: " + expr);
        if (expr.contains("_bucket")) {
          assertTrue(
              expr.matches(
                  "(?s)histogram_quantile\\([0-9.]+, sum by \\(le(, request)?\\) \\(rate\\(.*"),
              "quantiles from buckets summed by le over injectors: " + expr);
        }
        assertTrue(expr.contains("injector=~\"$injector\""), "filters by the variable: " + expr);
      }
    }
  }

  @Test
  void theJsonHasGrafanasDashboardShape() throws Exception {
    JsonNode d = dashboard();
    assertEquals("perfgate-live", d.get("uid").asText());
    assertFalse(d.get("title").asText().isBlank());
    assertTrue(d.get("schemaVersion").isInt());
    assertTrue(d.get("panels").isArray() && d.get("panels").size() > 10);
    JsonNode datasource = null;
    Set<String> variables = new HashSet<>();
    for (JsonNode v : d.at("/templating/list")) {
      variables.add(v.get("name").asText());
      if (v.get("type").asText().equals("datasource")) {
        datasource = v;
      }
    }
    assertTrue(datasource != null, "a datasource variable");
    assertEquals("datasource", datasource.get("name").asText());
    assertEquals("prometheus", datasource.get("query").asText());
    assertTrue(variables.containsAll(List.of("simulation", "profile", "env", "injector")));
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : d.get("panels")) {
      assertTrue(ids.add(p.get("id").asInt()), "panel ids are unique");
      assertFalse(p.get("title").asText().isBlank());
      JsonNode grid = p.get("gridPos");
      for (String k : List.of("h", "w", "x", "y")) {
        assertTrue(grid.get(k).isInt(), "gridPos." + k + " of " + p.get("title"));
      }
      assertTrue(grid.get("x").asInt() + grid.get("w").asInt() <= 24, "fits Grafana's 24 columns");
      if (p.get("type").asText().equals("row")) {
        continue;
      }
      assertEquals("prometheus", p.at("/datasource/type").asText());
      assertEquals("${datasource}", p.at("/datasource/uid").asText());
      assertTrue(p.get("targets").size() > 0, "targets of " + p.get("title"));
      Set<String> refs = new HashSet<>();
      for (JsonNode t : p.get("targets")) {
        assertTrue(refs.add(t.get("refId").asText()), "refIds unique in " + p.get("title"));
        assertEquals("${datasource}", t.at("/datasource/uid").asText());
      }
    }
  }
}
