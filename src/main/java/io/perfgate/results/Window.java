package io.perfgate.results;

import java.time.Duration;
import java.util.Objects;

/**
 * A span of the run, {@code [fromMillis, toMillis)} in milliseconds from the run start: a request
 * or a group belongs to it when it started in it. The warm-up-excluded "measured" window and the
 * profile's phases are windows. {@code toMillis} may be {@link Long#MAX_VALUE}: up to the end.
 *
 * @param perRequest whether each request and group gets its own figures over this window too (the
 *     measured window), or only the run as a whole (a phase)
 */
public record Window(String name, long fromMillis, long toMillis, boolean perRequest) {
  public Window {
    Objects.requireNonNull(name, "name");
    if (fromMillis < 0 || toMillis <= fromMillis) {
      throw new IllegalArgumentException(
          "window '"
              + name
              + "' must satisfy 0 <= from < to, got ["
              + fromMillis
              + ", "
              + toMillis
              + ")");
    }
  }

  /** A window with figures for the run as a whole only. */
  public Window(String name, long fromMillis, long toMillis) {
    this(name, fromMillis, toMillis, false);
  }

  public static Window of(String name, Duration from, Duration to) {
    return new Window(name, from.toMillis(), to.toMillis());
  }

  /** From {@code from} to the end of the run. */
  public static Window from(String name, Duration from) {
    return new Window(name, from.toMillis(), Long.MAX_VALUE);
  }

  /** The same span, with figures for each request and group too. */
  public Window withPerRequest() {
    return new Window(name, fromMillis, toMillis, true);
  }

  boolean contains(long offsetMillis) {
    return offsetMillis >= fromMillis && offsetMillis < toMillis;
  }
}
