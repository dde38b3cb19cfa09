package io.perfgate.history;

import io.perfgate.statistics.ChangePoint;
import io.perfgate.statistics.ChangePoints;
import io.perfgate.statistics.Noise;
import io.perfgate.summary.Figures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the history of a simulation, profile and environment shifted: change points, by E-divisive
 * means ({@link ChangePoints}: energy distance, 199 seeded permutations, p below 0.01, at least 3
 * runs on each side), in the measured p95, p99, error rate and throughput of all requests and of
 * each request, runs in order of start. And how large a step between runs is within a series' noise
 * ({@link Noise}), which decides what the trend page colours.
 *
 * <p>A series is the figure of the runs that have it: a request missing from a run leaves that run
 * out of its series. Only the last {@value #MAX_RUNS} runs are searched, so the page stays quick to
 * rebuild after every run (the search grows with the square of the runs).
 */
public final class Shifts {
  /** The most recent runs a series is searched over. */
  static final int MAX_RUNS = 200;

  /** The subject of the series of all requests. */
  public static final String ALL = "all requests";

  private Shifts() {}

  /** The figures a series follows, with the unit and the step below which nothing is noticed. */
  public enum Figure {
    P95("p95", "ms", 1, true, f -> (double) f.p95()),
    P99("p99", "ms", 1, true, f -> (double) f.p99()),
    ERRORS("errors", "%", 0.01, true, Figures::errorPercent),
    RPS("throughput", "/s", 0.1, false, Figures::rps);

    final String label;
    final String unit;
    final double floor;
    final boolean higherIsWorse;
    final Function<Figures, Double> of;

    Figure(
        String label,
        String unit,
        double floor,
        boolean higherIsWorse,
        Function<Figures, Double> of) {
      this.label = label;
      this.unit = unit;
      this.floor = floor;
      this.higherIsWorse = higherIsWorse;
      this.of = of;
    }

    public String label() {
      return label;
    }

    double of(Figures f) {
      return f.count() == 0 && this != RPS ? Double.NaN : of.apply(f);
    }
  }

  /**
   * One change point.
   *
   * @param subject "all requests" or a request's path
   * @param number the first run after the shift, numbered from 1 in the trend's runs
   * @param run that run's id
   * @param commit that run's commit, when known
   * @param before the mean of the segment before the shift
   * @param after the mean of the segment from the shift on
   * @param pValue the permutation test's p-value
   */
  public record Shift(
      String simulation,
      String profile,
      String environment,
      String subject,
      Figure figure,
      int number,
      String run,
      Optional<String> commit,
      double before,
      double after,
      double pValue) {
    /** The relative shift (0.12 = +12 %); NaN when the mean before is 0. */
    public double relative() {
      return before == 0 ? Double.NaN : after / before - 1;
    }

    /** Whether the figure got worse. */
    public boolean worse() {
      return (after > before) == figure.higherIsWorse;
    }

    /** "+12 %", or "+1.5 points" / "+1.5 ms" when the mean before was 0. */
    public String size() {
      double r = relative();
      if (Double.isFinite(r)) {
        return signed(100 * r) + " %";
      }
      return signed(after - before) + (figure.unit.equals("%") ? " points" : " " + figure.unit);
    }

    /**
     * "p95 of all requests +12 % (48 ms to 54 ms) from run #37 trackersimulation-… (commit
     * 0123456789)".
     */
    public String describe() {
      return figure.label
          + " of "
          + subject
          + " "
          + size()
          + " ("
          + value(before)
          + " to "
          + value(after)
          + ") from run #"
          + number
          + " "
          + run
          + commit
              .map(c -> " (commit " + (c.length() > 10 ? c.substring(0, 10) : c) + ")")
              .orElse("");
    }

    /** "smoke profile, default environment, TrackerSimulation". */
    public String where() {
      return profile
          + " profile, "
          + (environment.isEmpty() ? "default" : environment)
          + " environment, "
          + simulation;
    }

    String value(double v) {
      return switch (figure.unit) {
        case "ms" -> plain(v) + " ms";
        case "%" -> plain(v) + " %";
        default -> plain(v) + "/s";
      };
    }
  }

  /** The change points of every trend of the history, most recent trend first. */
  public static List<Shift> of(List<RunRecord> records) {
    List<Shift> out = new ArrayList<>();
    for (List<RunRecord> runs : trends(records)) {
      out.addAll(inTrend(runs));
    }
    return out;
  }

  /** The change points of one trend's runs (oldest first), series by series. */
  static List<Shift> inTrend(List<RunRecord> runs) {
    List<Shift> out = new ArrayList<>();
    int offset = Math.max(0, runs.size() - MAX_RUNS);
    List<RunRecord> recent = runs.subList(offset, runs.size());
    for (Figure f : Figure.values()) {
      out.addAll(find(recent, offset, ALL, f, r -> Optional.of(r.measured())));
    }
    for (String path : requestPaths(runs)) {
      for (Figure f : Figure.values()) {
        out.addAll(find(recent, offset, path, f, r -> request(r, path)));
      }
    }
    return out;
  }

  private static List<Shift> find(
      List<RunRecord> runs,
      int offset,
      String subject,
      Figure figure,
      Function<RunRecord, Optional<Figures>> figures) {
    List<Integer> where = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Optional<Figures> f = figures.apply(runs.get(i));
      if (f.isPresent() && Double.isFinite(figure.of(f.get()))) {
        where.add(i);
        values.add(figure.of(f.get()));
      }
    }
    if (values.size() < 2 * ChangePoints.Options.DEFAULT.minSegment()) {
      return List.of();
    }
    List<Shift> out = new ArrayList<>();
    double[] series = values.stream().mapToDouble(Double::doubleValue).toArray();
    for (ChangePoint p : ChangePoints.find(series)) {
      // A shift smaller than the figure's resolution is not news, however regular.
      if (Math.abs(p.shift()) < figure.floor) {
        continue;
      }
      RunRecord r = runs.get(where.get(p.index()));
      RunRecord any = runs.get(0);
      out.add(
          new Shift(
              any.simulation(),
              any.profile(),
              any.environment(),
              subject,
              figure,
              offset + where.get(p.index()) + 1,
              r.runId(),
              r.commit(),
              p.before(),
              p.after(),
              p.pValue()));
    }
    return out;
  }

  /**
   * The noise of a figure over a trend's runs (all requests when {@code path} is empty): a step
   * between runs up to its threshold is within the noise; never below the figure's resolution.
   */
  static Noise noise(List<RunRecord> runs, Optional<String> path, Figure figure) {
    double[] series =
        runs.stream()
            .map(r -> path.isEmpty() ? Optional.of(r.measured()) : request(r, path.get()))
            .flatMap(Optional::stream)
            .mapToDouble(figure::of)
            .filter(Double::isFinite)
            .toArray();
    return Noise.of(series, figure.floor);
  }

  /** The runs of each simulation, profile and environment, oldest first; a run counted once. */
  static List<List<RunRecord>> trends(List<RunRecord> records) {
    Map<String, RunRecord> byId = new LinkedHashMap<>();
    for (RunRecord r : records) {
      byId.remove(r.runId());
      byId.put(r.runId(), r);
    }
    Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
    for (RunRecord r : byId.values()) {
      groups.computeIfAbsent(r.seriesKey(), k -> new ArrayList<>()).add(r);
    }
    List<List<RunRecord>> out = new ArrayList<>();
    for (List<RunRecord> runs : groups.values()) {
      runs.sort(
          Comparator.comparingLong(RunRecord::startEpochMillis).thenComparing(RunRecord::runId));
      out.add(List.copyOf(runs));
    }
    out.sort(
        Comparator.comparingLong((List<RunRecord> t) -> t.get(t.size() - 1).startEpochMillis())
            .reversed());
    return out;
  }

  /** Every request path of the runs, newest run's order first. */
  static List<String> requestPaths(List<RunRecord> runs) {
    Set<String> paths = new LinkedHashSet<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      runs.get(i).requests().forEach(q -> paths.add(q.path()));
    }
    return List.copyOf(paths);
  }

  static Optional<Figures> request(RunRecord r, String path) {
    return r.requests().stream()
        .filter(q -> q.path().equals(path))
        .map(RunRecord.Request::measured)
        .findFirst();
  }

  /**
   * The lines the command line prints: "Change points in the history:" then one line per change
   * point, grouped by trend; "No change point ..." when there is none.
   */
  public static List<String> lines(List<Shift> shifts, int runs) {
    List<String> out = new ArrayList<>();
    if (shifts.isEmpty()) {
      out.add(
          runs < 2 * ChangePoints.Options.DEFAULT.minSegment()
              ? "Change points: none yet (a series needs "
                  + 2 * ChangePoints.Options.DEFAULT.minSegment()
                  + " runs before a shift can be found)."
              : "Change points: none; every figure stayed within its noise.");
      return out;
    }
    out.add("Change points (E-divisive means, p < 0.01):");
    String where = null;
    for (Shift s : shifts) {
      if (!s.where().equals(where)) {
        where = s.where();
        out.add("  " + where);
      }
      out.add("    " + s.describe());
    }
    return out;
  }

  static String signed(double x) {
    String p = plain(x);
    return x > 0 && !p.equals("0") ? "+" + p : p;
  }

  static String plain(double x) {
    if (!Double.isFinite(x)) {
      return "n/a";
    }
    double a = Math.abs(x);
    int decimals = a >= 100 ? 0 : a >= 1 ? 1 : 2;
    String s =
        BigDecimal.valueOf(x)
            .setScale(decimals, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    return s.equals("-0") ? "0" : s;
  }
}
