package io.perfgate.injector;

import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Plan;
import io.perfgate.units.ByteSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks, before any load, that this injector can hold the plan's peak concurrency: one connection
 * (a file descriptor and a local port) and some heap for every active user. A closed-model plan
 * holds its peak users at once; an open-model one holds its peak rate times a journey's duration,
 * estimated from the journeys' think times (expected) and with every request waiting the request
 * timeout (pessimistic, a target that hangs), never more than the users the plan starts. Beyond a
 * limit the run is refused (or warned about, as injector.preflight.beyond says); above
 * injector.preflight.warnAt of a limit, warned about.
 */
public final class Preflight {
  /** How long Linux keeps a closed connection's port in TIME_WAIT. */
  static final Duration TIME_WAIT = Duration.ofSeconds(60);

  /**
   * What preflight found.
   *
   * @param lines what the plan printed at start says about the injector
   * @param warnings what the run must warn about
   * @param refusal the paragraph that refuses the run, when it must be refused
   * @param users the users the plan holds at once (expected), which share the heap
   * @param facts what the injector could hold
   */
  public record Result(
      List<String> lines,
      List<String> warnings,
      Optional<String> refusal,
      double users,
      InjectorFacts facts) {}

  /**
   * What the check needs.
   *
   * @param journey the journeys' duration, averaged over the mix by weight
   * @param loopback whether the target is on this machine (Linux reuses ports in TIME_WAIT there)
   * @param injectors how many injectors run the test (-Dinjector.count)
   */
  public record Inputs(
      Plan plan,
      JourneyTime journey,
      Duration requestTimeout,
      boolean loopback,
      int injectors,
      InjectorFacts facts,
      PreflightSettings settings) {}

  private Preflight() {}

  public static Result check(Inputs in) {
    PreflightSettings s = in.settings();
    List<String> lines = new ArrayList<>();
    if (s.beyond() == PreflightSettings.Beyond.OFF) {
      lines.add("injector preflight: off (injector.preflight.beyond = off)");
      return new Result(lines, List.of(), Optional.empty(), in.plan().peak(), in.facts());
    }
    Plan plan = in.plan();
    double started = Math.max(1, plan.usersStarted());
    double expected;
    double pessimistic;
    double newPerSecond;
    String how;
    if (plan.model() == LoadModel.CLOSED) {
      expected = plan.peak();
      pessimistic = plan.peak();
      newPerSecond =
          plan.peak()
              / Math.max(
                  in.journey().expectedSeconds(), 0.01 * Math.max(1, in.journey().requests()));
      how = "closed model: its peak users";
    } else {
      expected = Math.min(started, Math.max(1, plan.peak() * in.journey().expectedSeconds()));
      pessimistic =
          Math.min(
              started,
              Math.max(1, plan.peak() * in.journey().pessimisticSeconds(in.requestTimeout())));
      newPerSecond = plan.peak();
      how =
          String.format(
              Locale.ROOT,
              "open model: %s × a journey of about %s; up to %s when every request waits the"
                  + " %s request timeout",
              plan.level(plan.peak()),
              seconds(in.journey().expectedSeconds()),
              users(pessimistic),
              io.perfgate.units.Durations.format(in.requestTimeout()));
    }
    lines.add(
        "injector preflight: the plan holds about " + users(expected) + " at once (" + how + ")");

    List<Finding> findings = new ArrayList<>();
    InjectorFacts f = in.facts();
    // Open files: one connection per active user, beside what the JVM already holds.
    if (f.openFilesLimit().isPresent()) {
      long limit = f.openFilesLimit().getAsLong();
      long base = f.openFilesInUse().orElse(0);
      findings.add(
          judge(
              "open files",
              base + expected,
              base + pessimistic,
              limit,
              String.format(
                  Locale.ROOT,
                  "%.0f needed (%d open now, one per user) of %d (ulimit -n)",
                  base + expected,
                  base,
                  limit),
              Math.max(1, limit - base),
              s));
    } else {
      lines.add("  open files: not checked (no /proc/self/limits on this system)");
    }
    // Heap: what is in use now, plus each active user's share.
    long perUser = s.heapPerUserBytes();
    double heapNeed = f.heapUsedBytes() + expected * perUser;
    double heapWorst = f.heapUsedBytes() + pessimistic * perUser;
    findings.add(
        judge(
            "heap",
            heapNeed,
            heapWorst,
            f.heapMaxBytes(),
            ByteSize.format((long) heapNeed)
                + " needed ("
                + ByteSize.format(f.heapUsedBytes())
                + " in use now, "
                + ByteSize.format(perUser)
                + " per user) of "
                + ByteSize.format(f.heapMaxBytes())
                + " (-Xmx)",
            Math.max(1, (f.heapMaxBytes() - f.heapUsedBytes()) / Math.max(1, perUser)),
            s));
    // Ports: one per open connection; closed ones keep theirs for a minute (TIME_WAIT) unless the
    // kernel reuses them for this target.
    if (f.ephemeralPorts().isPresent()) {
      long range = f.ephemeralPorts().getAsLong();
      boolean reused =
          f.reusesTimeWaitPorts().equals("all")
              || (f.reusesTimeWaitPorts().equals("loopback") && in.loopback());
      double window = Math.min(TIME_WAIT.toSeconds(), plan.total().toMillis() / 1000.0);
      double waiting =
          reused
              ? 0
              : plan.model() == LoadModel.OPEN
                  ? Math.min(started, newPerSecond * window)
                  : newPerSecond * window;
      Finding ports =
          judge(
              "local ports",
              expected,
              expected + waiting,
              range,
              String.format(
                  Locale.ROOT,
                  "%.0f at once%s of %d (ip_local_port_range)",
                  expected,
                  reused
                      ? ""
                      : String.format(
                          Locale.ROOT,
                          ", about %.0f more held for a minute after users end",
                          waiting),
                  range),
              range,
              s);
      findings.add(ports);
    } else {
      lines.add("  local ports: not checked (no /proc/sys/net/ipv4/ip_local_port_range here)");
    }

    List<String> warnings = new ArrayList<>();
    List<Finding> beyond = new ArrayList<>();
    for (Finding x : findings) {
      lines.add(String.format(Locale.ROOT, "  %-12s %s: %s", x.what + ":", x.text, x.verdict()));
      if (x.beyond) {
        beyond.add(x);
      } else if (x.warning != null) {
        warnings.add(x.warning);
      }
    }
    if (beyond.isEmpty()) {
      return new Result(lines, warnings, Optional.empty(), expected, f);
    }
    String paragraph = refusal(beyond, expected, in);
    if (s.beyond() == PreflightSettings.Beyond.WARN) {
      warnings.add(paragraph + " The run goes ahead anyway (injector.preflight.beyond = warn).");
      return new Result(lines, warnings, Optional.empty(), expected, f);
    }
    return new Result(
        lines,
        warnings,
        Optional.of(
            paragraph
                + " To run anyway, knowing it will fail, set -Dinjector.preflight.beyond=warn."),
        expected,
        f);
  }

