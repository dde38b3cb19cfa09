package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.gate.Bounds;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Tier;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.Series;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Derived resource figures, the leak verdict, resource gates and the injector-bound warning. */
class ResourceAnalysisTest {
  private static final long START = 1_700_000_000_000L;
  private static final double MB = 1024 * 1024;

  /** One sample a second for {@code seconds}, value by second. */
  private static Series series(
      String source, String metric, String unit, int seconds, LongToDoubleFunction value) {
    List<Series.Point> points = new ArrayList<>();
    for (long s = 0; s <= seconds; s++) {
      points.add(new Series.Point(START + s * 1000, value.applyAsDouble(s)));
    }
    return new Series(source, metric, unit, points);
  }

  private static ResourceSamples samples(Series... series) {
    return new ResourceSamples(1000, Optional.of("pid 1"), false, List.of(series), List.of());
  }

  private static ResourceAnalysis.Result analyse(
      ResourceSamples s, String profile, ResourceSla sla) {
    return ResourceAnalysis.analyse("", s, START, 10_000, profile, sla, 0);
  }

  @Test
  void memoryGrowthIsTheSlopeAfterTheWarmUpInMbPerMinute() {
    // 100 MB during the warm-up (a heap growing), then exactly 0.5 MB a second: 30 MB/min.
    Series rss =
        series(
            "target", "rss", "bytes", 60, s -> s < 10 ? s * 10 * MB : (100 + (s - 10) * 0.5) * MB);
    var r = analyse(samples(rss), "soak", ResourceSla.defaults());

    var t = r.report().target().orElseThrow();
    assertEquals(30, t.memoryGrowth().getAsDouble(), 1e-9);
    assertEquals(1, t.memoryFit().getAsDouble(), 1e-9);
    assertEquals(125, t.peakRssMb().getAsDouble(), 1e-9);
    assertTrue(t.leak().leaking(), t.leak().reason());
    assertTrue(t.leak().reason().contains("30.0 MB/min"), t.leak().reason());
    GateResult g = r.gates().get(0);
    assertEquals("target memory growth < 10MB/min", g.name());
    assertFalse(g.passed());
    assertEquals(Optional.of(Tier.CRITICAL), g.tier());
    assertEquals("MB/min", g.unit());
    assertEquals(Finding.Kind.MEMORY, r.findings().get(0).kind());
  }

  @Test
  void growthThatNoLineExplainsIsNoLeakAndSteadyGrowthBelowAcceptableIsNone() {
    // A sawtooth that ends higher than it starts: slope beyond 10 MB/min, but a poor fit.
    Series saw = series("target", "rss", "bytes", 40, s -> (s % 10 == 0 ? 300 : 100 + s) * MB);
    var noisy =
        analyse(samples(saw), "soak", ResourceSla.defaults()).report().target().orElseThrow();
    assertTrue(noisy.memoryFit().getAsDouble() < 0.8, "fit " + noisy.memoryFit());
    assertFalse(noisy.leak().leaking(), noisy.leak().reason());
    assertTrue(noisy.leak().reason().contains("unevenly"), noisy.leak().reason());

    // 0.1 MB a second = 6 MB/min: above target (5), within acceptable (10).
    Series slow = series("target", "rss", "bytes", 40, s -> (200 + s * 0.1) * MB);
    var r = analyse(samples(slow), "soak", ResourceSla.defaults());
    assertFalse(r.report().target().orElseThrow().leak().leaking());
    assertTrue(r.gates().get(0).passed());
    assertEquals(Optional.of(Tier.ACCEPTABLE), r.gates().get(0).tier());
  }

  @Test
  void theMemoryGrowthGateJudgesLeakProfilesOnlyButMaxRssAndCpuGateEveryRun() {
    Series rss = series("target", "rss", "bytes", 30, s -> (300 + s) * MB);
    Series cpu = series("target", "cpu", "%", 30, s -> s < 10 ? 400 : 50 + (s % 2) * 20);
    ResourceSla sla =
        new ResourceSla(
            new Bounds(5, 10, 10),
            Set.of("soak"),
            0.8,
            OptionalDouble.of(256),
            OptionalDouble.of(80),
            "x.conf:3");
    var r = analyse(samples(rss, cpu), "load", sla);

    assertEquals(
        List.of("target max rss < 256MB", "target cpu < 80%"),
        r.gates().stream().map(GateResult::name).toList());
    GateResult rssGate = r.gates().get(0);
    assertFalse(rssGate.passed());
    assertEquals(330, rssGate.actual().getAsDouble(), 1e-9);
    GateResult cpuGate = r.gates().get(1);
    // The 400 % warm-up is left out: 50 and 70 alternate over seconds 10..30 (11 even, 10 odd).
    assertEquals((11 * 50 + 10 * 70) / 21.0, cpuGate.actual().getAsDouble(), 1e-9);
    assertTrue(cpuGate.passed());
    assertEquals("x.conf:3", cpuGate.origin());
    assertEquals(70, r.report().target().orElseThrow().peakCpu().getAsDouble(), 1e-9);
  }

