package io.perfgate.publish;

import io.perfgate.gate.Tier;
import io.perfgate.summary.Finding;
import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The words and orderings every format shares, so summary.md, junit.xml, the console and the page
 * never tell a run's story differently. Counting and sorting only: the analysis already judged.
 */
final class Words {
  private Words() {}

  static String tier(Optional<Tier> tier) {
    return tier.map(t -> t.name().toLowerCase(Locale.ROOT)).orElse(null);
  }

  static String tierOrDash(Optional<Tier> tier) {
    return tier.map(t -> t.name().toLowerCase(Locale.ROOT)).orElse("-");
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** "Immediate", "Short term", "Long term". */
  static String horizonTitle(Finding.Horizon horizon) {
    String text = horizon.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  static String threshold(GateResult gate) {
    return gate.threshold();
  }

  static String actual(GateResult gate) {
    return gate.actual().isPresent()
        ? Fmt.withUnit(gate.actual().getAsDouble(), gate.unit())
        : "not measured";
  }

  /** "pass", "FAIL", or "not judged" for a gate left unjudged for lack of data. */
  static String result(GateResult gate) {
    if (!gate.passed()) {
      return "FAIL";
    }
    return gate.unjudged() ? "not judged" : "pass";
  }

  static long breached(Summary report) {
    return report.gates().stream().filter(g -> !g.passed()).count();
  }

  /** The gates left unjudged for lack of data that did not fail the run. */
  static long unjudged(Summary report) {
    return report.gates().stream().filter(g -> g.unjudged() && g.passed()).count();
  }

  /**
   * "2 gates were not judged (not enough data): they neither pass nor fail the run; see their
   * notes." Empty when every gate was judged.
   */
  static Optional<String> unjudgedNote(Summary report) {
    long n = unjudged(report);
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(
        (n == 1 ? "1 gate was" : n + " gates were")
            + " not judged (not enough data): "
            + (n == 1 ? "it neither passes nor fails" : "they neither pass nor fail")
            + " the run; the notes say what each needs.");
  }

  /**
   * "2 of 6 gates breached", "all 6 gates held, 1 not on target", "no gates were set"; a run that
   * stopped itself says so first.
   */
  static String headline(Summary report) {
    String gates = gateHeadline(report);
    if (!report.run().aborted()) {
      return gates;
    }
    // A run cut short and aborted ended because its injector died or was stopped (the reason
    // says which); one only aborted stopped itself on a stop criterion.
    return report.run().truncated()
        ? "ended early, its injector stopped; " + gates
        : "stopped early on a stop criterion; " + gates;
  }

  /**
   * For a ladder profile, where it stopped meeting the SLA, e.g. "Capacity: step 2 (10 users, 812
   * rps) was the last step to meet the SLA; step 3 (20 users) did not: p95 < 100ms breached: it was
   * 320ms."
   */
  static Optional<String> capacity(Summary report) {
    return report
        .capacity()
        .map(
            c -> {
              String last =
                  c.lastPassing()
                      .map(
                          s ->
                              s.name()
                                  + " ("
                                  + Fmt.fixed(s.level(), s.level() == Math.rint(s.level()) ? 0 : 2)
                                  + " "
                                  + s.unit()
                                  + ", "
                                  + Fmt.fixed(s.rps(), 1)
                                  + " rps) was the last step to meet the SLA")
                      .orElse("no step met the SLA");
              String first =
                  c.firstFailing()
                      .map(
                          s ->
                              "; "
                                  + s.name()
                                  + " ("
                                  + Fmt.fixed(s.level(), s.level() == Math.rint(s.level()) ? 0 : 2)
                                  + " "
                                  + s.unit()
                                  + ") did not: "
                                  + s.why())
                      .orElse("; every step met it");
              return sentence("Capacity: " + last + first);
            });
  }

  private static String gateHeadline(Summary report) {
    int total = report.gates().size();
    long breached = breached(report);
    long unjudged = unjudged(report);
    if (total == 0) {
      return "no gates were set";
    }
    String notJudged = unjudged == 0 ? "" : ", " + unjudged + " not judged (not enough data)";
    if (breached > 0) {
      return breached
          + " of "
          + total
          + " gate"
          + (total == 1 ? "" : "s")
          + " breached"
          + notJudged;
    }
    long offTarget =
        report.gates().stream()
            .filter(g -> g.tier().isPresent() && g.tier().get() != Tier.TARGET)
            .count();
    long judged = total - unjudged;
    String held;
    if (judged == 0) {
      held = total == 1 ? "the only gate was not judged" : "no gate was judged";
      return held + " (not enough data)";
    }
    String of = unjudged == 0 ? "" : " judged";
    held =
        judged == 1
            ? (unjudged == 0 ? "the only gate held" : "the only judged gate held")
            : judged == 2 ? "both" + of + " gates held" : "all " + judged + of + " gates held";
    return (offTarget == 0 ? held : held + ", " + offTarget + " not on target") + notJudged;
  }

  /** How perfgate's percentiles are computed, and why Gatling's report may show others. */
  static final String EXACT_PERCENTILES =
      "perfgate's percentiles are exact: p95 is the value at rank ceil(0.95 x count) of all the"
          + " response times, sorted (nearest rank, whole milliseconds), the same every time the run"
          + " is read. Gatling's HTML report estimates its percentiles (a t-digest) and can show"
          + " other values for the same run; its assertion table shows perfgate's.";

  /** Why the measured window differs from the whole run, in one sentence. */
  static String warmUp(Summary.Run run) {
    if (run.warmUpMillis() <= 0) {
      return "No warm-up was left out: the gates judge the whole run.";
    }
    return "The first "
        + Fmt.duration(run.warmUpMillis())
        + " of the run are warm-up (JIT compilation, connection set-up, cold caches) and are left"
        + " out: the gates and the measured figures cover "
        + Fmt.clock(run.warmUpMillis())
        + (run.warmUpMillis() % 1000 == 0 ? "" : "." + (run.warmUpMillis() % 1000) / 100)
        + " to "
        + Fmt.clock(run.durationMillis())
        + " only.";
  }

  /** What went wrong with the run itself, worst first; empty for a clean run. */
  static List<String> runProblems(Summary.Run run) {
    List<String> problems = new ArrayList<>();
    if (run.aborted()) {
      problems.add(
          sentence("The run was aborted" + run.abortReason().map(r -> ": " + r).orElse("")));
    }
    if (run.truncated()) {
      problems.add(
          "The run was cut short (its Gatling process was killed, or simulation.log ends"
              + " mid-record): the figures cover the records written up to that point.");
    }
    problems.addAll(run.warnings());
    return problems;
  }

  /** Why requests failed, in plain words, the most failed requests first; empty when none did. */
  static List<String> explanations(Summary report) {
    return report.explanations().stream().map(e -> sentence(e.text())).toList();
  }

  static String sentence(String text) {
    String t = text.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }

  /** The requests with the highest measured p95, slowest first (name breaks ties). */
  static List<Summary.Entry> worstRequests(Summary report, int limit) {
    return report.requests().stream()
        .sorted(
            Comparator.comparingLong((Summary.Entry e) -> e.measured().p95())
                .reversed()
                .thenComparing(Summary.Entry::path))
        .limit(limit)
        .toList();
  }

  /** Critical and warning findings, critical first, in the analysis' order within each. */
  static List<Finding> bottlenecks(Summary report) {
    return report.findings().stream()
        .filter(f -> f.severity() != Finding.Severity.INFO)
        .sorted(Comparator.comparing(Finding::severity))
        .toList();
  }
}
