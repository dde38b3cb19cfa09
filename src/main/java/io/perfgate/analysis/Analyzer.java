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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the measured figures the way the profiling guide does: latency and error bottlenecks, high
 * variance, throughput saturation, Apdex. Every finding carries its own advice; a run without
 * findings gets none. What several requests share is said once: one finding per kind and severity
 * naming the requests, each piece of advice once (a run with seven failing requests gets one error
 * finding with three pieces of advice, not seven times three).
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
    List<Draft> drafts = new ArrayList<>();
    for (Entry e : requests) {
      latency(e).ifPresent(drafts::add);
      errors(e).ifPresent(drafts::add);
      variance(e).ifPresent(drafts::add);
    }
    drafts.addAll(cache(requests));
    List<Finding> out = new ArrayList<>(merge(drafts, errors));
    saturation(phases).ifPresent(out::add);
    if (apdex.isPresent()) {
      apdex(apdex.getAsDouble()).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(Finding::severity));
    return out;
  }

  /**
   * A finding about one request before the findings that say the same thing of several requests are
   * merged: its figures as a clause, and its advice, each piece keyed so that the same advice for
   * several requests is said once, naming them all.
   *
   * @param figures the request's figures, to follow its name: "p99 is 812 ms; p50 205 ms, ..."
   */
  record Draft(Severity severity, Kind kind, Entry entry, String figures, List<Advice> advice) {}

  /**
   * One piece of advice for one request.
   *
   * @param key the same key for the same advice, whatever the request
   * @param clause what is particular to this request (e.g. its cache TTL), "" when nothing
   * @param say the text for the requests it concerns: their names and their clauses, in order
   */
  record Advice(
      Horizon horizon,
      String key,
      String clause,
      BiFunction<List<String>, List<String>, String> say) {
    static Advice same(Horizon horizon, String key, String text) {
      return new Advice(horizon, key, "", (names, clauses) -> text);
    }

    static Advice naming(Horizon horizon, String key, Function<String, String> text) {
      return new Advice(horizon, key, "", (names, clauses) -> text.apply(and(names)));
    }
  }

  /**
   * One finding per severity and kind: a finding that several requests share is said once, with
   * each request's figures and each piece of advice once, naming the requests it concerns. A
   * finding of one request reads as it always did.
   */
  static List<Finding> merge(List<Draft> drafts, List<ErrorCount> errors) {
    Map<String, List<Draft>> groups = new LinkedHashMap<>();
    for (Draft d : drafts) {
      groups.computeIfAbsent(d.severity() + "/" + d.kind(), k -> new ArrayList<>()).add(d);
    }
    List<Finding> out = new ArrayList<>();
    for (List<Draft> group : groups.values()) {
      Draft first = group.get(0);
      List<String> paths = group.stream().map(d -> d.entry().path()).toList();
      String summary;
      if (group.size() == 1) {
        summary = first.entry().path() + ": " + first.figures();
      } else {
        summary =
            lead(first.kind(), group.size())
                + ". "
                + group.stream()
                    .map(d -> d.entry().path() + ": " + d.figures())
                    .collect(Collectors.joining(". "));
      }
      if (first.kind() == Kind.ERRORS) {
        summary += topErrors(errors);
      }
      Map<String, List<Advice>> byKey = new LinkedHashMap<>();
      Map<String, List<String>> names = new LinkedHashMap<>();
      for (Draft d : group) {
        for (Advice a : d.advice()) {
          byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
          names.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(d.entry().path());
        }
      }
      List<Recommendation> advice = new ArrayList<>();
      byKey.forEach(
          (key, pieces) ->
              advice.add(
                  new Recommendation(
                      pieces.get(0).horizon(),
                      pieces
                          .get(0)
                          .say()
                          .apply(names.get(key), pieces.stream().map(Advice::clause).toList()))));
      advice.sort(Comparator.comparing(Recommendation::horizon));
      out.add(new Finding(first.severity(), first.kind(), and(paths), paths, summary, advice));
    }
    return out;
  }

  /** What several requests share: "3 requests fail more often than 1 %". */
  private static String lead(Kind kind, int n) {
    return switch (kind) {
      case LATENCY -> n + " requests have a slow tail";
      case ERRORS -> n + " requests fail too often";
      case VARIANCE -> n + " requests have a few requests much slower than the rest";
      case CACHE -> "The same holds for " + n + " repeated requests";
      default -> n + " requests";
    };
  }

  /** "a", "a and b", "a, b and c". */
  static String and(List<String> names) {
    if (names.size() <= 1) {
      return names.isEmpty() ? "" : names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static String topErrors(List<ErrorCount> messages) {
    String top =
        messages.stream()
            .limit(3)
            .map(m -> "\"" + m.message() + "\" (" + m.count() + ")")
            .collect(Collectors.joining(", "));
    return top.isEmpty() ? "" : "; top errors of the run: " + top;
  }

  Optional<Draft> latency(Entry e) {
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
    String figures =
        String.format(
            Locale.ROOT,
            "p99 is %d ms (%s above %d ms); p50 %d ms, p95 %d ms, %.1f requests/s",
            f.p99(),
            isCritical ? "critical" : "warning",
            isCritical ? critical : warning,
            f.p50(),
            f.p95(),
            f.rps());
    List<Advice> advice = new ArrayList<>();
    advice.add(
        Advice.naming(
            Horizon.IMMEDIATE,
            "profile",
            names ->
                "Profile "
                    + names
                    + " on the target under this load: find where the slowest requests spend"
                    + " their time (queries, locks, downstream calls)."));
    if (f.p50() * 4 < f.p99()) {
      advice.add(
          new Advice(
              Horizon.SHORT_TERM,
              "tail",
              "",
              (names, clauses) ->
                  (names.size() == 1
                          ? "Its tail is far from its median"
                          : "The tails of " + and(names) + " are far from their medians")
                      + ": look for requests that miss a cache or wait for a pool, and size pools"
                      + " and timeouts for the load."));
    } else {
      advice.add(
          new Advice(
              Horizon.SHORT_TERM,
              "uniform",
              "",
              (names, clauses) ->
                  (names.size() == 1
                          ? "Every request is slow, not just a few"
                          : "Every request of " + and(names) + " is slow, not just a few")
                      + ": optimise the work itself (query plans, indexes, payload size)."));
    }
    cacheTtl(e.path(), f).ifPresent(advice::add);
    advice.add(
        new Advice(
            Horizon.LONG_TERM,
            "track",
            "",
            (names, clauses) ->
                "Track "
                    + (names.size() == 1 ? names.get(0) + "'s p99" : "the p99 of " + and(names))
                    + " against a saved baseline so that a regression fails the build."));
    return Optional.of(
        new Draft(
            isCritical ? Severity.CRITICAL : Severity.WARNING, Kind.LATENCY, e, figures, advice));
  }

  /**
   * A cache TTL by traffic and latency: the busier the request, the shorter a TTL still serves most
   * requests from cache; only worth it for requests slow enough to matter.
   */
  static Optional<String> cacheTtl(Figures f) {
    return ttl(f)
        .map(
            ttl ->
                String.format(
                    Locale.ROOT,
                    "If its answer can be a little stale, cache it: at %.1f requests/s a TTL of %s"
                        + " would serve most requests from cache instead of spending %d ms (p95)"
                        + " each.",
                    f.rps(),
                    ttl,
                    f.p95()));
  }

  /** {@link #cacheTtl(Figures)} as advice that several requests share. */
  private static Optional<Advice> cacheTtl(String name, Figures f) {
    return ttl(f)
        .map(
            ttl ->
                new Advice(
                    Horizon.SHORT_TERM,
                    "cache-ttl",
                    String.format(
                        Locale.ROOT,
                        "%s at %.1f requests/s with a TTL of %s (p95 %d ms)",
                        name,
                        f.rps(),
                        ttl,
                        f.p95()),
                    (names, clauses) ->
                        names.size() == 1
                            ? cacheTtl(f).orElseThrow()
                            : "If their answers can be a little stale, cache them, so that most"
                                + " requests are served from cache: "
                                + String.join("; ", clauses)
                                + "."));
  }

  private static Optional<String> ttl(Figures f) {
    if (f.p95() < 100) {
      return Optional.empty();
    }
    if (f.rps() >= 50) {
      return Optional.of("10 s");
    } else if (f.rps() >= 10) {
      return Optional.of("30 s");
    } else if (f.rps() >= 1) {
      return Optional.of("60 s");
    }
    return Optional.of("5 min");
  }

  Optional<Draft> errors(Entry e) {
    Figures f = e.measured();
    if (f.count() == 0 || f.errorPercent() <= settings.errorCritical()) {
      return Optional.empty();
    }
    String figures =
        String.format(
            Locale.ROOT,
            "%.2f%% of requests failed (%d of %d; critical above %s%%)",
            f.errorPercent(),
            f.ko(),
            f.count(),
            trim(settings.errorCritical()));
    List<Advice> advice =
        List.of(
            Advice.naming(
                Horizon.IMMEDIATE,
                "logs",
                names ->
                    "Read the target's logs for "
                        + names
                        + " at the times of the failures, starting with the most frequent"
                        + " message."),
            Advice.same(
                Horizon.SHORT_TERM,
                "limits",
                "Check the limits the errors point at (connection pools, rate limits, timeouts)"
                    + " and whether they are sized for this load."),
            Advice.naming(
                Horizon.LONG_TERM,
                "error-gate",
                names ->
                    "Keep an error-rate gate on "
                        + names
                        + " so that failures under load break the build."));
    return Optional.of(new Draft(Severity.CRITICAL, Kind.ERRORS, e, figures, advice));
  }

  Optional<Draft> variance(Entry e) {
    Figures f = e.measured();
    if (f.count() < MIN_SAMPLES || f.p99() == 0) {
      return Optional.empty();
    }
    // A max far above p99 is a few outliers: GC pauses, retries, cold caches, lock contention.
    if (f.max() <= settings.varianceRatio() * f.p99() || f.max() - f.p99() < 100) {
      return Optional.empty();
    }
    String figures =
        String.format(
            Locale.ROOT,
            "max %d ms is %.1f times its p99 of %d ms: a few requests are much slower than the rest",
            f.max(),
            (double) f.max() / f.p99(),
            f.p99());
    return Optional.of(
        new Draft(
            Severity.WARNING,
            Kind.VARIANCE,
            e,
            figures,
            List.of(
                Advice.same(
                    Horizon.SHORT_TERM,
                    "pauses",
                    "Look for pauses on the target at the times of the slowest requests (garbage"
                        + " collection, lock waits, retries, cold caches)."))));
  }

  /** Suffix of a request that repeats one the same user just made (see Perfgate.repeatRequest). */
  static final String REPEAT = " (repeat)";

  /**
   * Cache effectiveness where the same request repeats: the first request of a user against its
   * repeats. Much faster repeats mean the cache serves them; repeats as slow as first requests, on
   * a request slow enough to matter, mean nothing does.
   */
  List<Draft> cache(List<Entry> requests) {
    List<Draft> out = new ArrayList<>();
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
            new Draft(
                Severity.INFO,
                Kind.CACHE,
                first.get(),
                "the cache works, repeats take "
                    + Math.round(ratio * 100)
                    + "% of the time of first requests ("
                    + figures
                    + ")",
                List.of()));
      } else if (ratio >= 0.8 && f.p95() >= 100) {
        List<Advice> advice = new ArrayList<>();
        advice.add(
            Advice.naming(
                Horizon.SHORT_TERM,
                "cached-at-all",
                names ->
                    "Check that "
                        + names
                        + " is cached at all, and that its cache key does not vary per request."));
        cacheTtl(first.get().path(), f).ifPresent(advice::add);
        out.add(
            new Draft(
                Severity.WARNING,
                Kind.CACHE,
                first.get(),
                "repeats are as slow as first requests, so no cache serves them (" + figures + ")",
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