  @Test
  void threadAndDescriptorGrowthAreLastMinusFirstAfterTheWarmUp() {
    Series threads = series("target", "threads", "count", 30, s -> 20 + s);
    Series fds = series("target", "fds", "count", 30, s -> s < 20 ? 50 : 45);
    Series rss = series("target", "rss", "bytes", 30, s -> 100 * MB);
    var t =
        analyse(samples(rss, threads, fds), "smoke", ResourceSla.defaults())
            .report()
            .target()
            .orElseThrow();
    assertEquals(20, t.threadGrowth().getAsDouble());
    assertEquals(-5, t.fdGrowth().getAsDouble());
    assertEquals(0, t.memoryGrowth().getAsDouble(), 1e-12);
  }

  @Test
  void onlyLeakProfilesGetALeakVerdict() {
    Series rss = series("target", "rss", "bytes", 40, s -> (100 + s) * MB);
    var smoke = analyse(samples(rss), "smoke", ResourceSla.defaults());
    var leak = smoke.report().target().orElseThrow().leak();
    assertFalse(leak.leaking());
    assertFalse(leak.judged());
    assertTrue(leak.reason().contains("60.0 MB/min"), leak.reason());
    assertTrue(smoke.findings().isEmpty());
    assertTrue(smoke.gates().isEmpty());
    assertTrue(
        analyse(samples(rss), "endurance", ResourceSla.defaults())
            .report()
            .target()
            .orElseThrow()
            .leak()
            .leaking());
  }

  @Test
  void tooFewSamplesGiveNoVerdictAndNoGate() {
    Series rss = series("target", "rss", "bytes", 12, s -> s * MB);
    var r = analyse(samples(rss), "soak", ResourceSla.defaults());
    var leak = r.report().target().orElseThrow().leak();
    assertFalse(leak.judged());
    assertTrue(r.gates().isEmpty());
  }

  @Test
  void aSoakRunWithoutMemorySamplesSaysItHasNoLeakVerdict() {
    Series cpu = series("injector", "cpu", "%", 30, s -> 10);
    var r = analyse(samples(cpu), "soak", ResourceSla.defaults());
    assertTrue(r.gates().isEmpty());
    assertTrue(
        r.report().notes().get(0).contains("no leak verdict"), r.report().notes().toString());
  }

  @Test
  void theInjectorIsBoundByCpuGcHeapOrLateUsers() {
    assertEquals(Optional.empty(), ResourceAnalysis.bound(79, 9.9, 89, 0, false));
    assertTrue(
        ResourceAnalysis.bound(80, 0, 0, 0, false).orElseThrow().startsWith("injector-bound: "));
    assertTrue(ResourceAnalysis.bound(0, 10, 0, 0, false).orElseThrow().contains("GC pauses"));
    assertTrue(ResourceAnalysis.bound(0, 0, 90, 0, false).orElseThrow().contains("heap after GC"));
    String late = ResourceAnalysis.bound(0, 0, 0, 3500, true).orElseThrow();
    assertTrue(late.contains("3.5 s after"), late);
    assertTrue(late.contains("embedded demo service"), late);

    Series cpu = series("injector", "cpu", "%", 30, s -> 95);
    var r = analyse(samples(cpu), "smoke", ResourceSla.defaults());
    assertTrue(r.warnings().get(0).startsWith("injector-bound"));
    assertEquals(Finding.Kind.SATURATION, r.findings().get(0).kind());
    assertEquals(Finding.Severity.WARNING, r.findings().get(0).severity());
    assertEquals("injector", r.findings().get(0).subject());
  }

  @Test
  void anOpenModelRunIsLateOnlyBeyondASecondAndATenthOfThePlan() {
    assertEquals(0, InjectionLag.significant(10_900, 10_000));
    assertEquals(0, InjectionLag.significant(60_000 + 5_900, 60_000));
    assertEquals(6_100, InjectionLag.significant(66_100, 60_000));
    assertEquals(1_500, InjectionLag.significant(11_500, 10_000));
  }
}
