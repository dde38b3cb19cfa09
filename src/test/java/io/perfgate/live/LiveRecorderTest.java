package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.results.GroupPath;
import io.perfgate.results.RunHeader;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

  LiveRecorder recorder(LiveSettings settings) {
    LiveRecorder r =
        new LiveRecorder(
            LABELS,
            "https://user:" + CANARY + "@shop.example.com",
            settings,
            LiveRecorderTest::mask,
            ErrorClasses::classify,
            now::get);
    r.header(new RunHeader("3.15.1", "TrackerSimulation", T0, "", List.of("browse")));
    return r;
  }

  LiveRecorder recorder() {
    return recorder(LiveSettings.defaults());
  }

  static String mask(String text) {
    return text == null ? null : text.replace(CANARY, "***");
  }

  static void request(LiveRecorder r, String name, int end, int ms, boolean ok, String message) {
    r.request(GroupPath.ROOT, name, end - ms, end, ok, message);
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
  void countsAndExactPercentilesSecondBySecond() {
    LiveRecorder r = recorder();
    // Second 0: 10, 20, 30, 40 ms OK and one 400 ms KO. Second 1: nothing. Second 2: 7 ms.
    int[] first = {10, 20, 30, 40};
    for (int i = 0; i < first.length; i++) {
      request(r, "home", 100 + i * 100, first[i], true, "");
    }
    request(r, "home", 900, 400, false, "status.find.in(200), found 503");
    request(r, "search", 2500, 7, true, "");
    now.set(T0 + 3_400); // second 3 is under way: the view stops at second 2

    LiveView v = r.view(0);
    assertEquals(0, v.from());
    assertEquals(2, v.to());
    assertArrayEquals(new int[] {4, 0, 1}, v.all().ok());
    assertArrayEquals(new int[] {1, 0, 0}, v.all().ko());
    // Nearest rank over {10, 20, 30, 40, 400}: ceil(.5*5)=3 -> 30, ceil(.95*5)=5 -> 400.
    assertArrayEquals(new int[] {30, -1, 7}, v.all().p50());
    assertArrayEquals(new int[] {400, -1, 7}, v.all().p95());
    assertArrayEquals(new int[] {400, -1, 7}, v.all().p99());
    LiveView.SeriesView home = v.requests().get(0);
    assertEquals("home", home.name());
    assertEquals(5, home.count());
    assertEquals(1, home.failed());
    assertEquals((10 + 20 + 30 + 40 + 400) / 5.0, home.meanMs(), 1e-9);
    assertEquals(400, home.maxMs());
    assertEquals(new SecondRing.Second(4, 1, 30, 400, 400), home.recent());

    // Much later: seconds 0 and 2 have left the recent seconds; their figures are kept as they
    // were.
    request(r, "home", 40_200, 12, true, "");
    now.set(T0 + 41_000);
    LiveView later = r.view(0);
    assertEquals(40, later.to());
    assertArrayEquals(new int[] {30, -1, 7}, java.util.Arrays.copyOf(later.all().p50(), 3));
    assertArrayEquals(new int[] {400, -1, 7}, java.util.Arrays.copyOf(later.all().p95(), 3));
    assertEquals(12, later.all().p50()[40]);
    assertEquals(new SecondRing.Second(1, 0, 12, 12, 12), later.requests().get(0).recent());
    assertNull(later.requests().get(1).recent(), "search had nothing in the last 10 s");
  }

  @Test
  void aRecordWrittenLateLandsInItsSecond() {
    LiveRecorder r = recorder();
    request(r, "a", 5_100, 50, true, "");
    request(r, "a", 6_100, 60, true, "");
    request(r, "a", 5_900, 55, true, ""); // ended in second 5, written after one of second 6
    now.set(T0 + 8_000);
    LiveView v = r.view(5);
    assertArrayEquals(new int[] {2, 1, 0}, v.all().ok());
    assertArrayEquals(new int[] {55, 60, -1}, v.all().p95());
  }

  @Test
  void secondsWithoutRecordsShowNoThroughputUpToTheClock() {
    LiveRecorder r = recorder();
    request(r, "a", 500, 5, true, "");
    now.set(T0 + 5_200);
    LiveView v = r.view(0);
    assertEquals(4, v.to(), "the last complete second by the clock");
    assertArrayEquals(new int[] {1, 0, 0, 0, 0}, v.all().ok());
    LiveView since = r.view(3);
    assertEquals(3, since.from());
    assertArrayEquals(new int[] {0, 0}, since.all().ok());
  }

  @Test
  void requestsInGroupsAreNamedGroupSlashRequestAndNamesPastTheCapShareOneLabel()
      throws IOException {
    LiveRecorder r = recorder(LiveSettings.defaults().withMaxRequests(3));
    GroupPath checkout = GroupPath.of(List.of("checkout"));
    GroupPath pay = GroupPath.of(List.of("checkout", "pay"));
    r.request(GroupPath.ROOT, "home", 0, 10, true, "");
    r.request(checkout, "cart", 0, 20, true, "");
    r.request(pay, "card", 0, 30, true, "");
    r.request(GroupPath.ROOT, "extra-1", 0, 40, true, "");
    r.request(
        GroupPath.ROOT, "extra-2", 0, 50, false, "Request timeout to x/1.2.3.4:80 after 60000 ms");
    r.request(GroupPath.ROOT, "home", 100, 120, true, "");

    assertEquals(
        List.of("home", "checkout/cart", "checkout/pay/card", LiveRecorder.OTHER_REQUESTS),
        r.view(0).requests().stream().map(LiveView.SeriesView::name).toList());
    String text = metricsText(r.registry());
    assertTrue(text.contains("request=\"checkout/pay/card\""), text);
    assertTrue(text.contains("request=\"(other requests)\""), text);
    assertFalse(text.contains("extra-1"), "past the cap a name gets no series of its own");
    assertTrue(
        text.contains(
            "perfgate_request_duration_seconds_count{env=\"staging\",injector=\"0\","
                + "profile=\"smoke\",request=\"home\",simulation=\"TrackerSimulation\","
                + "status=\"ok\"} 2"),
        text);
    assertTrue(
        text.contains(
            "perfgate_errors_total{class=\"timeout\",env=\"staging\",injector=\"0\","
                + "profile=\"smoke\",request=\"(other requests)\",simulation=\"TrackerSimulation\"}"
                + " 1"),
        text);
  }

  @Test
  void bucketsOfTheHistogramAreTheDocumentedOnes() throws IOException {
    LiveRecorder r = recorder();
    request(r, "a", 100, 5, true, "");
    request(r, "a", 200, 6, true, "");
    request(r, "a", 5_300, 5_000, true, "");
    String text = metricsText(r.registry());
    List<String> buckets =
        text.lines()
            .filter(l -> l.startsWith("perfgate_request_duration_seconds_bucket{"))
            .filter(l -> l.contains("status=\"ok\""))
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
  void usersAreCountedPerSecondAndPerScenario() throws IOException {
    LiveRecorder r = recorder();
    r.user("browse", true, 100);
    r.user("browse", true, 200);
    r.user("buy", true, 1_100);
    r.user("browse", false, 2_500);
    now.set(T0 + 4_500);
    LiveView v = r.view(0);
    assertArrayEquals(new double[] {2, 3, 2, 2}, v.usersActive());
    assertEquals(2, v.usersStarted()[0]);
    assertEquals(1, v.usersStarted()[1]);
    assertEquals(0, v.usersStarted()[2]);
    String text = metricsText(r.registry());
    assertTrue(
        text.contains("scenario=\"browse\",simulation=\"TrackerSimulation\"} 1.0"),
        "one browse user left: " + text);
    assertTrue(text.contains("perfgate_users_started_total{"), text);
  }

  @Test
  void errorsAreCountedByClassAndMessage() {
    LiveRecorder r = recorder();
    for (int i = 0; i < 3; i++) {
      request(r, "a", 100 + i, 5, false, "status.find.in(200), found 500");
    }
    request(r, "a", 200, 5, false, "j.n.ConnectException: Connection refused");
    r.error("Failed to build request b: No attribute named 'id' is defined", 300);
    LiveView v = r.view(0);
    assertEquals(
        List.of(
            new LiveView.ClassCount("http-5xx", 3),
            new LiveView.ClassCount("connection-refused", 1),
            new LiveView.ClassCount("other", 1)),
        v.errorClasses());
    assertEquals("status.find.in(200), found 500", v.messages().get(0).message());
    assertEquals(3, v.messages().get(0).count());
  }

  @Test
  void aClassifierFunctionReplacesTheDefault() throws IOException {
    LiveRecorder r =
        new LiveRecorder(
            LABELS, "", LiveSettings.defaults(), t -> t, m -> "server-error", now::get);
    r.header(new RunHeader("3.15.1", "S", T0, "", List.of()));
    request(r, "a", 100, 5, false, "status.find.in(200), found 500");
    assertTrue(metricsText(r.registry()).contains("class=\"server-error\""));
  }

  @Test
  void noTextLeavesUnmasked() throws IOException {
    LiveRecorder r = recorder();
    r.request(
        GroupPath.of(List.of("g-" + CANARY)), "req-" + CANARY, 0, 10, false, "boom " + CANARY);
    r.error("Authorization " + CANARY, 20);
    r.user("scenario-" + CANARY, true, 30);
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
    assertTrue(all.contains("req-***"), "masked, not dropped");
    assertTrue(all.contains("https://user:***@shop.example.com"));
  }

  @Test
  void memoryStaysBoundedOverADayOfRecords() {
    // A day of a run that names a fresh request and a fresh error message every second (the worst
    // case: ids in names), with one user arriving and leaving each second.
    LiveSettings settings = LiveSettings.defaults();
    LiveRecorder r = recorder(settings);
    Random random = new Random(3);
    int day = 24 * 3600;
    for (int s = 0; s < day; s++) {
      int end = s * 1000 + random.nextInt(1000);
      request(r, "item-" + s, end, 1 + random.nextInt(900), true, "");
      request(r, "home", end, 1 + random.nextInt(3000), s % 10 != 0, "timeout for id " + s);
      r.user("browse", true, s * 1000);
      r.user("browse", false, s * 1000 + 500);
    }
    now.set(T0 + day * 1000L);
    LiveView v = r.view(0);
    assertEquals(settings.maxRequests() + 1, r.seriesCount(), "the cap, and the shared series");
    assertEquals(LiveRecorder.MAX_MESSAGES, r.messageCount());
    assertTrue(r.lookupEntries() <= settings.maxRequests() + LiveRecorder.MAX_CLASSIFIED + 2);
    assertEquals(settings.historySeconds(), v.to() - v.from() + 1, "the page keeps its span only");
    assertEquals(day - 1, v.to());
    assertEquals(day * 2L, v.all().count(), "whole-run totals count every record");
    assertEquals(day / 10, v.all().failed());
    assertEquals(
        day * 2L - day / 10 - v.requests().stream().mapToLong(q -> q.count() - q.failed()).sum(),
        0);
    assertTrue(json(r).length() < 4_000_000, "the full span's JSON stays a few MB at most");
  }

  @Test
  void theEndedRunStopsItsTimeAxisAndLinksItsReports() {
    LiveRecorder r = recorder();
    request(r, "a", 2_500, 5, true, "");
    now.set(T0 + 4_200);
    r.ended(List.of(new ReportLink("Gatling report", "../run-1/index.html")));
    now.set(T0 + 60_000);
    LiveView v = r.view(0);
    assertEquals("ended", v.run().state());
    assertEquals(4, v.to(), "the clock no longer moves the axis");
    assertEquals(
        List.of(new ReportLink("Gatling report", "../run-1/index.html")), v.run().reports());
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
    now.set(T0 + 3_300);
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
      request(r, "a", s * 1000 + 1, 1, true, "");
    }
    now.set(T0 + 100_500);
    LiveView v = r.view(0);
    assertEquals(70, v.from());
    assertEquals(99, v.to());
    assertEquals(
        List.of(1),
        java.util.Arrays.stream(v.all().ok()).boxed().distinct().collect(Collectors.toList()));
  }

  /** A view that a second thread reads while the first feeds stays consistent. */
  @Test
  void readersWhileFeedingSeeConsistentFigures() throws Exception {
    LiveRecorder r = recorder();
    List<Throwable> failures = new ArrayList<>();
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
              } catch (Throwable t) {
                synchronized (failures) {
                  failures.add(t);
                }
              }
            });
    reader.start();
    for (int i = 0; i < 200_000; i++) {
      request(r, "a" + (i % 7), i / 100, i % 300, true, "");
    }
    reader.join(60_000);
    assertEquals(List.of(), failures);
  }
}
