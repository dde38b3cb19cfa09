package io.perfgate.injector;

import io.perfgate.workload.Step;
import java.time.Duration;
import java.util.List;

/**
 * How long one journey takes a user, estimated before the run: its think times (their mean), and
 * its requests, counted as instant (expected) or as each waiting the whole request timeout
 * (pessimistic, a target that hangs). An open-model plan holds rate × duration users at once.
 *
 * @param thinkMillis the journey's think times, each at the middle of its range
 * @param requests the requests the journey makes (a repeat counts as often as it repeats)
 */
public record JourneyTime(double thinkMillis, double requests) {
  public static final JourneyTime NONE = new JourneyTime(0, 0);

  /** The estimate of a journey written in configuration. */
  public static JourneyTime of(
      List<Step> steps, Duration defaultThinkMin, Duration defaultThinkMax) {
    double think = 0;
    double requests = 0;
    for (Step s : steps) {
      if (s instanceof Step.Request) {
        requests++;
      } else if (s instanceof Step.Think t) {
        think += (t.min().toMillis() + t.max().toMillis()) / 2.0;
      } else if (s instanceof Step.Group g) {
        JourneyTime inner = of(g.steps(), defaultThinkMin, defaultThinkMax);
        think += inner.thinkMillis;
        requests += inner.requests;
      } else if (s instanceof Step.Repeat r) {
        JourneyTime inner = of(r.steps(), defaultThinkMin, defaultThinkMax);
        think += inner.thinkMillis * r.times();
        requests += inner.requests * r.times();
      }
    }
    return new JourneyTime(think, requests);
  }

  public JourneyTime plus(JourneyTime other) {
    return new JourneyTime(thinkMillis + other.thinkMillis, requests + other.requests);
  }

  /** Think times only: what a journey takes when the target answers at once. */
  public double expectedSeconds() {
    return thinkMillis / 1000.0;
  }

  /** Think times plus every request waiting the whole request timeout. */
  public double pessimisticSeconds(Duration requestTimeout) {
    return (thinkMillis + requests * requestTimeout.toMillis()) / 1000.0;
  }
}
