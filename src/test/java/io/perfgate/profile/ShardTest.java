package io.perfgate.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perfgate.config.Settings;
import io.perfgate.config.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shards of one test add up exactly to the profile: no user lost or doubled by rounding. */
class ShardTest {
  private static Plan plan(String scenario, String scale, int count, int index) {
    Settings s =
        SettingsLoader.load(
            Map.of(
                "scenario",
                scenario,
                "scale",
                scale,
                "injector.count",
                String.valueOf(count),
                "injector.index",
                String.valueOf(index)),
            Map.of(),
            Path.of(""));
    return s.requirePlan();
  }

  @ParameterizedTest(name = "{0} at scale {1} on {2} injectors")
  @CsvSource({
    "smoke, 1, 2", "smoke, 1, 3", "smoke, 0.1, 4", "spike, 1, 3", "spike, 0.13, 7",
    "benchmark, 1, 4", "breakpoint, 0.1, 3", "load, 0.37, 5", "burst, 1, 3", "burst, 0.3, 7",
    "heavy, 1, 6", "soak, 0.01, 2"
  })
  void sharesAddUpToTheWholeWithTheSameTiming(String scenario, String scale, int count) {
    Plan whole = plan(scenario, scale, 1, 0);
    for (int p = 0; p < whole.phases().size(); p++) {
      Phase w = whole.phases().get(p);
      double levels = 0;
      long users = 0;
      for (int i = 0; i < count; i++) {
        Phase s = plan(scenario, scale, count, i).phases().get(p);
        assertEquals(w.ramp(), s.ramp(), "timing is kept");
        assertEquals(w.hold(), s.hold(), "timing is kept");
        levels += s.level();
        if (whole.model() == LoadModel.CLOSED) {
          assertEquals(Math.rint(s.level()), s.level(), "whole users");
        } else if (!w.hold().isZero()) {
          users += Math.round(s.level() * s.hold().toMillis() / 1000.0);
        }
      }
      if (whole.model() == LoadModel.CLOSED) {
        assertEquals(w.level(), levels, "phase " + w.name());
      } else if (!w.hold().isZero()) {
        assertEquals(
            Math.round(w.level() * w.hold().toMillis() / 1000.0), users, "phase " + w.name());
      }
    }
  }
}
