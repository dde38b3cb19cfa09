package io.perfgate.publish;

import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import java.nio.file.Path;
import java.util.List;

/**
 * The block printed at the end of a run: verdict, gates, slowest requests, bottlenecks and the
 * files written. Plain ASCII within {@link #WIDTH} columns, so a Jenkins console with any encoding
 * and a narrow terminal show it whole.
 */
public final class ConsoleVerdict {
  /** Columns of the block, frame included. */
  public static final int WIDTH = 100;

  static final int WORST_REQUESTS = 5;

  private ConsoleVerdict() {}

  /**
   * @param written the files perfgate wrote (from {@link Publisher#publish}); empty when none
   */
  public static String render(Summary report, List<Path> written) {
    Summary.Run run = report.run();
    Frame f = new Frame(WIDTH);
    f.rule('=');
    f.line("perfgate " + report.verdict().name() + "   " + Words.headline(report));
    f.line(
        String.join(
            ", ",
            java.util.stream.Stream.of(
                    run.simulation(),
                    run.scenario() + " profile",
                    run.environment().isEmpty() ? "" : "environment " + run.environment(),
                    run.target(),
                    Fmt.duration(run.durationMillis())
                        + " from "
                        + Fmt.human(run.startEpochMillis()))
                .filter(s -> !s.isEmpty())
                .toList()));
    f.line(Words.warmUp(run));
    for (String why : Words.explanations(report)) {
      f.line("WHY: " + why);
    }
    for (String problem : Words.runProblems(run)) {
      f.line("WARNING: " + problem);
    }
    Words.unjudgedNote(report).ifPresent(n -> f.line("WARNING: " + n));
    Words.capacity(report).ifPresent(f::line);
    gates(f, report.gates());
    worst(f, report);
    bottlenecks(f, Words.bottlenecks(report));
    files(f, run, written);
    f.rule('=');
    return f.toString();
  }

  private static void gates(Frame f, List<GateResult> gates) {
    f.rule('-');
    if (gates.isEmpty()) {
      f.line("Gates: none were set.");
      return;
    }
    int[] widths = {42, 10, 13, 10, 10};
    String align = "LRRLL";
    f.row(align, widths, "Gates (measured window)", "threshold", "actual", "tier", "result");
    for (GateResult g : gates) {
      f.row(
          align,
          widths,
          "  " + g.name(),
          Words.threshold(g),
          Words.actual(g),
          Words.tierOrDash(g.tier()),
          Words.result(g));
      if (!g.note().isEmpty()) {
        f.line("      " + g.note(), 8);
      }
    }
  }

  private static void worst(Frame f, Summary report) {
    List<Summary.Entry> worst = Words.worstRequests(report, WORST_REQUESTS);
    if (worst.isEmpty()) {
      return;
    }
    f.rule('-');
    int[] widths = {44, 7, 7, 7, 7, 7};
    String align = "LRRRRR";
    f.row(align, widths, "Slowest requests (measured p95)", "count", "errors", "p50", "p95", "p99");
    for (Summary.Entry e : worst) {
      var m = e.measured();
      f.row(
          align,
          widths,
          "  " + e.path(),
          Long.toString(m.count()),
          Fmt.percent(m.errorPercent()),
          m.p50() + "ms",
          m.p95() + "ms",
          m.p99() + "ms");
    }
  }

  private static void bottlenecks(Frame f, List<Finding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    f.rule('-');
    f.line("Bottlenecks");
    for (Finding finding : findings) {
      f.line(
          "  "
              + finding.severity().name()
              + " "
              + Words.lower(finding.kind())
              + ", "
              + finding.subject()
              + ": "
              + finding.summary(),
          4);
      for (Finding.Recommendation r : finding.advice()) {
        f.line("    " + Words.lower(r.horizon()) + ": " + r.text(), 6);
      }
    }
  }

  private static void files(Frame f, Summary.Run run, List<Path> written) {
    f.rule('-');
    if (written.isEmpty()) {
      f.line("Files: none written.");
      return;
    }
    f.line("Files");
    for (Path p : written) {
      f.line("  " + p, 4);
    }
    Path folder = written.get(0).toAbsolutePath().getParent();
    if (folder != null && !run.gatlingReport().isBlank()) {
      f.line("  Gatling report: " + folder.resolve(run.gatlingReport()).normalize(), 4);
    }
  }
}
