package io.perfgate.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The run's changes to its profile (-Dusers, -Drate, -Dduration, -Dramp, -Dscale). Applied in that
 * order, scale last, so -Dscale=0.1 shrinks whatever the other overrides produced.
 */
public record Overrides(
    OptionalInt users,
    OptionalDouble rate,
    Optional<Duration> duration,
    Optional<Duration> ramp,
    double scale) {
  public Overrides {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be > 0");
    }
  }

  public static Overrides none() {
    return new Overrides(
        OptionalInt.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty(), 1.0);
  }

  public Overrides withUsers(int u) {
    return new Overrides(OptionalInt.of(u), rate, duration, ramp, scale);
  }

  public Overrides withRate(double r) {
    return new Overrides(users, OptionalDouble.of(r), duration, ramp, scale);
  }

  public Overrides withDuration(Duration d) {
    return new Overrides(users, rate, Optional.of(d), ramp, scale);
  }

  public Overrides withRamp(Duration r) {
    return new Overrides(users, rate, duration, Optional.of(r), scale);
  }

  public Overrides withScale(double s) {
    return new Overrides(users, rate, duration, ramp, s);
  }
}
