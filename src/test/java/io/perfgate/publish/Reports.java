package io.perfgate.publish;

import io.perfgate.analysis.Figures;
import io.perfgate.analysis.Finding;
import io.perfgate.analysis.Finding.Horizon;
import io.perfgate.analysis.Finding.Kind;
import io.perfgate.analysis.Finding.Recommendation;
import io.perfgate.analysis.Finding.Severity;
import io.perfgate.analysis.GateResult;
import io.perfgate.analysis.ResourceAnalysis;
import io.perfgate.analysis.RunReport;
import io.perfgate.analysis.Verdict;
import io.perfgate.gate.Bounds;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Tier;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Hand-built reports, one per situation the formats must handle. */
final class Reports {
  /** 2026-11-23T15:04:46.734Z */
  static final long START = 1795446286734L;

  static final long DURATION = 62_000;
  static final long WARM_UP = 10_000;

  private Reports() {}

  static Figures figures(long count, long ko, long p50, long p95, long p99, double rps) {
    return new Figures(
        count,
        count - ko,
        ko,
        p50 / 4,
        p99 * 3,
        p50 + 5,
        p50 / 2,
        p50,
        (p50 + p95) / 2,
        p95,
        p99,
        p99 + p99 / 2,
        rps);
  }

  static RunReport.Run run(String scenario, boolean truncated, boolean aborted, String reason) {
    return new RunReport.Run(
        "trackersimulation-20261123150446734",
        "io.perfgate.simulations.TrackerSimulation",
        scenario,
        "staging",
        "https://staging.example.com",
        START,
        START + DURATION,
        "3.15.1",
        truncated,
        aborted,
        Optional.ofNullable(reason),
        WARM_UP,
        "../index.html",
        List.of());
  }

  static GateResult gate(
      String scope,
      String criterion,
      double threshold,
      double actual,
      String unit,
      boolean passed,
      Tier tier) {
    return new GateResult(
        scope + " " + criterion,
        scope,
        criterion,
        threshold,
        OptionalDouble.of(actual),
        unit,
        passed,
        Optional.ofNullable(tier),
        "resources/perfgate.conf:12");
  }

  static List<RunReport.Entry> requests() {
    return List.of(
        new RunReport.Entry(
            "health", List.of(), figures(1200, 0, 4, 9, 14, 20), figures(1000, 0, 3, 8, 12, 19.2)),
        new RunReport.Entry(
            "list-jobs",
            List.of(),
            figures(900, 3, 40, 120, 180, 15),
            figures(750, 2, 38, 110, 160, 14.4)),
        new RunReport.Entry(
            "clustered-failures",
            List.of("triage"),
            figures(600, 12, 210, 812, 1400, 10),
            figures(500, 10, 205, 790, 1300, 9.6)),
        new RunReport.Entry(
            "job-detail",
            List.of("triage"),
            figures(600, 0, 30, 95, 140, 10),
            figures(500, 0, 28, 90, 130, 9.6)),
        new RunReport.Entry(
            "import-results",
            List.of(),
            figures(300, 0, 60, 150, 200, 5),
            figures(250, 0, 58, 140, 190, 4.8)),
        new RunReport.Entry(
            "list-jobs-page-2",
            List.of(),
            figures(300, 0, 45, 100, 150, 5),
            figures(250, 0, 44, 97, 140, 4.8)));
  }

  static List<RunReport.Entry> groups() {
    return List.of(
        new RunReport.Entry(
            "triage",
            List.of(),
            figures(600, 12, 260, 900, 1500, 10),
            figures(500, 10, 250, 880, 1450, 9.6)));
  }

  static List<RunReport.Second> seconds(boolean spiky) {
    List<RunReport.Second> out = new ArrayList<>();
    for (int s = 0; s < 62; s++) {
      long users = Math.min(10, s + 1);
      long requests = users * 6 + (s % 3);
      long errors = spiky && s > 40 && s < 46 ? 4 : 0;
      long p95 = s < 8 ? 400 - s * 40 : (spiky && s > 38 ? 800 : 90 + s % 7);
      out.add(new RunReport.Second(s, requests, errors, users, p95));
    }
    return out;
  }

