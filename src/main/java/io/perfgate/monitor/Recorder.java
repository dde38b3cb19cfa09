package io.perfgate.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects samples by series; written by the monitor's one thread, read while it runs and after it
 * stopped.
 */
final class Recorder {
  private record Key(String source, String metric, String unit) {}

  private final Map<Key, List<Series.Point>> points = new LinkedHashMap<>();

  synchronized void add(String source, String metric, String unit, long epochMillis, double v) {
    if (Double.isFinite(v)) {
      points
          .computeIfAbsent(new Key(source, metric, unit), k -> new ArrayList<>())
          .add(new Series.Point(epochMillis, v));
    }
  }

  /** Each series with its latest point only, while sampling goes on. */
  synchronized List<Series> latest() {
    List<Series> out = new ArrayList<>();
    points.forEach(
        (k, p) -> {
          if (!p.isEmpty()) {
            out.add(new Series(k.source(), k.metric(), k.unit(), List.of(p.get(p.size() - 1))));
          }
        });
    return out;
  }

  synchronized List<Series> series() {
    List<Series> out = new ArrayList<>();
    points.forEach((k, p) -> out.add(new Series(k.source(), k.metric(), k.unit(), p)));
    return out;
  }
}
