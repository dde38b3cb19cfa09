package io.perfgate.simulation;

import io.perfgate.files.AtomicFiles;
import io.perfgate.summary.GateResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the assertion table of Gatling's HTML report say what perfgate decided. Gatling judges its
 * assertions on the whole run, warm-up included; perfgate judges the same gates, in the same order,
 * on the measured window. Each row keeps Gatling's wording and gets perfgate's status and the
 * measured value, so the report never contradicts the verdict. A gate left unjudged for lack of
 * data reads NOT JUDGED with the reason.
 */
final class GatlingReport {
  private static final Pattern ROW =
      Pattern.compile(
          "<td class=\"error-col-1 (?:ok|ko) total\">(\\s*)(.*?)(\\s*)<span class=\"value\""
              + " style=\"display:none\">(\\d+)</span>(\\s*)</td>(\\s*)<td class=\"error-col-2 value"
              + " (?:ok|ko) total\">(?:OK|KO)</td>",
          Pattern.DOTALL);

  private GatlingReport() {}

  /**
   * Rewrites the assertion rows of {@code index} from {@code gates}; returns false, touching
   * nothing, when the table does not have one row per gate.
   */
  static boolean markAssertions(Path index, List<GateResult> gates, String window)
      throws IOException {
    String html = Files.readString(index, StandardCharsets.UTF_8);
    Matcher m = ROW.matcher(html);
    StringBuilder out = new StringBuilder();
    int rows = 0;
    while (m.find()) {
      int i = Integer.parseInt(m.group(4));
      if (i >= gates.size()) {
        return false;
      }
      GateResult g = gates.get(i);
      String cls = g.passed() ? "ok" : "ko";
      // A gate without enough data was not judged: neither Gatling's OK nor KO is true of it.
      String status = g.unjudged() && g.passed() ? "NOT JUDGED" : g.passed() ? "OK" : "KO";
      String measured =
          g.unjudged()
              ? "not judged, " + g.note()
              : g.actual().isPresent()
                  ? format(g.actual().getAsDouble(), g.unit())
                  : "not measured";
      String note = " &mdash; perfgate, " + window + ": " + escape(measured);
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              "<td class=\"error-col-1 "
                  + cls
                  + " total\">"
                  + m.group(1)
                  + m.group(2)
                  + note
                  + m.group(3)
                  + "<span class=\"value\" style=\"display:none\">"
                  + i
                  + "</span>"
                  + m.group(5)
                  + "</td>"
                  + m.group(6)
                  + "<td class=\"error-col-2 value "
                  + cls
                  + " total\">"
                  + status
                  + "</td>"));
      rows++;
    }
    if (rows != gates.size()) {
      return false;
    }
    m.appendTail(out);
    AtomicFiles.writeString(index, out.toString());
    return true;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String format(double value, String unit) {
    String n =
        value == Math.rint(value)
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.2f", value);
    return n + ("%".equals(unit) ? "%" : " " + unit);
  }
}
