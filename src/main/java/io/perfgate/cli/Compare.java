package io.perfgate.cli;

import io.perfgate.files.AtomicFiles;
import io.perfgate.publish.ComparePage;
import io.perfgate.publish.RunComparison;
import io.perfgate.summary.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** `compare`: the two runs' figures as a table on the console, and the same as an HTML page. */
final class Compare {
  private Compare() {}

  static int print(Summary a, Summary b, PrintStream out, Path projectDir) throws IOException {
    RunComparison c = RunComparison.of(a, b);
    out.printf(
        Locale.ROOT,
        "A: %s (%s, %s, %s)%n",
        c.a().id(),
        c.a().scenario(),
        c.a().start(),
        c.a().verdict());
    out.printf(
        Locale.ROOT,
        "B: %s (%s, %s, %s)%n%n",
        c.b().id(),
        c.b().scenario(),
        c.b().start(),
        c.b().verdict());
    out.printf(Locale.ROOT, "%-40s %-8s %12s %12s %9s%n", "subject", "metric", "A", "B", "change");
    for (RunComparison.Row r : c.rows()) {
      out.printf(
          Locale.ROOT,
          "%-40s %-8s %12s %12s %9s%n",
          r.subject(),
          r.metric(),
          value(r.a(), r.unit()),
          value(r.b(), r.unit()),
          r.change().isPresent()
              ? String.format(Locale.ROOT, "%+.1f%%", r.change().getAsDouble() * 100)
              : "new");
    }
    for (String s : c.onlyInA()) {
      out.println("only in A: " + s);
    }
    for (String s : c.onlyInB()) {
      out.println("only in B: " + s);
    }
    Path page =
        projectDir
            .resolve("results")
            .resolve("compare")
            .resolve(safe(c.a().id()) + "-vs-" + safe(c.b().id()) + ".html");
    AtomicFiles.writeString(page, ComparePage.render(c));
    out.println();
    out.println("comparison page: " + page.toAbsolutePath());
    return Commands.OK;
  }

  private static String value(double v, String unit) {
    String n = v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    return unit.isEmpty() ? n : n + ("%".equals(unit) ? "%" : " " + unit);
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
