package io.perfgate.profile;

import static io.perfgate.profile.ErrorBudget.HIGH;
import static io.perfgate.profile.ErrorBudget.NORMAL;
import static io.perfgate.profile.ErrorBudget.STRESS;
import static io.perfgate.profile.LoadModel.CLOSED;
import static io.perfgate.profile.LoadModel.OPEN;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.config.ConfigError;
import io.perfgate.config.SettingsLoader;
import io.perfgate.testing.DesignProfiles;
import io.perfgate.units.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The profiles of reference.conf against DESIGN.md's table, and the run's overrides (-Dusers,
 * -Drate, -Dramp, -Dduration, -Dscale) as reference.conf documents them.
 */
class PlansTest {
  private static final Set<String> PROFILES = Set.copyOf(DesignProfiles.NAMES);

  /** A project that only names the journeys reference.conf's profiles use: its profiles apply. */
  @TempDir static Path project;

  @BeforeAll
  static void writeProject() throws IOException {
    Files.createDirectories(project.resolve("resources"));
    Files.writeString(
        project.resolve("resources/perfgate.conf"),
        "workload.journeys { standard { weight = 5 }, burst { weight = 4 }, heavy { weight = 1 }"
            + " }\n");
  }

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  private static Plan plan(String scenario, String... overrides) {
    Map<String, String> props = props(overrides);
    props.put("scenario", scenario);
    return SettingsLoader.load(props, Map.of(), project).requirePlan();
  }

  private static ConfigError refused(String scenario, String... overrides) {
    Map<String, String> props = props(overrides);
    props.put("scenario", scenario);
    return assertThrows(ConfigError.class, () -> SettingsLoader.load(props, Map.of(), project));
  }

  private static Duration s(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static Duration m(double minutes) {
    return s(minutes * 60);
  }

  /** A phase window in seconds: start, end of ramp, end of hold. */
  private static Plan.Window w(
      String name, double level, double start, double rampEnd, double end) {
    return new Plan.Window(name, level, s(start), s(rampEnd), s(end));
  }

  private static List<Double> levels(Plan plan) {
    return plan.phases().stream().map(Phase::level).toList();
  }

  // ---- the profiles of DESIGN.md ----

  static Stream<Arguments> profiles() {
    List<Plan.Window> burst = new ArrayList<>();
    List<Plan.Window> breakpoint = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      burst.add(w("burst " + (i + 1), 50, 30 * i, 30 * i, 30 * i + 10));
      burst.add(w("pause " + (i + 1), 0, 30 * i + 10, 30 * i + 10, 30 * i + 30));
    }
    int[] doubling = {100, 200, 400, 800, 1600, 3200};
    for (int i = 0; i < doubling.length; i++) {
      breakpoint.add(w("step " + (i + 1), doubling[i], 90 * i, 90 * i + 30, 90 * i + 90));
    }
    return Stream.of(
        row("smoke", CLOSED, NORMAL, 10, m(1), w("steady", 10, 0, 10, 60)),
        row("baseline", CLOSED, NORMAL, 50, m(5), w("steady", 50, 0, 30, 300)),
        row(
            "load",
            CLOSED,
            NORMAL,
            200,
            m(15),
            w("normal", 100, 0, 60, 420),
            w("peak", 200, 420, 480, 900)),
        row(
            "stress",
            CLOSED,
            STRESS,
            500,
            m(10),
            w("high", 300, 0, 60, 300),
            w("extreme", 500, 300, 360, 600)),
        row(
            "spike",
            CLOSED,
            HIGH,
            500,
            m(5),
            w("normal", 50, 0, 30, 120),
            w("spike", 500, 120, 130, 190),
            w("recovery", 50, 190, 200, 300)),
        row("endurance", CLOSED, NORMAL, 100, m(30), w("sustained", 100, 0, 120, 1800)),
        row("soak", CLOSED, NORMAL, 75, m(120), w("soak", 75, 0, 300, 7200)),
        row("burst", OPEN, HIGH, 50, m(2), burst.toArray(Plan.Window[]::new)),
        row("heavy", CLOSED, HIGH, 20, m(5), w("heavy", 20, 0, 30, 300)),
        row("breakpoint", CLOSED, STRESS, 3200, m(9), breakpoint.toArray(Plan.Window[]::new)),
        row(
            "benchmark",
            CLOSED,
            NORMAL,
            50,
            m(2),
            w("step 1", 1, 0, 0, 30),
            w("step 2", 10, 30, 30, 60),
            w("step 3", 25, 60, 60, 90),
            w("step 4", 50, 90, 90, 120)));
  }

