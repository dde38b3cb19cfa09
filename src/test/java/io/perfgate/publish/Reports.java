package io.perfgate.publish;

import io.perfgate.analysis.ResourceAnalysis;
import io.perfgate.gate.Bounds;
import io.perfgate.gate.Gate;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Tier;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.Series;
import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.Finding.Horizon;
import io.perfgate.summary.Finding.Kind;
import io.perfgate.summary.Finding.Recommendation;
import io.perfgate.summary.Finding.Severity;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Second;
import io.perfgate.summary.Summary;
import io.perfgate.summary.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  static Summary.Run run(String scenario, boolean truncated, boolean aborted, String reason) {
    return new Summary.Run(
        "trackersimulation-20261123150446734",
        "io.perfgate.simulations.TrackerSimulation",
        scenario,
        "staging",
        "https://staging.example.com",
        START,
        START + DURATION,
        "3.15.1",
        List.of(),
        truncated,
        aborted,
        Optional.ofNullable(reason),
        WARM_UP,
        "../index.html",
        "",
        List.of(),
        Map.of("scale", "0.4", "sla.regression.runs", "3"));
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
        Gate.Kind.SLA,
        scope,
        criterion,
        threshold,
        OptionalDouble.of(actual),
        unit,
        passed,
        Optional.ofNullable(tier),
        "resources/perfgate.conf:12");
  }

  static List<Summary.Entry> requests() {
    return List.of(
        new Summary.Entry(
            "health",
            List.of(),
            figures(1200, 0, 4, 9, 14, 20),
            figures(1000, 0, 3, 8, 12, 19.2),
            Optional.empty()),
        new Summary.Entry(
            "list-jobs",
            List.of(),
            figures(900, 3, 40, 120, 180, 15),
            figures(750, 2, 38, 110, 160, 14.4),
            Optional.empty()),
        new Summary.Entry(
            "clustered-failures",
            List.of("triage"),
            figures(600, 12, 210, 812, 1400, 10),
            figures(500, 10, 205, 790, 1300, 9.6),
            Optional.empty()),
        new Summary.Entry(
            "job-detail",
            List.of("triage"),
            figures(600, 0, 30, 95, 140, 10),
            figures(500, 0, 28, 90, 130, 9.6),
            Optional.empty()),
        new Summary.Entry(
            "import-results",
            List.of(),
            figures(300, 0, 60, 150, 200, 5),
            figures(250, 0, 58, 140, 190, 4.8),
            Optional.empty()),
        new Summary.Entry(
            "list-jobs-page-2",
            List.of(),
            figures(300, 0, 45, 100, 150, 5),
            figures(250, 0, 44, 97, 140, 4.8),
            Optional.empty()));
  }

  static List<Summary.Entry> groups() {
    return List.of(
        new Summary.Entry(
            "triage",
            List.of(),
            figures(600, 12, 260, 900, 1500, 10),
            figures(500, 10, 250, 880, 1450, 9.6),
            Optional.empty()));
  }

  static List<Second> seconds(boolean spiky) {
    List<Second> out = new ArrayList<>();
    for (int s = 0; s < 62; s++) {
      long users = Math.min(10, s + 1);
      long requests = users * 6 + (s % 3);
      long errors = spiky && s > 40 && s < 46 ? 4 : 0;
      long p95 = s < 8 ? 400 - s * 40 : (spiky && s > 38 ? 800 : 90 + s % 7);
      out.add(
          new Second(
              s,
              users,
              0,
              0,
              new Figures(
                  requests,
                  requests - errors,
                  errors,
                  p95 / 4,
                  p95 * 2,
                  p95 / 2.0,
                  p95 / 4.0,
                  p95 / 2,
                  p95 * 3 / 4,
                  p95,
                  p95 + 10,
                  p95 + 20,
                  requests)));
    }
    return out;
  }

  static Summary passing() {
    return new Summary(
        run("benchmark", false, false, null),
        figures(3900, 3, 30, 180, 900, 62.9),
        figures(3250, 2, 28, 150, 700, 62.5),
        requests(),
        groups(),
        List.of(
            new Summary.Phase(
                "1 user", 1, 0, 20_000, figures(400, 0, 20, 40, 60, 20), OptionalDouble.of(1.0)),
            new Summary.Phase(
                "10 users",
                10,
                20_000,
                40_000,
                figures(1600, 0, 25, 60, 90, 80),
                OptionalDouble.of(0.92)),
            new Summary.Phase(
                "25 users",
                25,
                40_000,
                62_000,
                figures(1900, 3, 40, 120, 200, 86),
                OptionalDouble.of(0.41))),
        seconds(false),
        List.of(),
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
        OptionalDouble.of(0.97),
        Optional.empty(),
        Verdict.PASS,
        Optional.empty(),
        List.of());
  }

  static Summary failing() {
    return new Summary(
        run("stress", false, false, null),
        figures(3900, 80, 120, 1450, 2900, 62.9),
        figures(3250, 70, 110, 812, 2100, 62.5),
        requests(),
        groups(),
        List.of(),
        seconds(true),
        List.of(
            new ErrorCount("status.find.in(200,201), but actually found 503", 60, 75.0),
            new ErrorCount("Request timeout to 127.0.0.1:8080 after 60000 ms", 20, 25.0)),
        List.of(),
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
        OptionalDouble.of(0.71),
        Optional.empty(),
        Verdict.FAIL,
        Optional.empty(),
        List.of());
  }

  static Summary withBaseline() {
    Summary p = passing();
    return new Summary(
        run("baseline", false, false, null),
        p.global(),
        p.measured(),
        p.requests(),
        p.groups(),
        List.of(),
        p.perSecond(),
        p.errors(),
        List.of(),
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
        OptionalDouble.empty(),
        Optional.of(
            new Summary.BaselineDiff(
                "trackersimulation-20261116150000000",
                START - 7 * 86_400_000L,
                List.of(
                    new Summary.Delta("global", "p95", 134, 150, 0.1194),
                    new Summary.Delta("global", "rps", 64.0, 62.5, -0.0234),
                    new Summary.Delta("global", "errors %", 0, 0.0615, Double.POSITIVE_INFINITY),
                    new Summary.Delta("health", "p95", 8, 8, 0.0)))),
        Verdict.WARN,
        Optional.empty(),
        List.of());
  }

  static Summary aborted() {
    Summary.Run base = run("spike", true, true, "Too many errors: 35% of requests failed");
    Summary.Run run =
        new Summary.Run(
            base.id(),
            base.simulation(),
            base.scenario(),
            base.environment(),
            base.target(),
            base.startEpochMillis(),
            START + 21_500,
            base.gatlingVersion(),
            List.of(),
            true,
            true,
            base.abortReason(),
            base.warmUpMillis(),
            base.gatlingReport(),
            "",
            List.of("Only 21 s of the planned 5 min ran."),
            Map.of());
    return new Summary(
        run,
        figures(800, 280, 300, 3000, 6000, 37.2),
        figures(500, 200, 320, 3200, 6100, 43.5),
        List.of(
            new Summary.Entry(
                "health",
                List.of(),
                figures(800, 280, 300, 3000, 6000, 37.2),
                figures(500, 200, 320, 3200, 6100, 43.5),
                Optional.empty())),
        List.of(),
        List.of(),
        seconds(true).subList(0, 21),
        List.of(new ErrorCount("j.n.ConnectException: Connection refused", 280, 100)),
        List.of(),
        List.of(
            gate("global", "p95 < 500ms", 500, 3200, "ms", false, Tier.CRITICAL),
            new GateResult(
                "request import-results p95 < 800ms",
                Gate.Kind.SLA,
                "request import-results",
                "p95 < 800ms",
                800,
                OptionalDouble.empty(),
                "ms",
                false,
                Optional.empty(),
                "resources/perfgate.conf:20")),
        List.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        Verdict.FAIL,
        Optional.empty(),
        List.of());
  }

  /** Names and messages with every character that breaks a careless writer. */
  static final String ODD_REQUEST = "search \"q\" <b>&amp; 'x' | *y* café 日本 ✓";

  static final String ODD_MESSAGE = "body <html> didn't match ]]> & \"quote\"\u0001 end";

  static Summary oddNames() {
    Summary.Run base = run("odd.profile", false, false, null);
    Summary.Run run =
        new Summary.Run(
            "run <1> & \"co\"",
            "Sim<Odd>",
            "odd.profile",
            "env&\"x\"",
            "http://127.0.0.1:8080/?a=1&b=<2>",
            base.startEpochMillis(),
            base.endEpochMillis(),
            "3.15.1",
            List.of(),
            false,
            false,
            Optional.empty(),
            base.warmUpMillis(),
            "../index.html",
            "",
            List.of("warning with <tag> & ampersand"),
            Map.of());
    Figures f = figures(100, 1, 10, 20, 30, 5);
    return new Summary(
        run,
        f,
        f,
        List.of(new Summary.Entry(ODD_REQUEST, List.of("grp <&>"), f, f, Optional.empty())),
        List.of(new Summary.Entry("grp <&>", List.of(), f, f, Optional.empty())),
        List.of(new Summary.Phase("phase <1>", 1, 0, 60_000, f, OptionalDouble.empty())),
        seconds(false),
        List.of(new ErrorCount(ODD_MESSAGE, 1, 100)),
        List.of(),
        List.of(
            new GateResult(
                "request " + ODD_REQUEST + " p95 < 10ms",
                Gate.Kind.SLA,
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
        OptionalDouble.empty(),
        Optional.empty(),
        Verdict.FAIL,
        Optional.empty(),
        List.of());
  }

  /** Nothing listens at the target: every request failed, and the analysis says why. */
  static Summary targetDown() {
    String refused =
        "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused";
    return new Summary(
        run("smoke", false, false, null),
        figures(143, 143, 1, 2, 3, 28.6),
        figures(120, 120, 1, 2, 3, 30),
        List.of(),
        List.of(),
        List.of(),
        seconds(false),
        List.of(new ErrorCount(refused, 143, 100)),
        List.of(
            new io.perfgate.summary.Explanation(
                "connection-refused",
                "127.0.0.1:9",
                143,
                "connection refused on 127.0.0.1:9: is the target running? Nothing listens on that"
                    + " port (143 requests failed).")),
        List.of(
            gate("global", "p95 < 500ms", 500, 2, "ms", true, Tier.TARGET),
            gate("global", "errors < 1%", 1, 100, "%", false, Tier.CRITICAL)),
        List.of(),
        OptionalDouble.of(0.0),
        Optional.empty(),
        Verdict.FAIL,
        Optional.empty(),
        List.of());
  }

  /**
   * A soak run whose target leaks 0.5 MB a second after a growing warm-up, with a named Prometheus
   * gauge and an injector that ran out of CPU: resources judged by the real analysis.
   */
  static Summary withResources() {
    Summary base = passing();
    long start = base.run().startEpochMillis();
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
            "",
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
    Summary.Run b = base.run();
    Summary.Run run =
        new Summary.Run(
            b.id(),
            b.simulation(),
            "soak",
            b.environment(),
            b.target(),
            b.startEpochMillis(),
            b.endEpochMillis(),
            b.gatlingVersion(),
            List.of(),
            b.truncated(),
            b.aborted(),
            b.abortReason(),
            b.warmUpMillis(),
            b.gatlingReport(),
            "",
            warnings,
            Map.of());
    return new Summary(
        run,
        base.global(),
        base.measured(),
        base.requests(),
        base.groups(),
        base.phases(),
        base.perSecond(),
        base.errors(),
        List.of(),
        gates,
        findings,
        base.apdex(),
        base.baseline(),
        Verdict.FAIL,
        Optional.empty(),
        List.of(r.report()));
  }

  /**
   * A short run: a p99 gate on a request with too few values and a tier gate on p99.9 left
   * unjudged, regression gates against the last 3 runs (one of them a regression), and an error
   * finding that three requests share.
   */
  static Summary notJudged() {
    Summary p = passing();
    GateResult health =
        new GateResult(
            "request health p99 < 100ms",
            Gate.Kind.SLA,
            "request health",
            "p99 < 100ms",
            100,
            OptionalDouble.of(112),
            "ms",
            true,
            GateResult.Outcome.NOT_ENOUGH_DATA,
            "not enough data: 25 requests, p99 needs 1,000",
            Optional.empty(),
            "resources/perfgate.conf:65");
    GateResult tier =
        new GateResult(
            "global p99.9 < 3000ms",
            Gate.Kind.TIER,
            "global",
            "p99.9 < 3000ms",
            3000,
            OptionalDouble.of(340),
            "ms",
            true,
            GateResult.Outcome.NOT_ENOUGH_DATA,
            "not enough data: 976 requests, p99.9 needs 10,000",
            Optional.empty(),
            "reference.conf:181");
    GateResult regression =
        new GateResult(
            "global p95 no regression",
            Gate.Kind.REGRESSION,
            "global",
            "p95 no regression",
            157.5,
            OptionalDouble.of(168),
            "ms",
            false,
            GateResult.Outcome.FAILED,
            "p95 +12 % [+8 %, +16 %] against the last 3 runs: regression, slower by more than 7.5"
                + " ms (the larger of 5 % and 5 ms) and beyond the noise",
            Optional.empty(),
            "the last passing runs (at most 5) of TrackerSimulation, profile benchmark in"
                + " results/history.jsonl");
    GateResult noBaselineData =
        new GateResult(
            "global throughput no regression",
            Gate.Kind.REGRESSION,
            "global",
            "throughput no regression",
            Double.NaN,
            OptionalDouble.of(62.5),
            "/s",
            true,
            GateResult.Outcome.NOT_ENOUGH_DATA,
            "not enough data: 4 s in this run, a verdict needs 5 s (against the last 3 runs)",
            Optional.empty(),
            "history");
    Finding shared =
        new Finding(
            Severity.CRITICAL,
            Kind.ERRORS,
            "health, list-jobs and triage / job-detail",
            List.of("health", "list-jobs", "triage / job-detail"),
            "3 requests fail too often. health: 2.00% of requests failed (20 of 1000; critical"
                + " above 1%). list-jobs: 3.00% of requests failed (23 of 750; critical above 1%)."
                + " triage / job-detail: 4.00% of requests failed (20 of 500; critical above 1%)",
            List.of(
                new Recommendation(
                    Horizon.IMMEDIATE,
                    "Read the target's logs for health, list-jobs and triage / job-detail at the"
                        + " times of the failures, starting with the most frequent message."),
                new Recommendation(
                    Horizon.SHORT_TERM,
                    "Check the limits the errors point at (connection pools, rate limits,"
                        + " timeouts) and whether they are sized for this load."),
                new Recommendation(
                    Horizon.LONG_TERM,
                    "Keep an error-rate gate on health, list-jobs and triage / job-detail so that"
                        + " failures under load break the build.")));
    long day = 86_400_000L;
    return new Summary(
        run("smoke", false, false, null),
        p.global(),
        p.measured(),
        p.requests(),
        p.groups(),
        List.of(),
        p.perSecond(),
        p.errors(),
        List.of(),
        List.of(
            gate("global", "p95 < 500ms", 500, 150, "ms", true, Tier.TARGET),
            tier,
            health,
            regression,
            noBaselineData),
        List.of(shared),
        OptionalDouble.empty(),
        Optional.of(
            new Summary.BaselineDiff(
                "trackersimulation-20261122150000000",
                START - day,
                Summary.BaselineKind.ROLLING,
                "the last 3 runs",
                List.of(
                    new Summary.BaselineRun("trackersimulation-20261120150000000", START - 3 * day),
                    new Summary.BaselineRun("trackersimulation-20261121150000000", START - 2 * day),
                    new Summary.BaselineRun("trackersimulation-20261122150000000", START - day)),
                "spread between the last 3 runs (Student t prediction interval for one more run)",
                List.of(
                    "Run trackersimulation-20261119150000000 was left out: it kept no distributions."),
                List.of(new Summary.Delta("global", "p95", 150, 168, 0.12)))),
        Verdict.FAIL,
        Optional.empty(),
        List.of());
  }

  static List<Summary> all() {
    return List.of(
        passing(),
        failing(),
        withBaseline(),
        aborted(),
        oddNames(),
        targetDown(),
        withResources(),
        notJudged());
  }
}
