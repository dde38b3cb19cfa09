package io.perfgate.live;

import java.util.Objects;

/**
 * One phase of the profile's plan, in seconds from the run's start: the live page marks it on the
 * time axis.
 */
public record PhaseSpan(String name, double startSeconds, double endSeconds) {
  public PhaseSpan {
    Objects.requireNonNull(name, "name");
    if (!(endSeconds >= startSeconds)) {
      throw new IllegalArgumentException(
          "phase " + name + " ends (" + endSeconds + " s) before it starts (" + startSeconds + ")");
    }
  }
}
