package io.perfgate.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Plan;
import io.perfgate.profile.Profile;
import io.perfgate.workload.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Preflight's arithmetic: the plan's peak concurrency against each limit of the injector. */
class PreflightTest {
  private static final long MB = 1L << 20;

  /** 1 GB heap with 64 MB in use, 1024 open files with 100 open, 28232 ports (Linux defaults). */
  private static final InjectorFacts FACTS =
      new InjectorFacts(
          1024 * MB,
          64 * MB,
          OptionalLong.of(1024),
          OptionalLong.of(100),
          OptionalLong.of(28232),
          "loopback");

  private static final PreflightSettings REFUSE =
      new PreflightSettings(PreflightSettings.Beyond.REFUSE, 0.8, 48 * 1024);

  private static Plan closed(int users) {
    return plan(LoadModel.CLOSED, users, Duration.ofMinutes(1));
  }

  private static Plan plan(LoadModel model, double level, Duration hold) {
    List<Phase> phases = List.of(new Phase("steady", level, Duration.ZERO, hold));
    return new Plan(new Profile("p", "test", model, ErrorBudget.NORMAL, phases, Map.of()), phases);
  }

  private static Preflight.Result check(Plan plan, JourneyTime journey, InjectorFacts facts) {
    return Preflight.check(
        new Preflight.Inputs(plan, journey, Duration.ofSeconds(60), true, 1, facts, REFUSE));
  }

  @Test
  void aSmallClosedPlanPassesAndSaysWhatItNeeds() {
    var r = check(closed(10), new JourneyTime(2000, 4), FACTS);

    assertTrue(r.refusal().isEmpty(), r.toString());
    assertEquals(List.of(), r.warnings());
    assertTrue(r.lines().get(0).contains("about 10 users at once (closed model"), r.lines().get(0));
    assertTrue(
        r.lines().stream()
            .anyMatch(l -> l.contains("110 needed (100 open now") && l.endsWith("ok")),
        r.lines().toString());
  }

  @Test
  void aPlanBeyondTheOpenFileLimitIsRefusedWithTheFixes() {
    var r = check(closed(5000), new JourneyTime(2000, 4), FACTS);

    String refusal = r.refusal().orElseThrow();
    assertTrue(
        refusal.startsWith("This injector cannot hold the plan: it needs about 5000 users"),
        refusal);
    assertTrue(refusal.contains("its open-file limit (ulimit -n) is 1024"), refusal);
    // 5100 descriptors, with a quarter of headroom, rounded up to a whole KiB: 6400 -> 7168.
    assertTrue(refusal.contains("ulimit -n 7168"), refusal);
    // 960 MB of heap free at 48 KB a user holds 20480 users: the heap is not the limit here.
    assertFalse(refusal.contains("heap of"), refusal);
    // The open files allow 924 more users: 5000 users need 6 injectors.
    assertTrue(refusal.contains("-Dinjector.count=6"), refusal);
    assertTrue(refusal.contains("-Dinjector.preflight.beyond=warn"), refusal);
  }

  @Test
  void aHundredMillionUsersAreBeyondEveryLimit() {
    var r = check(closed(100_000_000), new JourneyTime(2000, 4), FACTS);

    String refusal = r.refusal().orElseThrow();
    assertTrue(refusal.contains("open-file limit"), refusal);
    assertTrue(refusal.contains("its heap of 1GB holds about 20480 users (48KB each"), refusal);
    assertTrue(refusal.contains("local ports"), refusal);
    assertTrue(refusal.contains("-Dperfgate.heap="), refusal);
  }

  @Test
  void warnOnlyLetsTheRunGoAndSaysWhy() {
    var r =
        Preflight.check(
            new Preflight.Inputs(
                closed(5000),
                new JourneyTime(2000, 4),
                Duration.ofSeconds(60),
                true,
                1,
                FACTS,
                new PreflightSettings(PreflightSettings.Beyond.WARN, 0.8, 48 * 1024)));

    assertTrue(r.refusal().isEmpty());
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(
        r.warnings().get(0).endsWith("(injector.preflight.beyond = warn)."), r.warnings().get(0));
  }

  @Test
  void nearALimitIsAWarning() {
    // 100 open + 750 users = 850 of 1024: 83 % > 80 %.
    var r = check(closed(750), new JourneyTime(2000, 4), FACTS);

    assertTrue(r.refusal().isEmpty());
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(
        r.warnings().get(0).startsWith("The plan needs 83% of this injector's open files"),
        r.warnings().get(0));
  }

  @Test
  void anOpenPlanHoldsRateTimesTheJourneyAndWarnsWhenATargetHangs() {
    // 50 users/s for 10 min; a journey thinks 2 s: 100 users at once. If each of its 4 requests
    // waits the 60 s timeout, users pile up: 50 × 242 s = 12100 > 1024 open files.
    var r =
        check(plan(LoadModel.OPEN, 50, Duration.ofMinutes(10)), new JourneyTime(2000, 4), FACTS);

    assertTrue(r.refusal().isEmpty(), r.toString());
    assertTrue(r.lines().get(0).contains("about 100 users at once (open model"), r.lines().get(0));
    assertTrue(
        r.warnings().stream()
            .anyMatch(
                w -> w.startsWith("If the target slows down, this plan can need more open files")),
        r.warnings().toString());
  }

