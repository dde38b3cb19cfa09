package io.perfgate.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTML page comparing two runs (see {@link RunComparison}), from the {@code compare} template:
 * self-contained and offline like the run page.
 */
public final class ComparePage {
  public static final String FILE_NAME = "compare.html";

  private ComparePage() {}

  public static String render(RunComparison comparison) {
    return Templates.render("compare", model(comparison));
  }

  static Map<String, Object> model(RunComparison c) {
    List<Map<String, Object>> subjects = new ArrayList<>();
    Map<String, Object> current = null;
    List<Map<String, Object>> rows = null;
    for (RunComparison.Row row : c.rows()) {
      if (current == null || !current.get("subject").equals(row.subject())) {
        rows = new ArrayList<>();
        current = Templates.view("subject", row.subject(), "rows", rows);
        subjects.add(current);
      }
      double change = row.change().orElse(Double.NaN);
      rows.add(
          Templates.view(
              "metric", label(row.metric()),
              "a", value(row.a(), row.unit()),
              "b", value(row.b(), row.unit()),
              "change", row.change().isPresent() ? Fmt.change(change) : "new",
              "direction", RunView.direction(change)));
    }
    List<String> differences = new ArrayList<>();
    differ(differences, "simulation", c.a().simulation(), c.b().simulation());
    differ(differences, "profile", c.a().scenario(), c.b().scenario());
    differ(differences, "environment", c.a().environment(), c.b().environment());
    return Templates.view(
        "title", "perfgate: " + c.a().id() + " vs " + c.b().id(),
        "a", side(c.a()),
        "b", side(c.b()),
        "differences", differences,
        "hasDifferences", !differences.isEmpty(),
        "subjects", subjects,
        "onlyInA", c.onlyInA(),
        "onlyInB", c.onlyInB(),
        "hasOnlyInA", !c.onlyInA().isEmpty(),
        "hasOnlyInB", !c.onlyInB().isEmpty());
  }

  private static Map<String, Object> side(RunComparison.Side s) {
    return Templates.view(
        "id", s.id(),
        "simulation", s.simulation(),
        "scenario", s.scenario(),
        "environment", s.environment(),
        "start", s.start(),
        "verdict", s.verdict(),
        "verdictClass", s.verdict().toLowerCase(Locale.ROOT));
  }

  private static void differ(List<String> out, String what, String a, String b) {
    if (!a.equals(b)) {
      out.add("The runs used different " + what + "s: " + a + " and " + b + ".");
    }
  }

  /** The summary.json name of a figure as a person reads it. */
  static String label(String metric) {
    return switch (metric) {
      case "count" -> "requests";
      case "errorPercent" -> "errors";
      case "rps" -> "throughput";
      case "p999" -> "p99.9";
      default -> metric;
    };
  }

  private static String value(double v, String unit) {
    return switch (unit) {
      case "" -> Fmt.number(v, 0);
      case "%" -> Fmt.percent(v);
      case "/s" -> Fmt.fixed(v, 1) + "/s";
      default -> Fmt.number(v, 1) + " " + unit;
    };
  }
}
