package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.analysis.Explanations;
import io.perfgate.results.SlidingWindow;
import io.perfgate.summary.Figures;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LiveRecorderTest {
  static final long T0 = 1_700_000_000_000L;
  static final String CANARY = "pg-canary-7f3a";
  static final RunLabels LABELS = new RunLabels("TrackerSimulation", "smoke", "staging", "0");

  final AtomicLong now = new AtomicLong(T0);

  static LiveRecorder recorder(LiveSettings settings, AtomicLong clock) {
    return new LiveRecorder(
        LABELS,
        "https://user:" + CANARY + "@shop.example.com",
        settings,
        LiveRecorderTest::mask,
        Explanations::errorClass,
        clock::get);
  }

  /** A recorder whose run started at T0. */
  LiveRecorder recorder(LiveSettings settings) {
    LiveRecorder r = recorder(settings, now);
    r.start(T0);
    return r;
  }

  LiveRecorder recorder() {
    return recorder(LiveSettings.defaults());
  }

  static String mask(String text) {
    return text == null ? null : text.replace(CANARY, "***");
  }

  /** An answer of {@code ms} ending {@code end} ms into the run. */
  static void answer(LiveRecorder.Probe p, List<String> groups, int end, int ms) {
    p.answered(groups, T0 + end - ms, T0 + end);
  }

  static void answer(LiveRecorder.Probe p, int end, int ms) {
    answer(p, List.of(), end, ms);
  }

  /** Cumulative console counts: path, ok, ko, ... */
  static List<ConsoleSummary.Count> counts(Object... pathOkKo) {
    List<ConsoleSummary.Count> out = new ArrayList<>();
    for (int i = 0; i < pathOkKo.length; i += 3) {
      out.add(
          new ConsoleSummary.Count(
              (String) pathOkKo[i],
              ((Number) pathOkKo[i + 1]).longValue(),
              ((Number) pathOkKo[i + 2]).longValue()));
    }
    return out;
  }

  /** A console summary printed {@code at} ms into the run, its totals summed from the counts. */
  static void summary(
      LiveRecorder r,
      int at,
      List<ConsoleSummary.Count> counts,
      List<ConsoleSummary.ErrorCount> errors,
      List<ConsoleSummary.Users> users) {
    long ok = counts.stream().mapToLong(ConsoleSummary.Count::ok).sum();
    long ko = counts.stream().mapToLong(ConsoleSummary.Count::ko).sum();
    r.summary(new ConsoleSummary(at / 1000, ok, ko, counts, errors, users), T0 + at);
  }

  static void summary(LiveRecorder r, int at, List<ConsoleSummary.Count> counts) {
    summary(r, at, counts, List.of(), List.of());
  }

  static String metricsText(PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.DEFAULT);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String json(LiveRecorder r) {
    return new String(LiveJson.write(r.view(0)), StandardCharsets.UTF_8);
  }

  @Test
  void countsComeFromTheConsoleAndExactPercentilesFromTheProbe() throws IOException {
    LiveRecorder r = recorder();
    LiveRecorder.Probe home = r.probe("home");
    LiveRecorder.Probe search = r.probe("search");
    // Second 0: 10, 20, 30, 40 ms OK and a 400 ms answer that failed its check.
    int[] first = {10, 20, 30, 40, 400};
    for (int i = 0; i < first.length; i++) {
      answer(home, 100 + i * 150, first[i]);
    }
    summary(r, 1_030, counts("home", 4, 1));
    // Second 1: nothing. Second 2: 7 ms.
    summary(r, 2_030, counts("home", 4, 1));
    answer(search, 2_500, 7);
    summary(r, 3_030, counts("home", 4, 1, "search", 1, 0));
    now.set(T0 + 3_400);

    LiveView v = r.view(0);
    assertEquals(0, v.from());
    assertEquals(2, v.to(), "up to the last second the console counted");
    assertArrayEquals(new int[] {4, 0, 1}, v.all().ok());
    assertArrayEquals(new int[] {1, 0, 0}, v.all().ko());
    // Nearest rank over {10, 20, 30, 40, 400}: ceil(.5*5)=3 -> 30, ceil(.95*5)=5 -> 400.
    assertArrayEquals(new int[] {30, -1, 7}, v.all().p50());
    assertArrayEquals(new int[] {400, -1, 7}, v.all().p95());
    LiveView.SeriesView h = v.requests().get(0);
    assertEquals("home", h.name());
    assertEquals(5, h.count());
    assertEquals(1, h.failed());
    assertEquals(5, h.answers());
    assertEquals((10 + 20 + 30 + 40 + 400) / 5.0, h.meanMs(), 1e-9);
    assertEquals(400, h.maxMs());
    assertEquals(new SecondRing.Second(4, 1, 30, 400, 400), h.recent());

    String text = metricsText(r.registry());
    String labels =
        "env=\"staging\",injector=\"0\",profile=\"smoke\",request=\"home\","
            + "simulation=\"TrackerSimulation\"";
    assertTrue(text.contains("perfgate_requests_total{" + labels + ",status=\"ok\"} 4.0"), text);
    assertTrue(text.contains("perfgate_requests_total{" + labels + ",status=\"ko\"} 1.0"), text);
    assertTrue(text.contains("perfgate_request_duration_seconds_count{" + labels + "} 5"), text);

    // Much later: second 0 has left the exact seconds; its figures are kept as they were.
    answer(home, 40_200, 12);
    for (int s = 4; s <= 41; s++) {
      summary(r, s * 1000 + 30, counts("home", s < 41 ? 4 : 5, 1, "search", 1, 0));
    }
    LiveView later = r.view(0);
    assertEquals(40, later.to());
    assertArrayEquals(new int[] {30, -1, 7}, Arrays.copyOf(later.all().p50(), 3));
    assertArrayEquals(new int[] {400, -1, 7}, Arrays.copyOf(later.all().p95(), 3));
    assertEquals(12, later.all().p50()[40]);
    assertEquals(new SecondRing.Second(1, 0, 12, 12, 12), later.requests().get(0).recent());
    assertNull(later.requests().get(1).recent(), "search had nothing in the last 10 s");
  }

  @Test
  void eachSummaryIsTheNextSecondAndItsFirstOneIsPlacedByTheClock() {
    LiveRecorder r = recorder();
    // Gatling's console writer starts a little before the run's start line: its first summary
    // comes 900 ms after it, then one a second, with some jitter.
    int[] at = {900, 1_880, 2_930, 3_870, 4_990};
    for (int i = 0; i < at.length; i++) {
      summary(r, at[i], counts("a", i + 1, 0));
    }
    LiveView v = r.view(0);
    assertEquals(4, v.to());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, v.all().ok(), "one a second, none merged");
  }

  @Test
  void aRunWithoutAStartLineStartsAtItsFirstSummary() {
    LiveRecorder r = recorder(LiveSettings.defaults(), now);
    r.summary(new ConsoleSummary(3, 1, 0, counts("a", 1, 0), List.of(), List.of()), T0 + 3_100);
    assertEquals(T0 + 100, r.startEpochMillis());
  }

  @Test
  void answersLandInTheSecondTheyEndedInWhenTheyComeBeforeTheCount() {
    LiveRecorder r = recorder();
    LiveRecorder.Probe a = r.probe("a");
    answer(a, 5_100, 50);
    answer(a, 6_100, 60); // the probe is ahead of the console by up to a second
    answer(a, 5_900, 55);
    for (int s = 1; s <= 7; s++) {
      summary(r, s * 1000 + 30, counts("a", s < 6 ? 0 : s == 6 ? 2 : 3, 0));
    }
    LiveView v = r.view(5);
    assertArrayEquals(new int[] {2, 1}, v.all().ok());
    assertArrayEquals(new int[] {55, 60}, v.all().p95());
  }

  @Test
  void requestsInGroupsAreNamedGroupSlashRequestByBothFeedsAndNamesPastTheCapShareOneLabel()
      throws IOException {
    LiveRecorder r = recorder(LiveSettings.defaults().withMaxRequests(3));
    answer(r.probe("home"), 100, 10);
    answer(r.probe("cart"), List.of("checkout"), 200, 20);
    answer(r.probe("card"), List.of("checkout", "pay"), 300, 30);
    answer(r.probe("extra-1"), 400, 40);
    summary(
        r,
        1_030,
        counts(
            "home",
            1,
            0,
            "checkout / cart",
            1,
            0,
            "checkout / pay / card",
            1,
            0,
            "extra-1",
            1,
            0,
            "extra-2",
            0,
            1));

    List<LiveView.SeriesView> requests = r.view(0).requests();
    assertEquals(
        List.of("home", "checkout/cart", "checkout/pay/card", LiveRecorder.OTHER_REQUESTS),
        requests.stream().map(LiveView.SeriesView::name).toList());
    assertEquals(List.of(1L, 1L, 1L, 2L), requests.stream().map(q -> q.count()).toList());
    assertEquals(List.of(1L, 1L, 1L, 1L), requests.stream().map(q -> q.answers()).toList());
    String text = metricsText(r.registry());
    assertTrue(text.contains("request=\"checkout/pay/card\""), text);
    assertTrue(text.contains("request=\"(other requests)\""), text);
    assertFalse(text.contains("extra-1"), "past the cap a name gets no series of its own");
  }

  @Test
  void aLongPathMeetsOnOneLabelAsGatlingsConsoleCutsIt() {
    LiveRecorder r = recorder();
    String name = "n".repeat(100);
    answer(r.probe(name), List.of("checkout"), 200, 20);
    String console = ("checkout / " + name).substring(0, ConsoleSummary.MAX_PATH - 3) + "...";
    summary(r, 1_030, counts(console, 1, 0));
    List<LiveView.SeriesView> requests = r.view(0).requests();
    assertEquals(1, requests.size(), requests.toString());
    assertEquals(console.replace(" / ", "/"), requests.get(0).name());
    assertEquals(1, requests.get(0).answers());
    assertEquals(1, requests.get(0).count());
  }

  @Test
  void bucketsOfTheHistogramAreTheDocumentedOnes() throws IOException {
    LiveRecorder r = recorder();
    LiveRecorder.Probe a = r.probe("a");
    answer(a, 100, 5);
    answer(a, 200, 6);
    answer(a, 5_300, 5_000);
    String text = metricsText(r.registry());
    List<String> buckets =
        text.lines()
            .filter(l -> l.startsWith("perfgate_request_duration_seconds_bucket{"))
            .toList();
    assertEquals(LiveMetrics.BUCKETS.length + 1, buckets.size(), "every bound and +Inf");
    assertTrue(bucket(buckets, "0.005").endsWith(" 1"), "5 ms is in le=0.005");
    assertTrue(bucket(buckets, "0.0075").endsWith(" 2"), "6 ms is in le=0.0075");
    assertTrue(bucket(buckets, "4.0").endsWith(" 2"), "5 s is past le=4");
    assertTrue(bucket(buckets, "5.0").endsWith(" 3"), "5 s is in le=5");
  }

  private static String bucket(List<String> lines, String le) {
    return lines.stream().filter(l -> l.contains("le=\"" + le + "\"")).findFirst().orElseThrow();
  }

  @Test
  void usersComeFromEachScenarioOfTheSummaries() throws IOException {
    LiveRecorder r = recorder();
    summary(
        r,
        1_030,
        List.of(),
        List.of(),
        List.of(
            new ConsoleSummary.Users("browse", 8, 2, 0),
            new ConsoleSummary.Users("buy", -1, 1, 0)));
    summary(
        r,
        2_030,
        List.of(),
        List.of(),
        List.of(
            new ConsoleSummary.Users("browse", 7, 2, 1),
            new ConsoleSummary.Users("buy", -1, 1, 0)));
    summary(
        r,
        3_030,
        List.of(),
        List.of(),
        List.of(
            new ConsoleSummary.Users("browse", 7, 1, 2),
            new ConsoleSummary.Users("buy", -1, 1, 0)));
    LiveView v = r.view(0);
    assertArrayEquals(new double[] {3, 3, 2}, v.usersActive());
    assertArrayEquals(new double[] {3, 1, 0}, v.usersStarted());
    String text = metricsText(r.registry());
    assertTrue(
        text.contains(
            "perfgate_users_active{env=\"staging\",injector=\"0\",profile=\"smoke\","
                + "scenario=\"browse\",simulation=\"TrackerSimulation\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "perfgate_users_started_total{env=\"staging\",injector=\"0\",profile=\"smoke\","
                + "scenario=\"browse\",simulation=\"TrackerSimulation\"} 3.0"),
        text);
  }

  @Test
  void errorsAreCountedByClassAndMessageFromTheConsolesCounts() throws IOException {
    LiveRecorder r = recorder();
    String http500 = "status.find.in(200), found 500";
    String refused = "j.n.ConnectException: Connection refused";
    String unbuilt = "Failed to build request b: No attribute named 'id' is defined";
    summary(
        r, 1_030, counts("a", 0, 3), List.of(new ConsoleSummary.ErrorCount(http500, 3)), List.of());
    summary(
        r,
        2_030,
        counts("a", 0, 4),
        List.of(
            new ConsoleSummary.ErrorCount(http500, 3),
            new ConsoleSummary.ErrorCount(refused, 1),
            new ConsoleSummary.ErrorCount(unbuilt, 1)),
        List.of());
    LiveView v = r.view(0);
    assertEquals(
        List.of(
            new LiveView.ClassCount("server-error", 3),
            new LiveView.ClassCount("connection-refused", 1),
            new LiveView.ClassCount("other", 1)),
        v.errorClasses());
    assertEquals(http500, v.messages().get(0).message());
    assertEquals(3, v.messages().get(0).count());
    String text = metricsText(r.registry());
    assertTrue(
        text.contains(
            "perfgate_errors_total{class=\"server-error\",env=\"staging\",injector=\"0\","
                + "profile=\"smoke\",simulation=\"TrackerSimulation\"} 3.0"),
        text);
  }

  @Test
  void noTextLeavesUnmasked() throws IOException {
    LiveRecorder r = recorder();
    answer(r.probe("req-" + CANARY), List.of("g-" + CANARY), 10, 10);
    summary(
        r,
        1_030,
        counts("g-" + CANARY + " / req-" + CANARY, 0, 1),
        List.of(new ConsoleSummary.ErrorCount("boom " + CANARY, 1)),
        List.of(new ConsoleSummary.Users("scenario-" + CANARY, -1, 1, 0)));
    r.phase("phase-" + CANARY);
    r.phases(List.of(new PhaseSpan("hold-" + CANARY, 0, 10)));
    r.gates(
        List.of(
            new GateStanding(
                "gate-" + CANARY, "1 " + CANARY, "< 2 " + CANARY, GateStanding.State.PASS)));
    r.targetResources(() -> List.of(new TargetSample("rss-" + CANARY, TargetSample.Unit.BYTES, 1)));
    r.tick();
    r.ended(List.of(new ReportLink("Gatling " + CANARY, "run/" + CANARY + "/index.html")));
    String all = json(r) + metricsText(r.registry()) + LivePage.render(r.view(0).run());
    assertFalse(all.contains(CANARY), "the canary is masked everywhere");
    assertTrue(all.contains("g-***/req-***"), "masked, not dropped");
    assertTrue(all.contains("https://user:***@shop.example.com"));
  }

  @Test
  void memoryStaysBoundedOverADayOfSummaries() {
    // A day of a run that names a fresh request and a fresh error message every second (the worst
    // case: ids in names), with one user arriving and leaving each second.
    LiveSettings settings = LiveSettings.defaults();
    LiveRecorder r = recorder(settings);
    Random random = new Random(3);
    int day = 24 * 3600;
    LiveRecorder.Probe home = r.probe("home");
    long failed = 0;
    for (int s = 0; s < day; s++) {
      int end = s * 1000 + random.nextInt(1000);
      int ms = 1 + random.nextInt(900);
      r.answered("item-" + s, List.of(), T0 + end - ms, T0 + end); // as Gatling's stats engine
      answer(home, end, 1 + random.nextInt(3000));
      failed += s % 10 == 0 ? 1 : 0;
      // Gatling's summary lists every path so far; the ones that did not change are left out.
      r.summary(
          new ConsoleSummary(
              s + 1,
              2L * (s + 1) - failed,
              failed,
              counts("item-" + s, 1, 0, "home", s + 1 - failed, failed),
              List.of(new ConsoleSummary.ErrorCount("timeout for id " + s, 1)),
              List.of(new ConsoleSummary.Users("browse", -1, 0, s + 1))),
          T0 + s * 1000 + 1_030);
    }
    now.set(T0 + day * 1000L);
    LiveView v = r.view(0);
    assertEquals(settings.maxRequests() + 1, r.seriesCount(), "the cap, and the shared series");
    assertEquals(LiveRecorder.MAX_MESSAGES, r.messageCount());
    assertTrue(
        r.lookupEntries() <= settings.maxRequests() + 4 * LiveRecorder.MAX_REMEMBERED,
        "lookups: " + r.lookupEntries());
    assertEquals(settings.historySeconds(), v.to() - v.from() + 1, "the page keeps its span only");
    assertEquals(day - 1, v.to());
    assertEquals(day * 2L, v.all().count(), "whole-run totals count every request");
    assertEquals(failed, v.all().failed());
    assertEquals(day * 2L, v.all().answers());
    assertTrue(json(r).length() < 4_000_000, "the full span's JSON stays a few MB at most");
  }

  @Test
  void theEndedRunStopsItsTimeAxisAndLinksItsReports() throws IOException {
    LiveRecorder r = recorder();
    summary(r, 1_030, counts("a", 1, 0));
    summary(r, 2_030, counts("a", 1, 0));
    summary(r, 2_500, counts("a", 2, 0)); // the last one, when the run stops
    now.set(T0 + 4_200);
    r.ended(List.of(new ReportLink("Gatling report", "../run-1/index.html")));
    now.set(T0 + 60_000);
    LiveView v = r.view(0);
    assertEquals("ended", v.run().state());
    assertEquals(2, v.to(), "the clock no longer moves the axis");
    assertEquals(2, v.all().count());
    assertEquals(
        List.of(new ReportLink("Gatling report", "../run-1/index.html")), v.run().reports());
    assertTrue(metricsText(r.registry()).contains("phase=\"ended\""));
  }

  @Test
  void theStopWindowHasTheConsolesCountsAndTheProbesExactTimes() {
    LiveRecorder r = recorder();
    r.measure(Duration.ZERO, Duration.ofSeconds(20), List.of());
    LiveRecorder.Probe a = r.probe("a");
    assertTrue(r.window(20).isEmpty(), "nothing before the first summary");
    // 30 seconds: 10 answers a second of 1..10 ms, one KO a second; second 29 is slow (100 ms).
    for (int s = 0; s < 30; s++) {
      for (int i = 1; i <= 10; i++) {
        answer(a, s * 1000 + 50 * i, s == 29 ? 100 : i);
      }
      summary(r, s * 1000 + 1_030, counts("a", 9L * (s + 1), s + 1));
    }
    SlidingWindow.Snapshot w = r.window(20).orElseThrow();
    assertEquals(10_000, w.fromMillis());
    assertEquals(30_000, w.toMillis());
    Figures f = w.figures();
    assertEquals(200, f.count());
    assertEquals(20, f.ko());
    assertEquals(10.0, f.rps(), 1e-9);
    // 190 values of 1..10 ms (19 each) and 10 of 100 ms: p95 is rank 190 -> 10 ms, p99 100 ms.
    assertEquals(10, f.p95());
    assertEquals(100, f.p99());
    assertEquals(1, f.min());
    assertEquals(100, f.max());
    assertEquals(300, w.totalRequests());
    assertEquals(30, w.totalErrors());
    assertEquals(10.0, w.errorPercent(), 1e-9);
  }

  @Test
  void theMeasuredWindowLeavesTheWarmUpOutForAllRequestsAndEachGatedOne() {
    LiveRecorder r = recorder();
    r.measure(Duration.ofSeconds(2), Duration.ofSeconds(10), List.of("checkout/pay"));
    LiveRecorder.Probe pay = r.probe("pay");
    LiveRecorder.Probe home = r.probe("home");
    for (int s = 0; s < 5; s++) {
      // The warm-up's answers are slow.
      answer(pay, List.of("checkout"), s * 1000 + 500, s < 2 ? 900 : 20 + s);
      answer(home, s * 1000 + 600, s < 2 ? 800 : 5);
      summary(r, s * 1000 + 1_030, counts("checkout / pay", s + 1, 0, "home", s, 1));
    }
    Figures all = r.measured(null).orElseThrow().figures();
    assertEquals(6, all.count(), "seconds 2, 3 and 4");
    assertEquals(0, all.ko());
    assertEquals(24, all.max());
    assertEquals(2.0, all.rps(), 1e-9);
    LiveRecorder.Measured pay2 = r.measured("checkout/pay").orElseThrow();
    assertEquals(3, pay2.figures().count());
    assertEquals(3, pay2.answers());
    assertEquals(23, pay2.figures().p50());
    assertTrue(r.measured("home").isEmpty(), "no gate named it");
    assertTrue(r.measured("nothing").isEmpty());
  }

  @Test
  void stopCriteriaAndGatesAreExportedWithTheirLimits() throws IOException {
    LiveRecorder r = recorder();
    r.stopCriteria(
        new StopStanding(
            10,
            420,
            List.of(
                new StopStanding.Criterion(StopStanding.Kind.ERROR_RATIO, 0.125, 0.5, false),
                new StopStanding.Criterion(StopStanding.Kind.P95, 0.61, 0.5, true))));
    r.gates(
        List.of(
            new GateStanding("p95 < 500ms", "212 ms", "< 500 ms", GateStanding.State.PASS),
            new GateStanding("errors < 1%", "2.1%", "< 1%", GateStanding.State.FAIL),
            new GateStanding("import p99 < 1s", "", "< 1 s", GateStanding.State.NOT_MEASURED)));
    r.phase("hold");
    r.progress(42, 60);
    String text = metricsText(r.registry());
    String labels =
        "env=\"staging\",injector=\"0\",profile=\"smoke\",simulation=\"TrackerSimulation\"";
    for (String line :
        List.of(
            "perfgate_stop_window_error_ratio{" + labels + "} 0.125",
            "perfgate_stop_window_error_limit_ratio{" + labels + "} 0.5",
            "perfgate_stop_window_p95_seconds{" + labels + "} 0.61",
            "perfgate_stop_window_p95_limit_seconds{" + labels + "} 0.5",
            "perfgate_stop_tripped{criterion=\"p95\"," + labels + "} 1.0",
            "perfgate_stop_tripped{criterion=\"error_ratio\"," + labels + "} 0.0",
            "perfgate_gate_passing{"
                + labels.replace(",injector=", ",gate=\"errors < 1%\",injector=")
                + "} 0.0",
            "perfgate_run_phase_info{"
                + labels.replace(",profile=", ",phase=\"hold\",profile=")
                + "} 1",
            "perfgate_run_elapsed_seconds{" + labels + "} 42.0",
            "perfgate_run_planned_seconds{" + labels + "} 60.0")) {
      assertTrue(text.contains(line), line + " in\n" + text);
    }
    assertFalse(text.contains("import p99"), "a gate not measured has no series");
    assertFalse(text.contains("perfgate_stop_errors{"), "a criterion that is off has no series");
  }

  @Test
  void injectorAndTargetResourcesAreSampledOnTick() throws IOException {
    LiveRecorder r = recorder();
    r.injectorHealth(() -> new InjectorHealth(0.25, 64L << 20, 1.5));
    r.targetResources(
        () ->
            List.of(
                new TargetSample("rss", TargetSample.Unit.BYTES, 1e8),
                new TargetSample("cpu", TargetSample.Unit.RATIO, 0.4),
                new TargetSample("threads", TargetSample.Unit.COUNT, 31)));
    r.plannedArrivalsPerSecond(20);
    now.set(T0 + 2_300);
    r.tick();
    for (int s = 0; s < 3; s++) {
      summary(r, s * 1000 + 1_030, counts("a", s, 0));
    }
    LiveView v = r.view(0);
    assertEquals(0.25, v.cpu()[2]);
    assertEquals(20, v.plannedArrivals()[2]);
    String text = metricsText(r.registry());
    for (String name :
        List.of(
            "perfgate_injector_cpu_ratio{",
            "perfgate_injector_heap_after_gc_bytes{",
            "perfgate_injector_gc_seconds_total{",
            "perfgate_target_resource_bytes{",
            "perfgate_target_resource_ratio{",
            "perfgate_target_resource{",
            "perfgate_arrivals_planned_per_second{")) {
      assertTrue(text.contains(name), name + " in\n" + text);
    }
  }

  @Test
  void jvmHealthReadsThisJvm() {
    JvmHealth health = new JvmHealth();
    InjectorHealth first = health.get();
    assertTrue(first.gcSeconds() >= 0);
    System.gc();
    InjectorHealth h = health.get();
    assertTrue(h.heapAfterGcBytes() > 0, "after a collection the heap in use is known");
  }

  @Test
  void theHistoryIsASettingAndTheViewNeverExceedsIt() {
    LiveRecorder r = recorder(LiveSettings.defaults().withHistory(Duration.ofSeconds(30)));
    for (int s = 0; s < 100; s++) {
      summary(r, s * 1000 + 1_030, counts("a", s + 1, 0));
    }
    LiveView v = r.view(0);
    assertEquals(70, v.from());
    assertEquals(99, v.to());
    assertEquals(
        List.of(1), Arrays.stream(v.all().ok()).boxed().distinct().collect(Collectors.toList()));
  }

  /** Several HTTP threads answer while the console thread counts and a reader reads. */
  @Test
  void readersWhileFeedingFromSeveralThreadsSeeConsistentFigures() throws Exception {
    LiveRecorder r = recorder();
    List<Throwable> failures = new ArrayList<>();
    int threads = 4;
    int each = 50_000;
    List<Thread> probes = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      probes.add(
          new Thread(
              () -> {
                LiveRecorder.Probe p = r.probe("a" + (id % 2));
                for (int i = 0; i < each; i++) {
                  answer(p, i / 100, i % 300);
                }
              }));
    }
    Thread reader =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 200; i++) {
                  LiveView v = r.view(0);
                  long perSecond = 0;
                  for (int n : v.all().ok()) {
                    perSecond += n;
                  }
                  assertTrue(perSecond <= v.all().count());
                  LiveJson.write(v);
                }
              } catch (Throwable e) {
                synchronized (failures) {
                  failures.add(e);
                }
              }
            });
    probes.forEach(Thread::start);
    reader.start();
    for (int s = 0; s < 50; s++) {
      summary(r, s * 1000 + 1_030, counts("a0", s * 10, 0, "a1", s * 10, 0));
    }
    for (Thread t : probes) {
      t.join(60_000);
    }
    reader.join(60_000);
    assertEquals(List.of(), failures);
    assertEquals(
        (long) threads * each,
        r.view(0).requests().stream().mapToLong(LiveView.SeriesView::answers).sum());
  }
}