  @Test
  void anOpenPlanNeverHoldsMoreUsersThanItStarts() {
    // 1000 users/s for 2 s with a journey of 100 s would be 100000 users at once, but only 2000
    // ever start.
    var r =
        check(
            plan(LoadModel.OPEN, 1000, Duration.ofSeconds(2)), new JourneyTime(100_000, 1), FACTS);

    assertTrue(r.lines().get(0).contains("about 2000 users at once"), r.lines().get(0));
  }

  @Test
  void closedPortsWaitAMinuteUnlessTheKernelReusesThemForThisTarget() {
    // 2000 users ending every 0.5 s: 4000 new connections a second, 240000 ports in TIME_WAIT.
    InjectorFacts roomy =
        new InjectorFacts(
            8192 * MB,
            64 * MB,
            OptionalLong.of(100_000),
            OptionalLong.of(100),
            OptionalLong.of(28232),
            "loopback");
    var remote =
        Preflight.check(
            new Preflight.Inputs(
                closed(2000),
                new JourneyTime(500, 2),
                Duration.ofSeconds(60),
                false,
                1,
                roomy,
                REFUSE));
    assertTrue(remote.refusal().isEmpty(), "ports in TIME_WAIT are a warning, not a refusal");
    assertTrue(
        remote.warnings().stream().anyMatch(w -> w.contains("local ports")),
        remote.warnings().toString());

    var loopback = check(closed(2000), new JourneyTime(500, 2), roomy);
    assertEquals(List.of(), loopback.warnings());
  }

  @Test
  void offChecksNothing() {
    var r =
        Preflight.check(
            new Preflight.Inputs(
                closed(100_000_000),
                JourneyTime.NONE,
                Duration.ofSeconds(60),
                true,
                1,
                FACTS,
                new PreflightSettings(PreflightSettings.Beyond.OFF, 0.8, 48 * 1024)));
    assertTrue(r.refusal().isEmpty());
    assertEquals(List.of("injector preflight: off (injector.preflight.beyond = off)"), r.lines());
  }

  @Test
  void withoutProcTheFileAndPortChecksAreSkippedSayingSo() {
    InjectorFacts elsewhere =
        new InjectorFacts(
            1024 * MB,
            64 * MB,
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            "none");
    var r = check(closed(5000), new JourneyTime(2000, 4), elsewhere);

    assertTrue(r.refusal().isEmpty(), "the heap holds 5000 users");
    assertTrue(
        r.lines().stream().anyMatch(l -> l.contains("open files: not checked")),
        r.lines().toString());
    assertTrue(
        r.lines().stream().anyMatch(l -> l.contains("local ports: not checked")),
        r.lines().toString());
  }

  @Test
  void aJourneyIsItsThinkTimesAndItsRequests() {
    var steps =
        List.<Step>of(
            new Step.Request("a"),
            new Step.Think(Duration.ofSeconds(1), Duration.ofSeconds(3)),
            new Step.Group("g", List.of(new Step.Request("b"), new Step.Request("c"))),
            new Step.Repeat(
                3,
                List.of(
                    new Step.Request("d"),
                    new Step.Think(Duration.ofMillis(100), Duration.ofMillis(100)))));
    JourneyTime t = JourneyTime.of(steps, Duration.ofSeconds(1), Duration.ofSeconds(3));

    assertEquals(2300, t.thinkMillis(), 1e-9);
    assertEquals(6, t.requests(), 1e-9);
    assertEquals(2.3, t.expectedSeconds(), 1e-9);
    assertEquals(2.3 + 6 * 2, t.pessimisticSeconds(Duration.ofSeconds(2)), 1e-9);
  }

  @Test
  void procFilesAreRead() {
    String limits =
        "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max processes             95838                95838                processes \n"
            + "Max open files            256                  524288               files     \n";
    assertEquals(OptionalLong.of(256), InjectorFacts.openFilesLimit(limits));
    assertEquals(
        OptionalLong.empty(),
        InjectorFacts.openFilesLimit(
            "Max open files            unlimited            unlimited            files\n"));
    assertEquals(OptionalLong.of(28232), InjectorFacts.portRange("32768\t60999\n"));
    assertEquals(OptionalLong.empty(), InjectorFacts.portRange(""));
    assertEquals("all", InjectorFacts.timeWaitReuse("1\n"));
    assertEquals("loopback", InjectorFacts.timeWaitReuse("2\n"));
  }

  @Test
  void heapFixesReadAsXmx() {
    assertEquals("768m", Preflight.xmx(700 * MB));
    assertEquals("2g", Preflight.xmx(1100 * MB));
  }
}