  static RunReport passing() {
    return new RunReport(
        run("benchmark", false, false, null),
        figures(3900, 3, 30, 180, 900, 62.9),
        figures(3250, 2, 28, 150, 700, 62.5),
        requests(),
        groups(),
        List.of(
            new RunReport.Phase(
                "1 user", 1, 0, 20_000, figures(400, 0, 20, 40, 60, 20), Optional.of(1.0)),
            new RunReport.Phase(
                "10 users",
                10,
                20_000,
                40_000,
                figures(1600, 0, 25, 60, 90, 80),
                Optional.of(0.92)),
            new RunReport.Phase(
                "25 users",
                25,
                40_000,
                62_000,
                figures(1900, 3, 40, 120, 200, 86),
                Optional.of(0.41))),
        seconds(false),
        List.of(),
        List.of(
            gate("global", "p95 < 500ms", 500, 150, "ms", true, Tier.TARGET),
            gate("global", "errors < 1%", 1, 0.0615, "%", true, Tier.TARGET),
            gate("global", "rps > 50", 50, 62.5, "/s", true, null)),
        List.of(
            new Finding(
                Severity.INFO,
                Kind.SATURATION,
                "global",
                "Throughput stops growing at 25 users (41% scaling efficiency).",
                List.of(
                    new Recommendation(
                        Horizon.LONG_TERM, "Plan capacity for 25 users per instance.")))),
        Optional.of(0.97),
        Optional.empty(),
        Verdict.PASS);
  }

  static RunReport failing() {
    return new RunReport(
        run("stress", false, false, null),
        figures(3900, 80, 120, 1450, 2900, 62.9),
        figures(3250, 70, 110, 812, 2100, 62.5),
        requests(),
        groups(),
        List.of(),
        seconds(true),
        List.of(
            new RunReport.ErrorCount("status.find.in(200,201), but actually found 503", 60, 75.0),
            new RunReport.ErrorCount("Request timeout to 127.0.0.1:8080 after 60000 ms", 20, 25.0)),
        List.of(
            gate("global", "p95 < 500ms", 500, 812, "ms", false, Tier.ACCEPTABLE),
            gate("global", "errors < 1%", 1, 2.154, "%", false, Tier.POOR),
            gate("request health", "p95 < 25ms", 25, 8, "ms", true, Tier.TARGET),
            gate("group triage", "p99 < 2s", 2000, 1450, "ms", true, Tier.ACCEPTABLE)),
        List.of(
            new Finding(
                Severity.CRITICAL,
                Kind.LATENCY,
                "triage / clustered-failures",
                "p99 is 1300 ms (critical above 500 ms)",
                List.of(
                    new Recommendation(
                        Horizon.IMMEDIATE, "Check the slow query log for the clustering query."),
                    new Recommendation(
                        Horizon.SHORT_TERM, "Add an index on failures(job_id, signature)."))),
            new Finding(
                Severity.WARNING,
                Kind.VARIANCE,
                "list-jobs",
                "max is 5 times p99: a few requests wait far longer than the rest",
                List.of(
                    new Recommendation(
                        Horizon.LONG_TERM, "Look for lock contention or GC pauses."))),
            new Finding(
                Severity.INFO,
                Kind.CACHE,
                "triage / clustered-failures",
                "Cache hit ratio 62%.",
                List.of())),
        Optional.of(0.71),
        Optional.empty(),
        Verdict.FAIL);
  }

  static RunReport withBaseline() {
    RunReport p = passing();
    return new RunReport(
        run("baseline", false, false, null),
        p.global(),
        p.measured(),
        p.requests(),
        p.groups(),
        List.of(),
        p.perSecond(),
        p.errors(),
        List.of(
            gate("global", "p95 < 500ms", 500, 150, "ms", true, Tier.TARGET),
            gate("global", "p99 < 1s", 1000, 700, "ms", true, Tier.ACCEPTABLE)),
        List.of(
            new Finding(
                Severity.WARNING,
                Kind.REGRESSION,
                "global",
                "p95 is 12.0% above the baseline (limit 5%)",
                List.of(
                    new Recommendation(Horizon.IMMEDIATE, "Compare the two builds' changes.")))),
        Optional.empty(),
        Optional.of(
            new RunReport.BaselineDiff(
                "trackersimulation-20261116150000000",
                START - 7 * 86_400_000L,
                List.of(
                    new RunReport.Delta("global", "p95", 134, 150, 0.1194),
                    new RunReport.Delta("global", "rps", 64.0, 62.5, -0.0234),
                    new RunReport.Delta("global", "errors %", 0, 0.0615, Double.POSITIVE_INFINITY),
                    new RunReport.Delta("health", "p95", 8, 8, 0.0)))),
        Verdict.WARN);
  }

