package io.perfgate.publish;

import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.ResourceReport;
import io.perfgate.summary.Summary;
import java.util.List;
import java.util.stream.Collectors;

/**
 * summary.md: the run in GitHub-flavoured Markdown, to paste in a pull request or a Jenkins build
 * description. Status words, no emoji: build descriptions and terminals render them badly.
 */
public final class SummaryMarkdown {
  public static final String FILE_NAME = "summary.md";
  static final int WORST_REQUESTS = 5;

  private SummaryMarkdown() {}

  public static String render(Summary report) {
    StringBuilder md = new StringBuilder();
    Summary.Run run = report.run();
    md.append("## perfgate ")
        .append(report.verdict().name())
        .append(": ")
        .append(esc(run.simulation()))
        .append(", ")
        .append(esc(run.scenario()))
        .append(" profile\n\n");
    md.append("**Verdict: ")
        .append(report.verdict().name())
        .append("** - ")
        .append(Words.headline(report))
        .append(", judged on the measured window.\n\n");
    md.append("Run `")
        .append(code(run.id()))
        .append("` against ")
        .append(esc(run.target()))
        .append(run.environment().isEmpty() ? "" : " (environment " + esc(run.environment()) + ")")
        .append(", started ")
        .append(Fmt.human(run.startEpochMillis()))
        .append(", lasted ")
        .append(Fmt.duration(run.durationMillis()))
        .append(", Gatling ")
        .append(esc(run.gatlingVersion()))
        .append(".\n\n");
    List<String> why = Words.explanations(report);
    if (!why.isEmpty()) {
      md.append("**Why requests failed:**\n\n");
      why.forEach(w -> md.append("- ").append(esc(w)).append('\n'));
      md.append('\n');
    }
    List<String> problems = new java.util.ArrayList<>(Words.runProblems(run));
    Words.unjudgedNote(report).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      md.append(
              problems.stream()
                  .map(p -> "> **Warning:** " + esc(p))
                  .collect(Collectors.joining("\n>\n")))
          .append("\n\n");
    }
    Words.capacity(report).ifPresent(c -> md.append(esc(c)).append("\n\n"));
    gates(md, report.gates());
    worst(md, report);
    findings(md, Words.bottlenecks(report));
    report.baseline().ifPresent(b -> baseline(md, b));
    report.resources().forEach(r -> resources(md, r));
    md.append("### Warm-up\n\n").append(Words.warmUp(run)).append(' ');
    md.append("Whole run p95 ")
        .append(report.global().p95())
        .append(" ms, measured p95 ")
        .append(report.measured().p95())
        .append(" ms.\n\n");
    md.append(esc(Words.EXACT_PERCENTILES)).append("\n\n");
    if (run.gatlingReport().isBlank()) {
      md.append("Gatling wrote no HTML report for this run.\n");
    } else {
      md.append("Full report: [Gatling report](")
          .append(link(run.gatlingReport()))
          .append("), relative to this file in the run's perfgate folder.\n");
    }
    return md.toString();
  }

  /** The resource figures after the warm-up, one row per sampled side. */
  private static void resources(StringBuilder md, ResourceReport r) {
    if (r.target().isEmpty() && r.injector().isEmpty()) {
      return;
    }
    md.append("### Resources\n\n");
    md.append("| Sampled | Memory growth | Peak memory | CPU avg / peak | Threads, open files |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    r.target()
        .ifPresent(
            t ->
                md.append("| target (")
                    .append(esc(t.memorySource()))
                    .append(") | ")
                    .append(opt(t.memoryGrowth(), 2, " MB/min"))
                    .append(" | ")
                    .append(opt(t.peakRssMb(), 0, " MB"))
                    .append(" | ")
                    .append(opt(t.avgCpu(), 0, "%"))
                    .append(" / ")
                    .append(opt(t.peakCpu(), 0, "%"))
                    .append(" | ")
                    .append(signed(t.threadGrowth()))
                    .append(", ")
                    .append(signed(t.fdGrowth()))
                    .append(" |\n"));
    r.injectorFigures()
        .ifPresent(
            i ->
                md.append("| injector JVM | - | ")
                    .append(Fmt.number(i.peakHeapAfterGc(), 0))
                    .append("% of heap after GC | ")
                    .append(Fmt.number(i.avgCpu(), 0))
                    .append("% / ")
                    .append(Fmt.number(i.peakCpu(), 0))
                    .append("% of its cores, ")
                    .append(Fmt.number(i.gcPercent(), 1))
                    .append("% in GC | - |\n"));
    md.append('\n');
    r.target().ifPresent(t -> md.append(esc(t.leak().reason())).append("\n\n"));
  }

  private static String opt(java.util.OptionalDouble v, int digits, String unit) {
    return v.isPresent() ? Fmt.number(v.getAsDouble(), digits) + unit : "-";
  }

  private static String signed(java.util.OptionalDouble v) {
    if (v.isEmpty()) {
      return "-";
    }
    double d = v.getAsDouble();
    return (d > 0 ? "+" : "") + Fmt.number(d, 0);
  }

  private static void gates(StringBuilder md, List<GateResult> gates) {
    md.append("### Gates\n\n");
    if (gates.isEmpty()) {
      md.append("No gates were set for this run.\n\n");
      return;
    }
    md.append("| Gate | Threshold | Actual | Tier | Result |\n");
    md.append("|---|---:|---:|---|---|\n");
    for (GateResult g : gates) {
      row(
          md,
          esc(g.name()),
          esc(Words.threshold(g)),
          esc(Words.actual(g)),
          Words.tierOrDash(g.tier()),
          g.passed() ? Words.result(g) : "**FAIL**");
    }
    md.append('\n');
    List<GateResult> noted = gates.stream().filter(g -> !g.note().isEmpty()).toList();
    for (GateResult g : noted) {
      md.append("- ").append(esc(g.name())).append(": ").append(esc(g.note())).append('\n');
    }
    if (!noted.isEmpty()) {
      md.append('\n');
    }
  }

  private static void worst(StringBuilder md, Summary report) {
    List<Summary.Entry> worst = Words.worstRequests(report, WORST_REQUESTS);
    if (worst.isEmpty()) {
      return;
    }
    md.append("### Slowest requests (measured p95)\n\n");
    md.append("| Request | Count | Errors | p50 | p95 | p99 | max | req/s |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Summary.Entry e : worst) {
      var f = e.measured();
      row(
          md,
          esc(e.path()),
          Long.toString(f.count()),
          Fmt.percent(f.errorPercent()),
          f.p50() + " ms",
          f.p95() + " ms",
          f.p99() + " ms",
          f.max() + " ms",
          Fmt.fixed(f.rps(), 1));
    }
    md.append('\n');
  }

  private static void findings(StringBuilder md, List<Finding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    md.append("### Findings\n\n");
    for (Finding f : findings) {
      md.append("- **")
          .append(f.severity().name())
          .append("** ")
          .append(Words.lower(f.kind()))
          .append(", ")
          .append(esc(f.subject()))
          .append(": ")
          .append(esc(f.summary()))
          .append('\n');
      for (Finding.Recommendation r : f.advice()) {
        md.append("  - ")
            .append(Words.horizonTitle(r.horizon()))
            .append(": ")
            .append(esc(r.text()))
            .append('\n');
      }
    }
    md.append('\n');
  }

  private static void baseline(StringBuilder md, Summary.BaselineDiff diff) {
    if (diff.kind() == Summary.BaselineKind.PINNED) {
      md.append("### Compared with baseline `")
          .append(code(diff.run()))
          .append("` (")
          .append(Fmt.human(diff.startEpochMillis()))
          .append(")\n\n");
    } else {
      md.append("### Compared with ").append(esc(diff.description())).append("\n\n");
      if (!diff.runs().isEmpty()) {
        md.append("Runs: ")
            .append(
                diff.runs().stream()
                    .map(r -> "`" + code(r.id()) + "`")
                    .collect(Collectors.joining(", ")))
            .append(".\n\n");
      }
    }
    if (!diff.method().isEmpty()) {
      md.append("Method: ").append(esc(diff.method())).append(".\n\n");
    }
    for (String note : diff.notes()) {
      md.append("> ").append(esc(note)).append("\n>\n");
    }
    if (!diff.notes().isEmpty()) {
      md.setLength(md.length() - 2);
      md.append('\n');
    }
    if (diff.deltas().isEmpty()) {
      md.append("Nothing to compare.\n\n");
      return;
    }
    md.append("| Subject | Metric | Baseline | Now | Change |\n");
    md.append("|---|---|---:|---:|---:|\n");
    for (Summary.Delta d : diff.deltas()) {
      row(
          md,
          esc(d.subject()),
          esc(d.metric()),
          Fmt.number(d.baseline(), 2),
          Fmt.number(d.current(), 2),
          Fmt.change(d.change()));
    }
    md.append('\n');
  }

  private static void row(StringBuilder md, String... cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  /**
   * Plain text safe in Markdown and in the HTML a Markdown renderer produces: markup characters are
   * backslash-escaped, a {@code <} that could open a tag and a {@code &} that could start an entity
   * become entities (so "p95 < 500ms" stays readable as it is), a {@code |} cannot end a table cell
   * and a line break cannot end a table row.
   */
  static String esc(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      switch (c) {
        case '&' -> sb.append(Character.isLetterOrDigit(next) || next == '#' ? "&amp;" : "&");
        case '<' -> sb.append(Character.isLetter(next) || "/!?".indexOf(next) >= 0 ? "&lt;" : "<");
        case '\r', '\n' -> sb.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '~' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Text inside a code span: only a backtick could end it, and run ids have none in practice. */
  private static String code(String text) {
    return text.replace('`', '\'').replace('\n', ' ').replace("|", "\\|");
  }

  /** A relative link; spaces and parentheses would end a Markdown link target. */
  private static String link(String path) {
    return path.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
  }
}
