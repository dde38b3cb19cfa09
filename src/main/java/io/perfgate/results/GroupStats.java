package io.perfgate.results;

import io.perfgate.summary.Figures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The figures of one group (path: its name and those of the groups around it, outermost first).
 *
 * <p>{@code global} and {@code byWindow} are over the group's cumulated response time (the sum of
 * the response times of its requests, pauses excluded): what Gatling's report shows for a group
 * with its default {@code gatling.charts.useGroupDurationMetric = false}. {@code duration} is over
 * the group's duration (end - start, pauses included), which the report shows when that setting is
 * true. Counts are group executions.
 */
public record GroupStats(
    List<String> path, Figures global, Figures duration, Map<String, Figures> byWindow) {
  public GroupStats {
    path = List.copyOf(path);
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(duration, "duration");
    byWindow = Collections.unmodifiableMap(new LinkedHashMap<>(byWindow));
  }

  public String name() {
    return path.isEmpty() ? "" : path.get(path.size() - 1);
  }

  /** "outer/inner". */
  public String pathString() {
    return String.join("/", path);
  }
}