  static RunReport aborted() {
    RunReport.Run base = run("spike", true, true, "Too many errors: 35% of requests failed");
    RunReport.Run run =
        new RunReport.Run(
            base.id(),
            base.simulation(),
            base.scenario(),
            base.environment(),
            base.target(),
            base.start(),
            START + 21_500,
            base.gatlingVersion(),
            true,
            true,
            base.abortReason(),
            base.warmUpMillis(),
            base.gatlingReport(),
            List.of("Only 21 s of the planned 5 min ran."));
    return new RunReport(
        run,
        figures(800, 280, 300, 3000, 6000, 37.2),
        figures(500, 200, 320, 3200, 6100, 43.5),
        List.of(
            new RunReport.Entry(
                "health",
                List.of(),
                figures(800, 280, 300, 3000, 6000, 37.2),
                figures(500, 200, 320, 3200, 6100, 43.5))),
        List.of(),
        List.of(),
        seconds(true).subList(0, 21),
        List.of(new RunReport.ErrorCount("j.n.ConnectException: Connection refused", 280, 100)),
        List.of(
            gate("global", "p95 < 500ms", 500, 3200, "ms", false, Tier.CRITICAL),
            new GateResult(
                "request import-results p95 < 800ms",
                "request import-results",
                "p95 < 800ms",
                800,
                OptionalDouble.empty(),
                "ms",
                false,
                Optional.empty(),
                "resources/perfgate.conf:20")),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Verdict.FAIL);
  }

  /** Names and messages with every character that breaks a careless writer. */
  static final String ODD_REQUEST = "search \"q\" <b>&amp; 'x' | *y* café 日本 ✓";

  static final String ODD_MESSAGE = "body <html> didn't match ]]> & \"quote\"\u0001 end";

  static RunReport oddNames() {
    RunReport.Run base = run("odd.profile", false, false, null);
    RunReport.Run run =
        new RunReport.Run(
            "run <1> & \"co\"",
            "Sim<Odd>",
            "odd.profile",
            "env&\"x\"",
            "http://127.0.0.1:8080/?a=1&b=<2>",
            base.start(),
            base.end(),
            "3.15.1",
            false,
            false,
            Optional.empty(),
            base.warmUpMillis(),
            "../index.html",
            List.of("warning with <tag> & ampersand"));
    Figures f = figures(100, 1, 10, 20, 30, 5);
    return new RunReport(
        run,
        f,
        f,
        List.of(new RunReport.Entry(ODD_REQUEST, List.of("grp <&>"), f, f)),
        List.of(new RunReport.Entry("grp <&>", List.of(), f, f)),
        List.of(new RunReport.Phase("phase <1>", 1, 0, 60_000, f, Optional.empty())),
        seconds(false),
        List.of(new RunReport.ErrorCount(ODD_MESSAGE, 1, 100)),
        List.of(
            new GateResult(
                "request " + ODD_REQUEST + " p95 < 10ms",
                "request " + ODD_REQUEST,
                "p95 < 10ms",
                10,
                OptionalDouble.of(20),
                "ms",
                false,
                Optional.of(Tier.POOR),
                "conf & <file>:1")),
        List.of(
            new Finding(
                Severity.CRITICAL,
                Kind.ERRORS,
                ODD_REQUEST,
                "errors <1%> & \"more\"",
                List.of(
                    new Recommendation(Horizon.IMMEDIATE, "fix <script>alert(1)</script> & go")))),
        Optional.empty(),
        Optional.empty(),
        Verdict.FAIL);
  }

