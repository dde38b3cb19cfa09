package io.perfgate.publish;

import static io.perfgate.publish.Templates.view;

import io.perfgate.summary.Second;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The geometry of the page's per-second line charts: coordinates, ticks and the shaded warm-up, for
 * the {@code chart} template to draw as inline SVG. No chart library: the page must open offline.
 */
final class Charts {
  static final int WIDTH = 560;
  static final int HEIGHT = 170;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 10;
  private static final int BOTTOM = 24;
  // One point per horizontal unit is all the eye can see; a 24 h soak has 86,400 seconds.
  private static final int MAX_POINTS = WIDTH - LEFT - RIGHT;
  private static final long[] TIME_STEPS = {
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200
  };

  /** How to fold seconds into one point when there are more seconds than points. */
  enum Fold {
    /** Keeps spikes visible: errors and p95. */
    MAX,
    /** Keeps the level honest: throughput and users. */
    MEAN
  }

  /** One line of a chart. */
  record Series(String cssClass, String label, ToLongFunction<Second> value, Fold fold) {}

  private Charts() {}

  static Map<String, Object> chart(
      String title, List<Second> seconds, long warmUpMillis, List<Series> series) {
    List<Second> sorted =
        seconds.stream().sorted(Comparator.comparingLong(Second::offsetSeconds)).toList();
    long last = sorted.isEmpty() ? 1 : Math.max(1, sorted.get(sorted.size() - 1).offsetSeconds());
    List<Line> lines = new ArrayList<>();
    for (Series s : series) {
      List<double[]> points = new ArrayList<>();
      for (long[] p : fold(sorted, s)) {
        points.add(new double[] {p[0], p[1]});
      }
      lines.add(new Line(s.cssClass(), s.label(), points));
    }
    return draw(title, sorted.isEmpty() ? 0 : warmUpMillis, last, lines);
  }

  /** One line of a chart of sampled values: [offset seconds, value] pairs in time order. */
  record Line(String cssClass, String label, List<double[]> points) {}

  /**
   * A chart of sampled values (resources): like {@link #chart} but with fractional values and
   * offsets, folded to the highest value per point on long runs so peaks stay visible.
   */
  static Map<String, Object> sampled(String title, long warmUpMillis, List<Line> lines) {
    double last = 1;
    List<Line> folded = new ArrayList<>();
    for (Line l : lines) {
      List<double[]> f = foldMax(l.points());
      folded.add(new Line(l.cssClass(), l.label(), f));
      for (double[] p : f) {
        last = Math.max(last, p[0]);
      }
    }
    return draw(title, warmUpMillis, (long) Math.ceil(last), folded);
  }

  /**
   * The chart template's view of lines already folded to at most MAX_POINTS points: the y axis from
   * 0 to a round value above the highest point, the time axis to {@code last} seconds, and the
   * warm-up shaded when {@code warmUpMillis} is above 0.
   */
  private static Map<String, Object> draw(
      String title, long warmUpMillis, long last, List<Line> lines) {
    double max = 0;
    for (Line l : lines) {
      for (double[] p : l.points()) {
        max = Math.max(max, p[1]);
      }
    }
    double step = niceStep(Math.max(max, 1) / 4.0);
    double top = step * Math.max(1, Math.ceil(Math.max(max, 1) / step));

    List<Map<String, Object>> series = new ArrayList<>();
    for (Line l : lines) {
      StringBuilder points = new StringBuilder();
      for (double[] p : l.points()) {
        if (points.length() > 0) {
          points.append(' ');
        }
        points.append(coord(x(Math.max(0, p[0]), last))).append(',').append(coord(y(p[1], top)));
      }
      series.add(view("cssClass", l.cssClass(), "label", l.label(), "points", points.toString()));
    }

    List<Map<String, Object>> yTicks = new ArrayList<>();
    for (double v = 0; v <= top + step / 2; v += step) {
      yTicks.add(
          view(
              "y", coord(y(v, top)),
              "labelY", coord(y(v, top) + 4),
              "label", Fmt.number(v, 1)));
    }
    List<Map<String, Object>> xTicks = new ArrayList<>();
    long timeStep = timeStep(last);
    for (long t = 0; t <= last; t += timeStep) {
      xTicks.add(view("x", coord(x(t, last)), "label", Fmt.clock(t * 1000)));
    }

    List<Map<String, Object>> warmUp = new ArrayList<>();
    if (warmUpMillis > 0) {
      double end = x(Math.min(last, warmUpMillis / 1000.0), last);
      warmUp.add(
          view(
              "x", coord(LEFT),
              "y", coord(TOP),
              "w", coord(end - LEFT),
              "h", coord(HEIGHT - TOP - BOTTOM)));
    }
    return view(
        "title", title,
        "width", WIDTH,
        "height", HEIGHT,
        "left", LEFT,
        "right", WIDTH - RIGHT,
        "bottom", HEIGHT - BOTTOM,
        "labelX", LEFT - 6,
        "timeY", HEIGHT - 6,
        "yTicks", yTicks,
        "xTicks", xTicks,
        "warmUp", warmUp,
        "series", series,
        "multi", lines.size() > 1);
  }

  /** At most MAX_POINTS points, each the highest of the samples it stands for. */
  static List<double[]> foldMax(List<double[]> points) {
    int n = points.size();
    int buckets = Math.min(n, MAX_POINTS);
    List<double[]> out = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      double v = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        v = Math.max(v, points.get(i)[1]);
      }
      out.add(new double[] {points.get(from)[0], v});
    }
    return out;
  }

  /** [offset, value] pairs, at most MAX_POINTS of them. */
  static long[][] fold(List<Second> sorted, Series s) {
    int n = sorted.size();
    int buckets = Math.min(n, MAX_POINTS);
    long[][] out = new long[buckets][];
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      long folded = 0;
      long sum = 0;
      for (int i = from; i < to; i++) {
        long v = s.value().applyAsLong(sorted.get(i));
        folded = Math.max(folded, v);
        sum += v;
      }
      if (s.fold() == Fold.MEAN) {
        folded = Math.round((double) sum / (to - from));
      }
      out[b] = new long[] {sorted.get(from).offsetSeconds(), folded};
    }
    return out;
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw} and at least 1 (counts, ms). */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= raw) {
        return Math.max(m * magnitude, 1);
      }
    }
    return 10 * magnitude;
  }

  static long timeStep(long seconds) {
    for (long step : TIME_STEPS) {
      if (seconds / step <= 8) {
        return step;
      }
    }
    return 86400;
  }

  private static double x(double offsetSeconds, long last) {
    return LEFT + offsetSeconds / last * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double value, double top) {
    double plot = HEIGHT - TOP - BOTTOM;
    return TOP + plot - Math.min(value, top) / top * plot;
  }

  private static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
