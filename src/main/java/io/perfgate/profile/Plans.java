package io.perfgate.profile;

import io.perfgate.units.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies a run's overrides to a profile, in the documented order: levels, ramp, duration, scale.
 */
public final class Plans {
  private Plans() {}

  public static Plan resolve(Profile profile, Overrides overrides) {
    List<Phase> phases = profile.phases();
    LoadModel model = profile.model();
    double peak = phases.stream().mapToDouble(Phase::level).max().orElse(0);

    if (overrides.users().isPresent()) {
      if (model != LoadModel.CLOSED) {
        throw new PlanException(
            "users",
            "profile "
                + profile.name()
                + " is open-model (new users per second), so it has no user count",
            "-Drate=<users per second> for this profile, or pick a closed-model profile");
      }
      double factor = overrides.users().getAsInt() / peak;
      phases = map(phases, p -> p.withLevel(scaleLevel(model, p.level(), factor)));
    }
    if (overrides.rate().isPresent()) {
      if (model != LoadModel.OPEN) {
        throw new PlanException(
            "rate",
            "profile "
                + profile.name()
                + " is closed-model (concurrent users), so it has no arrival rate",
            "-Dusers=<concurrent users> for this profile, or pick an open-model profile");
      }
      double factor = overrides.rate().getAsDouble() / peak;
      phases = map(phases, p -> p.withLevel(p.level() * factor));
    }
    if (overrides.ramp().isPresent()) {
      Duration ramp = overrides.ramp().get();
      phases = map(phases, p -> p.withRamp(ramp));
    }
    if (overrides.duration().isPresent()) {
      phases = stretch(profile.name(), phases, overrides.duration().get());
    }
    double scale = overrides.scale();
    if (scale != 1.0) {
      phases =
          map(
              phases,
              p ->
                  new Phase(
                      p.name(),
                      scaleLevel(model, p.level(), scale),
                      scaleDuration(p.ramp(), scale),
                      scaleDuration(p.hold(), scale)));
    }
    if (phases.stream().allMatch(p -> p.hold().isZero() && p.ramp().isZero())) {
      throw new PlanException(
          "scale",
          "the plan of profile " + profile.name() + " lasts no time at all",
          "a larger -Dscale");
    }
    Duration warmUp = scaleDuration(profile.warmUp(), scale);
    return new Plan(profile, phases, Plan.capWarmUp(warmUp, phases));
  }

  /** Closed-model levels are whole users, and a phase with users never rounds down to none. */
  static double scaleLevel(LoadModel model, double level, double factor) {
    if (level == 0) {
      return 0;
    }
    double scaled = level * factor;
    return model == LoadModel.CLOSED ? Math.max(1, Math.round(scaled)) : scaled;
  }

  static Duration scaleDuration(Duration d, double factor) {
    return Duration.ofMillis(Math.round(d.toMillis() * factor));
  }

  /** Stretches or shrinks the holds so ramps + holds last exactly {@code total}. */
  private static List<Phase> stretch(String profile, List<Phase> phases, Duration total) {
    long ramps = phases.stream().mapToLong(p -> p.ramp().toMillis()).sum();
    long holds = phases.stream().mapToLong(p -> p.hold().toMillis()).sum();
    long want = total.toMillis() - ramps;
    if (want <= 0 || holds == 0) {
      throw new PlanException(
          "duration",
          Durations.format(total)
              + " leaves no time to hold any level: the ramps of profile "
              + profile
              + " alone take "
              + Durations.format(Duration.ofMillis(ramps)),
          "a duration longer than "
              + Durations.format(Duration.ofMillis(ramps))
              + ", or a shorter -Dramp");
    }
    List<Phase> out = new ArrayList<>();
    long assigned = 0;
    int lastHold = -1;
    for (int i = 0; i < phases.size(); i++) {
      if (!phases.get(i).hold().isZero()) {
        lastHold = i;
      }
    }
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      long h =
          i == lastHold ? want - assigned : Math.round((double) p.hold().toMillis() * want / holds);
      if (i != lastHold) {
        assigned += h;
      }
      out.add(p.withHold(Duration.ofMillis(h)));
    }
    return out;
  }

  private static List<Phase> map(List<Phase> phases, UnaryOperator<Phase> f) {
    return phases.stream().map(f).toList();
  }

  /**
   * Shard {@code index} (0-based) of {@code count} injectors running the same plan at the same
   * time: each keeps the plan's timing and gets its share of every level, so that the shards add up
   * exactly to the whole. Closed-model users are split as whole users (the first {@code level %
   * count} shards get one more); open-model holds are split by whole users over the hold (rate x
   * duration), ramps in proportion.
   */
  public static Plan shard(Plan plan, int count, int index) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count);
    }
    if (count == 1) {
      return plan;
    }
    List<Phase> out = new ArrayList<>();
    for (Phase p : plan.phases()) {
      double level;
      if (plan.model() == LoadModel.CLOSED) {
        level = share((long) p.level(), count, index);
      } else if (!p.hold().isZero()) {
        long users = Math.round(p.level() * p.hold().toMillis() / 1000.0);
        level = share(users, count, index) * 1000.0 / p.hold().toMillis();
      } else {
        level = p.level() / count;
      }
      out.add(p.withLevel(level));
    }
    return new Plan(plan.profile(), out, plan.warmUp());
  }

  /** Whole units split over {@code count} shares that add up exactly. */
  static long share(long total, int count, int index) {
    return total / count + (index < total % count ? 1 : 0);
  }
}
