package io.perfgate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.testing.Chromium;
import io.perfgate.testing.DevTools;
import io.perfgate.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in a real browser while records are fed: headless Chromium opens it, the page
 * refreshes itself, its charts gain points from one read to the next, the ended run shows its
 * report links, and nothing reaches the console. Screenshots go to target/ for people to look at.
 */
class LiveBrowserTest {
  @TempDir Path dir;

  /** An element's attribute, "" while the element is not there yet. */
  static String attribute(String id, String name) {
    return "(function () { var e = document.getElementById('"
        + id
        + "'); return e ? e.getAttribute('"
        + name
        + "') : ''; })()";
  }

  static int number(String text) {
    return text.isEmpty() ? 0 : Integer.parseInt(text);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void thePageRefreshesItselfWhileTheRunGoesAndLinksTheReportsWhenItEnds() throws Exception {
    RequiredTool.require(Chromium.installed(), "/usr/bin/chromium (apt-get install chromium)");
    LiveRecorder recorder = LivePrometheusTest.recorder();
    recorder.injectorHealth(new JvmHealth());
    recorder.phases(List.of(new PhaseSpan("ramp", 0, 4), new PhaseSpan("hold", 4, 40)));
    recorder.phase("ramp");
    recorder.progress(Double.NaN, 40);
    recorder.gates(
        List.of(
            new GateStanding("p95 < 500ms", "45 ms", "< 500 ms", GateStanding.State.PASS),
            new GateStanding("errors < 1%", "4.00%", "< 1%", GateStanding.State.FAIL),
            new GateStanding("import p99 < 1s", "", "< 1 s", GateStanding.State.NOT_MEASURED)));
    recorder.stopCriteria(
        new StopStanding(
            10,
            0,
            List.of(new StopStanding.Criterion(StopStanding.Kind.ERROR_RATIO, 0.04, 0.5, false))));
    ConsoleFeed console = SyntheticFeed.start(recorder);
    // A name that looks like markup stays text: no element, no script, no request for "x".
    String hostile = "<img src=x onerror=\"window.owned=1\">";
    long now = System.currentTimeMillis();
    recorder.probe(hostile).answered(List.of(), now - 3, now);
    GatlingConsoleText hostileRun = GatlingConsoleText.closed("browse");
    hostileRun.ko(hostile, "</td><b>" + hostile);
    for (String line : hostileRun.lines(0)) {
      console.line(line);
    }
    SyntheticFeed feed = new SyntheticFeed();
    Thread feeder =
        new Thread(() -> feed.run(recorder, console, 150, Duration.ofSeconds(14)), "feeder");
    Path shots = Path.of("target");
    Files.createDirectories(shots);
    try (LiveServer live = LiveServer.start(LiveSettings.defaults(), recorder);
        DevTools browser = DevTools.start(dir, 1280, 900)) {
      feeder.start();
      browser.navigate(live.uri().toString());
      String points = attribute("chart-throughput", "data-points");
      String refreshes = "document.body ? document.body.getAttribute('data-refreshes') : ''";
      browser.waitFor(
          "the throughput chart's first points",
          Duration.ofSeconds(30),
          () -> number(browser.evaluate(points)) >= 2);
      recorder.phase("hold");
      int firstPoints = number(browser.evaluate(points));
      int firstRefreshes = number(browser.evaluate(refreshes));
      browser.waitFor(
          "two more refreshes",
          Duration.ofSeconds(20),
          () -> number(browser.evaluate(refreshes)) >= firstRefreshes + 2);
      browser.waitFor(
          "more points than " + firstPoints,
          Duration.ofSeconds(20),
          () -> number(browser.evaluate(points)) > firstPoints);
      int secondPoints = number(browser.evaluate(points));
      assertTrue(secondPoints > firstPoints, firstPoints + " then " + secondPoints);
      for (String chart :
          List.of(
              "chart-latency",
              "chart-users",
              "chart-cpu",
              "chart-requests-rps",
              "chart-request-0")) {
        assertTrue(
            number(
                    browser.evaluate(
                        "document.getElementById('" + chart + "').getAttribute('data-points')"))
                > 0,
            chart + " plotted");
      }
      assertEquals("running", browser.evaluate("document.body.getAttribute('data-state')"));
      assertEquals(
          "4",
          browser.evaluate("String(document.querySelectorAll('#request-charts .plot').length)"),
          "one latency chart per request");
      assertTrue(
          browser.evaluate("document.getElementById('requests').textContent").contains(hostile));
      assertTrue(
          browser
              .evaluate("document.getElementById('error-messages').textContent")
              .contains(hostile));
      assertEquals(
          "0", browser.evaluate("String(document.querySelectorAll('img, table b').length)"));
      assertEquals("undefined", browser.evaluate("typeof window.owned"));
      assertTrue(
          browser
              .evaluate("document.getElementById('requests').textContent")
              .contains("checkout/pay"));
      assertTrue(browser.evaluate("document.getElementById('gates').textContent").contains("FAIL"));
      Files.write(shots.resolve("live-page.png"), browser.screenshot());

      feeder.join(30_000);
      recorder.ended(
          List.of(
              new ReportLink("Gatling report", "../results/run-1/index.html"),
              new ReportLink("perfgate page", "../results/run-1/perfgate/index.html")));
      browser.waitFor(
          "the ended state",
          Duration.ofSeconds(15),
          () -> browser.evaluate("document.body.getAttribute('data-state')").equals("ended"));
      assertEquals(
          "../results/run-1/index.html,../results/run-1/perfgate/index.html",
          browser.evaluate(
              "Array.from(document.querySelectorAll('#reports a')).map(a => a.getAttribute('href')).join(',')"));
      assertEquals("false", browser.evaluate("String(document.getElementById('ended').hidden)"));
      Files.write(shots.resolve("live-page-ended.png"), browser.screenshot());

      assertEquals("", browser.evaluate("document.documentElement.getAttribute('data-error')"));
      assertEquals(List.of(), browser.problems(), "nothing on the console");
    } finally {
      feeder.join(30_000);
    }
  }
}
