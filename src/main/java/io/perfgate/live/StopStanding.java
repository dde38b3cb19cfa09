package io.perfgate.live;

import java.util.List;
import java.util.Objects;

/**
 * The stop criteria's sliding window as last judged, and each criterion against its limit.
 *
 * @param windowSeconds the window's length
 * @param requests the window's requests
 * @param criteria each criterion that is on
 */
public record StopStanding(double windowSeconds, long requests, List<Criterion> criteria) {
  public static final StopStanding NONE = new StopStanding(0, 0, List.of());

  public StopStanding {
    criteria = List.copyOf(criteria);
  }

  /**
   * One criterion: the window's value against the limit, in the kind's base unit.
   *
   * @param value NaN when the window has not been judged yet (too few requests, warm-up)
   */
  public record Criterion(Kind kind, double value, double limit, boolean tripped) {
    public Criterion {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** The criteria of {@code run.abort}, each with its Prometheus name and unit. */
  public enum Kind {
    /** Failed requests as a share of the window's requests (0 to 1). */
    ERROR_RATIO("error_ratio", "perfgate_stop_window_error_ratio", "ratio"),
    /** The window's p95 in seconds. */
    P95("p95", "perfgate_stop_window_p95_seconds", "seconds"),
    /** Failed requests since the start of the run. */
    ERRORS("errors", "perfgate_stop_errors", ""),
    /** 1 when a whole-run gate is breached on the window, else 0. */
    GATES("gates", "perfgate_stop_gates_breached", "");

    final String label;
    final String metric;
    final String unit;

    Kind(String label, String metric, String unit) {
      this.label = label;
      this.metric = metric;
      this.unit = unit;
    }

    /** The limit's metric: the unit stays last, as Prometheus names go. */
    String limitMetric() {
      return unit.isEmpty()
          ? metric + "_limit"
          : metric.substring(0, metric.length() - unit.length() - 1) + "_limit_" + unit;
    }
  }
}
