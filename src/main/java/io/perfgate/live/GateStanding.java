package io.perfgate.live;

import java.util.Objects;

/**
 * Where one gate stands on the measured window so far, as words for the live page.
 *
 * @param name the gate as the user wrote it, e.g. "p95 < 500ms" or "list-jobs p99 < 1s"
 * @param value the current figure, e.g. "212 ms"; "" when not measured yet
 * @param limit the limit, e.g. "< 500 ms"
 */
public record GateStanding(String name, String value, String limit, State state) {
  public GateStanding {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(state, "state");
  }

  public enum State {
    PASS,
    FAIL,
    /** Nothing to judge yet: still in the warm-up, or no request of that name in the window. */
    NOT_MEASURED,
    /** Measured, but too few values yet for the gate's percentile to be judged. */
    NOT_ENOUGH_DATA
  }
}
