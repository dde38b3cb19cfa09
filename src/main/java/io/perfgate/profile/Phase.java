package io.perfgate.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * One phase of a profile: move from the previous phase's level (zero for the first) to {@code
 * level} over {@code ramp}, then hold it for {@code hold}. A level is concurrent users in the
 * closed model, new users per second in the open model.
 */
public record Phase(String name, double level, Duration ramp, Duration hold) {
  public Phase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ramp, "ramp");
    Objects.requireNonNull(hold, "hold");
    if (level < 0 || Double.isNaN(level) || ramp.isNegative() || hold.isNegative()) {
      throw new IllegalArgumentException("phase " + name + ": level and durations must be >= 0");
    }
  }

  public Duration length() {
    return ramp.plus(hold);
  }

  Phase withLevel(double l) {
    return new Phase(name, l, ramp, hold);
  }

  Phase withRamp(Duration r) {
    return new Phase(name, level, r, hold);
  }

  Phase withHold(Duration h) {
    return new Phase(name, level, ramp, h);
  }
}
