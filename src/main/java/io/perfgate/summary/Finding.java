package io.perfgate.summary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Something the analysis noticed, with the advice that follows from it. No finding, no advice. When
 * several requests show the same thing, it is one finding naming them all, its advice said once.
 *
 * @param subject "global", the request or group it concerns, or the requests it concerns ("health,
 *     list-jobs and job-detail")
 * @param summary one sentence with the figures, e.g. "p99 is 812 ms (critical above 500 ms)"
 * @param requests the paths of the requests the finding concerns, in the run's order; empty when it
 *     concerns the run as a whole
 */
@JsonPropertyOrder({"severity", "kind", "subject", "requests", "summary", "advice"})
public record Finding(
    Severity severity,
    Kind kind,
    String subject,
    List<String> requests,
    String summary,
    List<Recommendation> advice) {
  @JsonCreator
  public Finding {
    requests = Lists.copy(requests);
    advice = Lists.copy(advice);
  }

  /** A finding about one subject that names no request list (the run, a group, resources). */
  public Finding(
      Severity severity, Kind kind, String subject, String summary, List<Recommendation> advice) {
    this(severity, kind, subject, List.of(), summary, advice);
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
