package io.perfgate.analysis;

import io.perfgate.statistics.MeasuredSeconds;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's regression gates compare it with: the run saved with `baseline save` (pinned), or
 * the last passing runs of the same simulation, profile and environment (rolling), each with its
 * measured figures and, when its distributions were kept, its measured seconds.
 *
 * @param description how verdicts name it: "baseline trackersimulation-…", "the last 5 runs"
 * @param origin what a gate's origin says: the baseline file, or the history it was read from
 * @param runs the baseline's runs, oldest first; none when a rolling baseline has no run yet
 * @param notes runs left out and why, for the summary's baseline section
 * @param recent for a pinned baseline, the last passing runs of the history (oldest first), whose
 *     spread a regression against the pinned run must also exceed: one run's seconds show the noise
 *     within a run, not the noise between runs; empty for a rolling baseline
 */
public record RegressionBaseline(
    Summary.BaselineKind kind,
    String description,
    String origin,
    List<Run> runs,
    List<String> notes,
    List<Run> recent) {
  public RegressionBaseline {
    Objects.requireNonNull(kind, "kind");
    runs = List.copyOf(runs);
    notes = List.copyOf(notes);
    recent = List.copyOf(recent);
  }

  /** A baseline without recent runs to check a pinned regression against. */
  public RegressionBaseline(
      Summary.BaselineKind kind,
      String description,
      String origin,
      List<Run> runs,
      List<String> notes) {
    this(kind, description, origin, runs, notes, List.of());
  }

  /** The same baseline, with the recent runs a pinned regression must also stand out from. */
  public RegressionBaseline withRecent(List<Run> recentRuns, List<String> moreNotes) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(moreNotes);
    return new RegressionBaseline(kind, description, origin, runs, all, recentRuns);
  }

  /**
   * Whether a pinned regression is checked against the spread of recent runs: at least 2 of them,
   * each with its measured seconds.
   */
  public boolean checksRecent() {
    return recent.size() >= 2 && recent.stream().allMatch(r -> r.seconds().isPresent());
  }

  /**
   * One run of a baseline.
   *
   * @param measured its measured figures
   * @param requests each request's measured figures by path ("triage / clustered-failures")
   * @param seconds its measured seconds; empty for a saved baseline without stored distributions
   */
  public record Run(
      String id,
      long startEpochMillis,
      Figures measured,
      Map<String, Figures> requests,
      Optional<MeasuredSeconds> seconds) {
    public Run {
      requests = Map.copyOf(requests);
    }
  }

  /** Finds a run's baseline once its start is known (the runs before it, for a rolling one). */
  @FunctionalInterface
  public interface Source {
    /** No source: runs get no regression gates. */
    Source NONE = (runId, start) -> Optional.empty();

    /**
     * The baseline of the run {@code runId} that started at {@code startEpochMillis}; empty when
     * the run gets no regression gates at all (turned off, or no baseline of either kind).
     */
    Optional<RegressionBaseline> find(String runId, long startEpochMillis);
  }

  /** Whether every run has its measured seconds, so that the noise can be estimated. */
  public boolean hasSeconds() {
    return runs.stream().allMatch(r -> r.seconds().isPresent());
  }
}