  /** Nothing listens at the target: every request failed, and the analysis says why. */
  static RunReport targetDown() {
    String refused =
        "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused";
    return new RunReport(
        run("smoke", false, false, null),
        figures(143, 143, 1, 2, 3, 28.6),
        figures(120, 120, 1, 2, 3, 30),
        List.of(),
        List.of(),
        List.of(),
        seconds(false),
        List.of(new RunReport.ErrorCount(refused, 143, 100)),
        List.of(
            gate("global", "p95 < 500ms", 500, 2, "ms", true, Tier.TARGET),
            gate("global", "errors < 1%", 1, 100, "%", false, Tier.CRITICAL)),
        List.of(),
        Optional.of(0.0),
        Optional.empty(),
        Verdict.FAIL,
        Optional.empty(),
        List.of(
            new io.perfgate.analysis.Explanation(
                "connection-refused",
                "127.0.0.1:9",
                143,
                "connection refused on 127.0.0.1:9: is the target running? Nothing listens on that"
                    + " port (143 requests failed).")),
        Optional.empty());
  }

  /**
   * A soak run whose target leaks 0.5 MB a second after a growing warm-up, with a named Prometheus
   * gauge and an injector that ran out of CPU: resources judged by the real analysis.
   */
  static RunReport withResources() {
    RunReport base = passing();
    long start = base.run().start();
    List<Series.Point> rss = new ArrayList<>();
    List<Series.Point> cpu = new ArrayList<>();
    List<Series.Point> pool = new ArrayList<>();
    List<Series.Point> injector = new ArrayList<>();
    for (int s = 0; s <= 62; s++) {
      long t = start + s * 1000L;
      rss.add(new Series.Point(t, (200 + (s < 5 ? s * 10 : 50 + (s - 5) * 0.5)) * 1024 * 1024));
      cpu.add(new Series.Point(t, 40 + s % 7));
      pool.add(new Series.Point(t, s % 12));
      injector.add(new Series.Point(t, 97));
    }
    ResourceSamples samples =
        new ResourceSamples(
            1000,
            Optional.of("pid 4242 (java -jar tracker.jar)"),
            false,
            List.of(
                new Series(Series.TARGET, "rss", "bytes", rss),
                new Series(Series.TARGET, "cpu", "%", cpu),
                new Series(
                    Series.PROMETHEUS, "hikaricp_connections_active{pool=\"main\"}", "", pool),
                new Series(Series.INJECTOR, "cpu", "%", injector)),
            List.of(
                "The metric db_pool_waiting was not on the target's endpoint when it was first scraped."));
    ResourceAnalysis.Result r =
        ResourceAnalysis.analyse(
            samples,
            start,
            base.run().warmUpMillis(),
            "soak",
            new ResourceSla(
                new Bounds(5, 10, 10),
                Set.of("soak"),
                0.8,
                OptionalDouble.of(512),
                OptionalDouble.of(80),
                "resources/perfgate.conf:40"),
            0);
    List<GateResult> gates = new ArrayList<>(base.gates());
    gates.addAll(r.gates());
    List<Finding> findings = new ArrayList<>(base.findings());
    findings.addAll(r.findings());
    List<String> warnings = new ArrayList<>(base.run().warnings());
    warnings.addAll(r.warnings());
    RunReport.Run b = base.run();
    RunReport.Run run =
        new RunReport.Run(
            b.id(),
            b.simulation(),
            "soak",
            b.environment(),
            b.target(),
            b.start(),
            b.end(),
            b.gatlingVersion(),
            b.truncated(),
            b.aborted(),
            b.abortReason(),
            b.warmUpMillis(),
            b.gatlingReport(),
            warnings);
    return new RunReport(
        run,
        base.global(),
        base.measured(),
        base.requests(),
        base.groups(),
        base.phases(),
        base.perSecond(),
        base.errors(),
        gates,
        findings,
        base.apdex(),
        base.baseline(),
        Verdict.FAIL,
        Optional.empty(),
        List.of(),
        Optional.of(r.report()));
  }

  static List<RunReport> all() {
    return List.of(
        passing(), failing(), withBaseline(), aborted(), oddNames(), targetDown(), withResources());
  }
}
