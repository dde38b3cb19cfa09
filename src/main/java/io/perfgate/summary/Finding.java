package io.perfgate.summary;

import java.util.List;

/**
 * Something the analysis noticed, with the advice that follows from it. No finding, no advice.
 *
 * @param subject "global" or the request or group it concerns
 * @param summary one sentence with the figures, e.g. "p99 is 812 ms (critical above 500 ms)"
 */
public record Finding(
    Severity severity, Kind kind, String subject, String summary, List<Recommendation> advice) {
  public Finding {
    advice = Lists.copy(advice);
  }

  /** How much a finding matters. */
  public enum Severity {
    CRITICAL,
    WARNING,
    INFO
  }

  /** What a finding is about. */
  public enum Kind {
    LATENCY,
    ERRORS,
    VARIANCE,
    SATURATION,
    APDEX,
    CACHE,
    REGRESSION,
    MEMORY
  }

  /** One piece of advice and how soon to act on it. */
  public record Recommendation(Horizon horizon, String text) {}

  /** When to act. */
  public enum Horizon {
    IMMEDIATE,
    SHORT_TERM,
    LONG_TERM
  }
}