  private static Arguments row(
      String name,
      LoadModel model,
      ErrorBudget budget,
      double peak,
      Duration total,
      Plan.Window... windows) {
    return Arguments.of(name, model, budget, peak, total, List.of(windows));
  }

  @ParameterizedTest(name = "{0}: {1}, peak {3}, {4}")
  @MethodSource("profiles")
  void profileMatchesTheDesignTable(
      String name,
      LoadModel model,
      ErrorBudget budget,
      double peak,
      Duration total,
      List<Plan.Window> windows) {
    Plan plan = plan(name);
    assertAll(
        () -> assertEquals(name, plan.profile().name()),
        () -> assertEquals(model, plan.model()),
        () -> assertEquals(budget, plan.profile().errorBudget()),
        () -> assertEquals(peak, plan.peak()),
        () -> assertEquals(total, plan.total()),
        () -> assertEquals(windows, plan.windows()));
  }

  @Test
  void everyProfileOfTheDesignIsConfiguredAndNoOther() {
    var settings = SettingsLoader.load(Map.of("scenario", "list"), Map.of(), project);
    assertEquals(PROFILES, settings.profiles().keySet());
    assertTrue(
        settings.profiles().values().stream().noneMatch(p -> p.description().isBlank()),
        "every profile has a description for -Dscenario=list");
  }

  @Test
  void windowsFollowEachOtherWithoutGaps() {
    for (String name : PROFILES) {
      List<Plan.Window> windows = plan(name).windows();
      assertEquals(Duration.ZERO, windows.get(0).start(), name);
      for (int i = 1; i < windows.size(); i++) {
        assertEquals(windows.get(i - 1).end(), windows.get(i).start(), name + " phase " + i);
      }
      assertEquals(plan(name).total(), windows.get(windows.size() - 1).end(), name);
    }
  }

  @Test
  void burstAndHeavyBringTheirOwnJourneyMix() {
    assertEquals(Map.of("burst", 1.0), plan("burst").profile().journeys());
    assertEquals(Map.of("heavy", 1.0), plan("heavy").profile().journeys());
    assertEquals(Map.of(), plan("smoke").profile().journeys());
  }

  // ---- -Dusers and -Drate ----

