package io.perfgate.workload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step of a journey written in configuration. */
public sealed interface Step {
  /** Make the named endpoint's request. */
  record Request(String endpoint) implements Step {}

  /** Pause for a random time between min and max (equal for a fixed pause). */
  record Think(Duration min, Duration max) implements Step {}

  /** Take the next record of the named feeder. */
  record Feed(String feeder) implements Step {}

  /** A multi-request transaction, reported as one group. */
  record Group(String name, List<Step> steps) implements Step {
    public Group {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Run steps again and again for a while: for {@code duration}, or, when it is empty, for the
   * profile's whole planned duration (a user started at the run's start then loops until the plan
   * ends, on its own keep-alive connections).
   */
  record During(Optional<Duration> duration, List<Step> steps) implements Step {
    public During {
      steps = List.copyOf(steps);
    }
  }

  /** Run steps several times in a row. */
  record Repeat(int times, List<Step> steps) implements Step {
    public Repeat {
      steps = List.copyOf(steps);
    }
  }
}
