package io.perfgate.profile;

import io.perfgate.units.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The injection plan of one run: the profile with the run's overrides applied. Its phases are what
 * Gatling injects; its windows say when each phase starts and ends, for per-phase figures.
 */
public record Plan(Profile profile, List<Phase> phases, Duration warmUp) {
  /**
   * The warm-up never takes more than this share of the plan, so short runs keep a measured window.
   */
  public static final double MAX_WARM_UP_SHARE = 0.25;

  public Plan {
    Objects.requireNonNull(profile, "profile");
    phases = List.copyOf(phases);
    Objects.requireNonNull(warmUp, "warmUp");
  }

  /** A plan whose warm-up is the profile's, capped at a quarter of the plan. */
  public Plan(Profile profile, List<Phase> phases) {
    this(profile, phases, capWarmUp(profile.warmUp(), phases));
  }

  static Duration capWarmUp(Duration warmUp, List<Phase> phases) {
    long total = phases.stream().mapToLong(p -> p.length().toMillis()).sum();
    return Duration.ofMillis(Math.min(warmUp.toMillis(), (long) (total * MAX_WARM_UP_SHARE)));
  }

  /** When one phase runs, relative to the start of the injection. */
  public record Window(String name, double level, Duration start, Duration rampEnd, Duration end) {}

  public LoadModel model() {
    return profile.model();
  }

  /** The highest level of any phase: peak users (closed) or peak arrival rate (open). */
  public double peak() {
    return phases.stream().mapToDouble(Phase::level).max().orElse(0);
  }

  public Duration total() {
    return phases.stream().map(Phase::length).reduce(Duration.ZERO, Duration::plus);
  }

  public List<Window> windows() {
    List<Window> out = new ArrayList<>();
    Duration t = Duration.ZERO;
    for (Phase p : phases) {
      Duration rampEnd = t.plus(p.ramp());
      Duration end = rampEnd.plus(p.hold());
      out.add(new Window(p.name(), p.level(), t, rampEnd, end));
      t = end;
    }
    return out;
  }

  /**
   * The planned level {@code at} this time from the start of the injection: ramps move linearly
   * from the previous level; zero before the start and after the end.
   */
  public double levelAt(Duration at) {
    double previous = 0;
    Duration t = Duration.ZERO;
    if (at.isNegative()) {
      return 0;
    }
    for (Phase p : phases) {
      Duration rampEnd = t.plus(p.ramp());
      Duration end = rampEnd.plus(p.hold());
      if (at.compareTo(rampEnd) < 0) {
        double done = (double) at.minus(t).toMillis() / Math.max(1, p.ramp().toMillis());
        return previous + (p.level() - previous) * done;
      }
      if (at.compareTo(end) < 0) {
        return p.level();
      }
      previous = p.level();
      t = end;
    }
    return 0;
  }

  /**
   * How many users the plan starts in all: the area under the arrival rate for an open-model plan;
   * the peak for a closed one (a finished user is replaced, so more may start, never more at once).
   */
  public double usersStarted() {
    if (model() == LoadModel.CLOSED) {
      return peak();
    }
    double users = 0;
    double previous = 0;
    for (Phase p : phases) {
      users += (previous + p.level()) / 2 * p.ramp().toMillis() / 1000.0;
      users += p.level() * p.hold().toMillis() / 1000.0;
      previous = p.level();
    }
    return users;
  }

  /** A level with its unit, e.g. "500 users" or "12.5 users/s". */
  public String level(double level) {
    return formatLevel(level) + " " + model().unit();
  }

  static String formatLevel(double level) {
    return level == Math.rint(level)
        ? String.valueOf((long) level)
        : String.format(Locale.ROOT, "%.2f", level).replaceAll("0+$", "");
  }

  /** The plan as printed at the start of a run: one line per phase, then peak and duration. */
  public String describe(Duration maxDuration) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "profile %s (%s model): %s%n",
            profile.name(),
            model().name().toLowerCase(Locale.ROOT),
            profile.description()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-14s %14s %9s %9s %9s %9s%n",
            "phase",
            "level",
            "ramp",
            "hold",
            "from",
            "to"));
    for (Window w : windows()) {
      Phase p = phases.get(windows().indexOf(w));
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-14s %14s %9s %9s %9s %9s%n",
              w.name(),
              level(w.level()),
              Durations.format(p.ramp()),
              Durations.format(p.hold()),
              Durations.format(w.start()),
              Durations.format(w.end())));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  peak %s, total %s, stopped after %s at most; the first %s are warm-up, left out of"
                + " the measured figures%n",
            level(peak()),
            Durations.format(total()),
            Durations.format(maxDuration),
            Durations.format(warmUp)));
    return sb.toString();
  }
}
