package io.perfgate.analysis;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Finding;
import io.perfgate.summary.Finding.Horizon;
import io.perfgate.summary.Finding.Kind;
import io.perfgate.summary.Finding.Recommendation;
import io.perfgate.summary.Finding.Severity;
import io.perfgate.summary.Summary.Entry;
import io.perfgate.summary.Summary.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Reads the measured figures the way the profiling guide does: latency and error bottlenecks, high
 * variance, throughput saturation, Apdex. Every finding carries its own advice; a run without
 * findings gets none.
 */
public final class Analyzer {
  /** Fewer requests than this say too little about a request's tail to call it a bottleneck. */
  static final long MIN_SAMPLES = 20;

  private final AnalysisSettings settings;

  public Analyzer(AnalysisSettings settings) {
    this.settings = settings;
  }

  public List<Finding> findings(
      List<Entry> requests, List<Phase> phases, List<ErrorCount> errors, OptionalDouble apdex) {
    List<Finding> out = new ArrayList<>();
    for (Entry e : requests) {
      latency(e).ifPresent(out::add);
      errors(e, errors).ifPresent(out::add);
      variance(e).ifPresent(out::add);
    }
    cache(requests).forEach(out::add);
    saturation(phases).ifPresent(out::add);
    if (apdex.isPresent()) {
      apdex(apdex.getAsDouble()).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(Finding::severity));
    return out;
  }

  Optional<Finding> latency(Entry e) {
    Figures f = e.measured();
    if (f.count() < MIN_SAMPLES) {
      return Optional.empty();
    }
    long critical = settings.latencyCritical().toMillis();
    long warning = settings.latencyWarning().toMillis();
    if (f.p99() <= warning) {
      return Optional.empty();
    }
    boolean isCritical = f.p99() > critical;
    String summary =
        String.format(
            Locale.ROOT,
            "%s: p99 is %d ms (%s above %d ms); p50 %d ms, p95 %d ms, %.1f requests/s",
            e.path(),
            f.p99(),
            isCritical ? "critical" : "warning",
            isCritical ? critical : warning,
            f.p50(),
            f.p95(),
            f.rps());
    List<Recommendation> advice = new ArrayList<>();
    advice.add(
        new Recommendation(
            Horizon.IMMEDIATE,
            "Profile "
                + e.name()
                + " on the target under this load: find where the slowest requests spend their time (queries, locks, downstream calls)."));
    if (f.p50() * 4 < f.p99()) {
      advice.add(
          new Recommendation(
              Horizon.SHORT_TERM,
              "Its tail is far from its median: look for requests that miss a cache or wait for a pool, and size pools and timeouts for the load."));
    } else {
      advice.add(
          new Recommendation(
              Horizon.SHORT_TERM,
              "Every request is slow, not just a few: optimise the work itself (query plans, indexes, payload size)."));
    }
    cacheTtl(f).ifPresent(ttl -> advice.add(new Recommendation(Horizon.SHORT_TERM, ttl)));
    advice.add(
        new Recommendation(
            Horizon.LONG_TERM,
            "Track "
                + e.name()
                + "'s p99 against a saved baseline so that a regression fails the build."));
    return Optional.of(
        new Finding(
            isCritical ? Severity.CRITICAL : Severity.WARNING,
            Kind.LATENCY,
            e.path(),
            summary,
            advice));
  }

