package io.perfgate.demo;

/**
 * How much data the demo service seeds. Seeding is deterministic, so the same size always yields
 * the same jobs, results and error messages.
 *
 * <p>Job ids are {@code small-NNN}, {@code medium-NNN} and {@code large-NNN}, numbered from 001
 * within each kind. The number {@code n} cycles through the nine release/module pairs, releases
 * outermost: with {@code i = (n - 1) % 9}, the release is r1.0, r1.1 or r2.0 for {@code i / 3} = 0,
 * 1 or 2, and the module is api, ui or storage for {@code i % 3} = 0, 1 or 2. So small-001 is
 * r1.0/api ({@code GET /api/v1/jobs/r1.0/api/small-001}), small-002 r1.0/ui, small-004 r1.1/api,
 * small-010 r1.0/api again; medium-001 and large-001 are r1.0/api, large-002 is r1.0/ui.
 *
 * <p>Each job fails 10-20% of its results (and skips about 3%); failure messages come from 40
 * templates whose variable parts are numbers and hex ids, so a job's failures cluster into a few
 * dozen signatures of very different sizes.
 */
public enum DataSize {
  /** For fast unit tests: small-001..003 (50 results each), medium-001 (200), large-001 (1,000). */
  TINY(3, 50, 1, 200, 1, 1_000),
  /**
   * The load-test data set: small-001..030 (50 results each), medium-001..008 (2,000 each),
   * large-001..002 (20,000 each).
   */
  STANDARD(30, 50, 8, 2_000, 2, 20_000);

  private final int smallJobs;
  private final int smallResults;
  private final int mediumJobs;
  private final int mediumResults;
  private final int largeJobs;
  private final int largeResults;

  DataSize(
      int smallJobs,
      int smallResults,
      int mediumJobs,
      int mediumResults,
      int largeJobs,
      int largeResults) {
    this.smallJobs = smallJobs;
    this.smallResults = smallResults;
    this.mediumJobs = mediumJobs;
    this.mediumResults = mediumResults;
    this.largeJobs = largeJobs;
    this.largeResults = largeResults;
  }

  int smallJobs() {
    return smallJobs;
  }

  int smallResults() {
    return smallResults;
  }

  int mediumJobs() {
    return mediumJobs;
  }

  int mediumResults() {
    return mediumResults;
  }

  int largeJobs() {
    return largeJobs;
  }

  int largeResults() {
    return largeResults;
  }
}