  @ParameterizedTest(name = "{0} with -Dusers={1} has levels {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "spike      | 100  | 10, 100, 10",
        "spike      | 1000 | 100, 1000, 100",
        "spike      | 5    | 1, 5, 1",
        "load       | 300  | 150, 300",
        "smoke      | 3    | 3",
        "breakpoint | 320  | 10, 20, 40, 80, 160, 320",
        "breakpoint | 10   | 1, 1, 1, 3, 5, 10",
        "benchmark  | 5    | 1, 1, 3, 5",
        "benchmark  | 1    | 1, 1, 1, 1",
      })
  void usersRescalesEveryPhaseToWholeUsersAndNeverToNone(
      String scenario, int users, String expected) {
    Plan plan = plan(scenario, "users", String.valueOf(users));
    List<Double> want = Stream.of(expected.split(",\\s*")).map(Double::valueOf).toList();
    assertEquals(want, levels(plan));
    assertEquals(users, plan.peak());
    assertEquals(plan(scenario).total(), plan.total(), "-Dusers leaves the timing alone");
  }

  @ParameterizedTest(name = "{0}: any -Dusers or -Dscale gives whole users, none rounded away")
  @ValueSource(strings = {"smoke", "load", "stress", "spike", "soak", "breakpoint", "benchmark"})
  void closedLevelsStayWholeAndNonZeroUnderEveryOverride(String scenario) {
    Profile profile = plan(scenario).profile();
    List<Overrides> overrides = new ArrayList<>();
    for (int users = 1; users <= 120; users++) {
      overrides.add(Overrides.none().withUsers(users));
    }
    for (double scale : new double[] {0.001, 0.01, 0.05, 0.1, 0.33, 0.5, 0.77, 2, 3.3}) {
      overrides.add(Overrides.none().withScale(scale));
      overrides.add(Overrides.none().withUsers(7).withScale(scale));
    }
    for (Overrides o : overrides) {
      Plan plan = Plans.resolve(profile, o);
      for (int i = 0; i < plan.phases().size(); i++) {
        double level = plan.phases().get(i).level();
        assertEquals(Math.rint(level), level, () -> o + " gives a fractional level");
        assertTrue(level >= 1, () -> o + " rounds a level to none");
      }
      if (o.users().isPresent() && o.scale() == 1.0) {
        assertEquals(o.users().getAsInt(), plan.peak(), o::toString);
      }
    }
  }

  @Test
  void rateRescalesAnOpenProfileKeepingPausesAtZero() {
    Plan plan = plan("burst", "rate", "12.5");
    assertEquals(List.of(12.5, 0.0, 12.5, 0.0, 12.5, 0.0, 12.5, 0.0), levels(plan));
    assertEquals(m(2), plan.total());
    assertEquals("12.5 users/s", plan.level(plan.peak()));
  }

  @Test
  void usersOnAnOpenProfileIsAnErrorNamingUsersAndPointingToRate() {
    ConfigError e = refused("burst", "users", "100");
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'users' (system property -Dusers)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("open-model"), e.getMessage());
    assertTrue(e.getMessage().contains("-Drate="), e.getMessage());
  }

  @Test
  void rateOnAClosedProfileIsAnErrorNamingRateAndPointingToUsers() {
    ConfigError e = refused("smoke", "rate", "5");
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'rate' (system property -Drate)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("closed-model"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dusers="), e.getMessage());
  }

  // ---- -Dramp and -Dduration ----

  @Test
  void rampReplacesEveryRampAndKeepsTheHolds() {
    Plan plan = plan("load", "ramp", "2m");
    assertEquals(
        List.of(w("normal", 100, 0, 120, 480), w("peak", 200, 480, 600, 1020)), plan.windows());
  }

  @Test
  void rampAlsoAppliesToPhasesWithoutOne() {
    Plan plan = plan("benchmark", "ramp", "5s");
    assertTrue(plan.phases().stream().allMatch(p -> p.ramp().equals(s(5))));
    assertEquals(s(140), plan.total());
  }

  @ParameterizedTest(name = "{0} with -Dduration={1} lasts exactly that")
  @CsvSource({
    "smoke, 1h30m",
    "smoke, 11s",
    "baseline, 7m",
    "load, 20m",
    "load, 30m",
    "spike, 10m",
    "spike, 1m",
    "burst, 4m",
    "breakpoint, 1h",
    "benchmark, 7s",
    "soak, 24h",
  })
  void durationStretchesTheHoldsSoTheTotalIsExact(String scenario, String duration) {
    Plan original = plan(scenario);
    Plan plan = plan(scenario, "duration", duration);
    Duration want = Durations.parse(duration).orElseThrow();
    assertEquals(want, plan.total());
    for (int i = 0; i < plan.phases().size(); i++) {
      assertEquals(original.phases().get(i).ramp(), plan.phases().get(i).ramp(), "ramps stay");
      assertEquals(original.phases().get(i).level(), plan.phases().get(i).level(), "levels stay");
    }
  }

  @Test
  void durationKeepsTheHoldsInProportion() {
    Plan plan = plan("spike", "duration", "10m");
    // ramps take 50s, so the holds share 550s in the ratio 90 : 60 : 100.
    assertEquals(List.of(s(198), s(132), s(220)), plan.phases().stream().map(Phase::hold).toList());
  }

  @ParameterizedTest(name = "{0} with -Dduration={1} is refused")
  @CsvSource({"smoke, 5s", "smoke, 10s", "load, 2m", "spike, 50s"})
  void durationNoLongerThanTheRampsIsAnError(String scenario, String duration) {
    ConfigError e = refused(scenario, "duration", duration);
    assertTrue(
        e.getMessage().startsWith("Invalid setting 'duration' (system property -Dduration)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("leaves no time to hold"), e.getMessage());
    assertTrue(e.getMessage().contains("Allowed: a duration longer than"), e.getMessage());
  }

  @Test
  void rampAppliesBeforeDurationSoAShorterRampMakesRoom() {
    Plan plan = plan("smoke", "ramp", "0s", "duration", "5s");
    assertEquals(List.of(w("steady", 10, 0, 0, 5)), plan.windows());
  }

  // ---- -Dscale ----

  @Test
  void scaleShrinksSmokeToOneUserForSixSeconds() {
    Plan plan = plan("smoke", "scale", "0.1");
    assertEquals(List.of(w("steady", 1, 0, 1, 6)), plan.windows());
    assertEquals(s(6), plan.total());
  }

  @Test
  void scaleKeepsTheSingleSequentialBenchmarkUser() {
    Plan plan = plan("benchmark", "scale", "0.5");
    assertEquals(List.of(1.0, 5.0, 13.0, 25.0), levels(plan));
    assertEquals(s(60), plan.total());
  }

  @Test
  void scaleNeverRoundsAClosedLevelToNone() {
    Plan plan = plan("breakpoint", "scale", "0.001");
    assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 2.0, 3.0), levels(plan));
  }

  @Test
  void scaleOnAnOpenProfileKeepsFractionalRates() {
    Plan plan = plan("burst", "scale", "0.05");
    assertEquals(List.of(2.5, 0.0, 2.5, 0.0, 2.5, 0.0, 2.5, 0.0), levels(plan));
    assertEquals(s(6), plan.total());
  }

  @Test
  void scaleAppliesLastToWhatUsersProduced() {
    Plan plan = plan("spike", "users", "100", "scale", "0.1");
    assertEquals(List.of(1.0, 10.0, 1.0), levels(plan));
    assertEquals(s(30), plan.total());
  }

  @Test
  void scaleAppliesLastToWhatDurationProduced() {
    assertEquals(m(5), plan("spike", "duration", "10m", "scale", "0.5").total());
    assertEquals(m(3), plan("soak", "duration", "30m", "scale", "0.1").total());
  }

  @Test
  void scaleAppliesLastToWhatRampProduced() {
    Plan plan = plan("load", "ramp", "2m", "scale", "0.5");
    assertEquals(
        List.of(w("normal", 50, 0, 60, 240), w("peak", 100, 240, 300, 510)), plan.windows());
  }

  // ---- Plans on hand-made profiles ----

  private static Profile profile(LoadModel model, Phase... phases) {
    return new Profile("p", "", model, ErrorBudget.NORMAL, List.of(phases), Map.of());
  }

  @ParameterizedTest(name = "closed level {0} x {1} = {2}")
  @CsvSource({
    "0, 0.001, 0",
    "0, 10, 0",
    "1, 0.001, 1",
    "10, 0.01, 1",
    "10, 0.14, 1",
    "10, 0.15, 2",
    "25, 0.5, 13",
    "3, 100, 300",
  })
  void closedLevelsAreWholeAndNonZeroLevelsStayNonZero(double level, double factor, double want) {
    assertEquals(want, Plans.scaleLevel(LoadModel.CLOSED, level, factor));
  }

  @ParameterizedTest(name = "open level {0} x {1} = {2}")
  @CsvSource({"0, 0.5, 0", "50, 0.05, 2.5", "0.5, 0.1, 0.05"})
  void openLevelsScaleExactly(double level, double factor, double want) {
    assertEquals(want, Plans.scaleLevel(LoadModel.OPEN, level, factor), 1e-12);
  }

  @Test
  void noOverridesGiveTheProfileAsConfigured() {
    Profile p =
        profile(LoadModel.CLOSED, new Phase("a", 3, s(1), s(2)), new Phase("b", 7, s(0), s(4)));
    assertEquals(p.phases(), Plans.resolve(p, Overrides.none()).phases());
  }

  @Test
  void scaleThatLeavesNoTimeIsAnErrorNamingScale() {
    Profile p = profile(LoadModel.CLOSED, new Phase("a", 3, Duration.ZERO, Duration.ofMillis(4)));
    PlanException e =
        assertThrows(PlanException.class, () -> Plans.resolve(p, Overrides.none().withScale(0.1)));
    assertEquals("scale", e.key());
    assertTrue(e.allowed().contains("-Dscale"), e.allowed());
  }

  @Test
  void usersOverrideMapsThePeakToTheGivenCount() {
    Profile p =
        profile(LoadModel.CLOSED, new Phase("a", 3, s(1), s(1)), new Phase("b", 6, s(1), s(1)));
    Plan plan = Plans.resolve(p, Overrides.none().withUsers(4));
    assertEquals(List.of(2.0, 4.0), levels(plan));
  }

  @Test
  void overridesRefuseANonPositiveScale() {
    assertThrows(IllegalArgumentException.class, () -> Overrides.none().withScale(0));
    assertThrows(IllegalArgumentException.class, () -> Overrides.none().withScale(-1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Overrides(
                OptionalInt.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Double.POSITIVE_INFINITY));
  }

  @Test
  void levelsPrintWithTheirUnit() {
    assertEquals("500 users", plan("spike").level(500));
    assertEquals("2.5 users/s", plan("burst").level(2.5));
  }
}