  /**
   * A cache TTL by traffic and latency: the busier the request, the shorter a TTL still serves most
   * requests from cache; only worth it for requests slow enough to matter.
   */
  static Optional<String> cacheTtl(Figures f) {
    if (f.p95() < 100) {
      return Optional.empty();
    }
    String ttl;
    if (f.rps() >= 50) {
      ttl = "10 s";
    } else if (f.rps() >= 10) {
      ttl = "30 s";
    } else if (f.rps() >= 1) {
      ttl = "60 s";
    } else {
      ttl = "5 min";
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "If its answer can be a little stale, cache it: at %.1f requests/s a TTL of %s would serve most requests from cache instead of spending %d ms (p95) each.",
            f.rps(),
            ttl,
            f.p95()));
  }

  Optional<Finding> errors(Entry e, List<ErrorCount> messages) {
    Figures f = e.measured();
    if (f.count() == 0 || f.errorPercent() <= settings.errorCritical()) {
      return Optional.empty();
    }
    String top =
        messages.stream()
            .limit(3)
            .map(m -> "\"" + m.message() + "\" (" + m.count() + ")")
            .collect(Collectors.joining(", "));
    String summary =
        String.format(
            Locale.ROOT,
            "%s: %.2f%% of requests failed (%d of %d; critical above %s%%)%s",
            e.path(),
            f.errorPercent(),
            f.ko(),
            f.count(),
            trim(settings.errorCritical()),
            top.isEmpty() ? "" : "; top errors of the run: " + top);
    List<Recommendation> advice =
        List.of(
            new Recommendation(
                Horizon.IMMEDIATE,
                "Read the target's logs for "
                    + e.name()
                    + " at the times of the failures, starting with the most frequent message."),
            new Recommendation(
                Horizon.SHORT_TERM,
                "Check the limits the errors point at (connection pools, rate limits, timeouts) and whether they are sized for this load."),
            new Recommendation(
                Horizon.LONG_TERM,
                "Keep an error-rate gate on "
                    + e.name()
                    + " so that failures under load break the build."));
    return Optional.of(new Finding(Severity.CRITICAL, Kind.ERRORS, e.path(), summary, advice));
  }

  Optional<Finding> variance(Entry e) {
    Figures f = e.measured();
    if (f.count() < MIN_SAMPLES || f.p99() == 0) {
      return Optional.empty();
    }
    // A max far above p99 is a few outliers: GC pauses, retries, cold caches, lock contention.
    if (f.max() <= settings.varianceRatio() * f.p99() || f.max() - f.p99() < 100) {
      return Optional.empty();
    }
    String summary =
        String.format(
            Locale.ROOT,
            "%s: max %d ms is %.1f times its p99 of %d ms: a few requests are much slower than the rest",
            e.path(),
            f.max(),
            (double) f.max() / f.p99(),
            f.p99());
    return Optional.of(
        new Finding(
            Severity.WARNING,
            Kind.VARIANCE,
            e.path(),
            summary,
            List.of(
                new Recommendation(
                    Horizon.SHORT_TERM,
                    "Look for pauses on the target at the times of the slowest requests (garbage collection, lock waits, retries, cold caches)."))));
  }

  /** Suffix of a request that repeats one the same user just made (see Perfgate.repeatRequest). */
  static final String REPEAT = " (repeat)";

  /**
   * Cache effectiveness where the same request repeats: the first request of a user against its
   * repeats. Much faster repeats mean the cache serves them; repeats as slow as first requests, on
   * a request slow enough to matter, mean nothing does.
   */
  List<Finding> cache(List<Entry> requests) {
    List<Finding> out = new ArrayList<>();
    for (Entry repeat : requests) {
      if (!repeat.name().endsWith(REPEAT)) {
        continue;
      }
      String name = repeat.name().substring(0, repeat.name().length() - REPEAT.length());
      Optional<Entry> first =
          requests.stream()
              .filter(e -> e.name().equals(name) && e.groups().equals(repeat.groups()))
              .findFirst();
      if (first.isEmpty()
          || first.get().measured().count() < MIN_SAMPLES
          || repeat.measured().count() < MIN_SAMPLES) {
        continue;
      }
      Figures f = first.get().measured();
      Figures r = repeat.measured();
      double ratio = f.mean() == 0 ? 1 : r.mean() / f.mean();
      String figures =
          String.format(
              Locale.ROOT,
              "first requests mean %.0f ms (p95 %d ms), repeats mean %.0f ms (p95 %d ms)",
              f.mean(),
              f.p95(),
              r.mean(),
              r.p95());
      if (ratio <= 0.5) {
        out.add(
            new Finding(
                Severity.INFO,
                Kind.CACHE,
                first.get().path(),
                name
                    + ": the cache works, repeats take "
                    + Math.round(ratio * 100)
                    + "% of the time of first requests ("
                    + figures
                    + ")",
                List.of()));
      } else if (ratio >= 0.8 && f.p95() >= 100) {
        List<Recommendation> advice = new ArrayList<>();
        advice.add(
            new Recommendation(
                Horizon.SHORT_TERM,
                "Check that "
                    + name
                    + " is cached at all, and that its cache key does not vary per request."));
        cacheTtl(f).ifPresent(ttl -> advice.add(new Recommendation(Horizon.SHORT_TERM, ttl)));
        out.add(
            new Finding(
                Severity.WARNING,
                Kind.CACHE,
                first.get().path(),
                name
                    + ": repeats are as slow as first requests, so no cache serves them ("
                    + figures
                    + ")",
                advice));
      }
    }
    return out;
  }

  /**
   * The capacity knee: the first step whose added users bring less throughput than linear scaling
   * would, by the configured share. Reported as the last step before it.
   */
  Optional<Finding> saturation(List<Phase> phases) {
    List<Phase> steps =
        phases.stream().filter(p -> p.figures().count() > 0 && p.level() > 0).toList();
    for (int i = 1; i < steps.size(); i++) {
      Phase before = steps.get(i - 1);
      Phase now = steps.get(i);
      if (now.level() <= before.level() || before.figures().rps() <= 0) {
        continue;
      }
      double expected =
          before.figures().rps() * now.level() / before.level() - before.figures().rps();
      double gained = now.figures().rps() - before.figures().rps();
      if (gained < settings.saturationEfficiency() * expected) {
        String summary =
            String.format(
                Locale.ROOT,
                "throughput stops growing with users: %s at %s brought %.1f requests/s, %s at %s brought %.1f (linear scaling would give %.1f); capacity knee at about %s and %.1f requests/s",
                before.name(),
                level(before.level()),
                before.figures().rps(),
                now.name(),
                level(now.level()),
                now.figures().rps(),
                before.figures().rps() + expected,
                level(before.level()),
                before.figures().rps());
        return Optional.of(
            new Finding(
                Severity.WARNING,
                Kind.SATURATION,
                "global",
                summary,
                List.of(
                    new Recommendation(
                        Horizon.IMMEDIATE,
                        "Find the resource that is saturated at the knee (CPU, pool sizes, database connections, threads)."),
                    new Recommendation(
                        Horizon.LONG_TERM,
                        "Plan capacity from the knee: keep expected peak traffic well below "
                            + String.format(Locale.ROOT, "%.0f", before.figures().rps())
                            + " requests/s per instance, or scale out."))));
      }
    }
    return Optional.empty();
  }

  Optional<Finding> apdex(double score) {
    if (score >= 0.85) {
      return Optional.empty();
    }
    Severity severity = score < 0.7 ? Severity.CRITICAL : Severity.WARNING;
    String summary =
        String.format(
            Locale.ROOT,
            "Apdex %.2f at T = %d ms: %s",
            score,
            settings.apdexThreshold().toMillis(),
            score < 0.7 ? "users are frustrated" : "users notice the slowness");
    return Optional.of(
        new Finding(
            severity,
            Kind.APDEX,
            "global",
            summary,
            List.of(
                new Recommendation(
                    Horizon.SHORT_TERM,
                    "Start with the requests listed as latency bottlenecks: they cost the most satisfied users."))));
  }

  private static String level(double level) {
    return level == Math.rint(level)
        ? (long) level + " users"
        : String.format(Locale.ROOT, "%.1f users/s", level);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