  /** One limit, judged. */
  private record Finding(
      String what,
      String text,
      boolean beyond,
      String warning,
      double need,
      double limit,
      long capacity) {
    String verdict() {
      return beyond ? "BEYOND THE LIMIT" : warning != null ? "close to the limit" : "ok";
    }
  }

  private static Finding judge(
      String what,
      double need,
      double worst,
      double limit,
      String text,
      long capacity,
      PreflightSettings s) {
    if (need > limit) {
      return new Finding(what, text, true, null, need, limit, capacity);
    }
    String warning = null;
    if (need > s.warnAt() * limit) {
      warning =
          String.format(
              Locale.ROOT,
              "The plan needs %.0f%% of this injector's %s (%s): a busy run can reach the limit.",
              need / limit * 100,
              what,
              text);
    } else if (worst > limit) {
      warning =
          String.format(
              Locale.ROOT,
              "If the target slows down, this plan can need more %s than this injector has (%s"
                  + " expected, up to %s if users pile up, of %s).",
              what,
              amount(what, need),
              amount(what, worst),
              amount(what, limit));
    }
    return new Finding(what, text, false, warning, need, limit, capacity);
  }

  private static String refusal(List<Finding> beyond, double expected, Inputs in) {
    StringBuilder sb = new StringBuilder("This injector cannot hold the plan: it needs about ");
    sb.append(users(expected)).append(" at once, but ");
    List<String> parts = new ArrayList<>();
    long capacity = Long.MAX_VALUE;
    List<String> fixes = new ArrayList<>();
    for (Finding f : beyond) {
      capacity = Math.min(capacity, f.capacity);
      switch (f.what) {
        case "open files" -> {
          parts.add(
              String.format(
                  Locale.ROOT,
                  "its open-file limit (ulimit -n) is %.0f and every user holds a connection",
                  f.limit));
          fixes.add(
              String.format(
                  Locale.ROOT,
                  "raise the open-file limit (ulimit -n %d in the shell that starts Maven)",
                  roundUp((long) (f.need * 1.25))));
        }
        case "heap" -> {
          parts.add(
              "its heap of "
                  + ByteSize.format((long) f.limit)
                  + " holds about "
                  + f.capacity
                  + " users ("
                  + ByteSize.format(in.settings().heapPerUserBytes())
                  + " each, injector.preflight.heapPerUser)");
          fixes.add(
              "give it a larger heap (-Dperfgate.heap="
                  + xmx((long) (f.need * 1.25))
                  + ", or -Xmx in the jvmArgs of pom.xml)");
        }
        default -> {
          parts.add(
              String.format(
                  Locale.ROOT,
                  "this machine gives outgoing connections %.0f local ports (ip_local_port_range)",
                  f.limit));
          fixes.add("widen net.ipv4.ip_local_port_range");
        }
      }
    }
    sb.append(String.join(", and ", parts)).append(". ");
    long shards = (long) Math.ceil(expected / Math.max(1, capacity)) * Math.max(1, in.injectors());
    fixes.add(
        "shard the test over "
            + Math.max(2, shards)
            + " injectors with -Dinjector.count="
            + Math.max(2, shards)
            + " (and -Dinjector.index=0..."
            + (Math.max(2, shards) - 1)
            + " on each), so that each runs its share");
    sb.append("Fix: ").append(String.join("; or ", fixes)).append(".");
    return sb.toString();
  }

  /** A heap size as -Xmx reads it, rounded up: "768m", "4g". */
  static String xmx(long bytes) {
    long mb = (bytes + (1 << 20) - 1) >> 20;
    if (mb <= 1024) {
      return ((mb + 255) / 256 * 256) + "m";
    }
    return ((mb + 1023) / 1024) + "g";
  }

  private static long roundUp(long n) {
    long step = n < 10_000 ? 1024 : n < 1_000_000 ? 65_536 : 1 << 20;
    return (n + step - 1) / step * step;
  }

  private static String amount(String what, double v) {
    return what.equals("heap") ? ByteSize.format((long) v) : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String users(double n) {
    return String.format(Locale.ROOT, "%.0f %s", n, Math.round(n) == 1 ? "user" : "users");
  }

  private static String seconds(double s) {
    return s < 10
        ? String.format(Locale.ROOT, "%.1f s", s)
        : String.format(Locale.ROOT, "%.0f s", s);
  }
}
