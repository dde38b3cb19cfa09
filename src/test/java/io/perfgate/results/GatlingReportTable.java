package io.perfgate.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics table of a Gatling 3.15 index.html, as GlobalStatsTableComponent writes it: one
 * {@code <tr id=... data-parent=...>} per container (ROOT, group_..., req_...), the name in an
 * "ellipsed-name" span, then cells {@code <td class="value total col-N">} for N = 2..14 (total, OK,
 * KO, % KO, Cnt/s, min, 50th, 75th, 95th, 99th pct, max, mean, std dev).
 */
final class GatlingReportTable {
  enum Kind {
    ROOT,
    GROUP,
    REQUEST
  }

  /** A row: its kind, its path ("" for ROOT; "group/sub/name"), and its cells by column. */
  record Row(Kind kind, String path, Map<Integer, String> cells) {
    long count(int col) {
      return Long.parseLong(cells.get(col));
    }

    double number(int col) {
      return Double.parseDouble(cells.get(col));
    }

    int integer(int col) {
      return Integer.parseInt(cells.get(col));
    }
  }

  private static final Pattern ROW =
      Pattern.compile(
          "<tr id=\"([^\"]+)\"(?: data-parent=\"([^\"]+)\")?\\s*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
  private static final Pattern CELL =
      Pattern.compile("<td class=\"value (?:total|ok|ko) col-(\\d+)\">([^<]*)</td>");
  private static final Pattern ERROR =
      Pattern.compile(
          "<td class=\"error-col-1 total ko\">(.*?)<span class=\"value\"[^>]*>\\d+</span></td>\\s*"
              + "<td class=\"value error-col-2 total ko\">(\\d+)</td>",
          Pattern.DOTALL);

  private GatlingReportTable() {}

  static List<Row> rows(Path indexHtml) throws IOException {
    String html = Files.readString(indexHtml, StandardCharsets.UTF_8);
    record Raw(String id, String parent, String name, Map<Integer, String> cells) {}
    Map<String, Raw> byId = new HashMap<>();
    List<Raw> order = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      String body = m.group(3);
      Matcher n = NAME.matcher(body);
      if (!n.find()) {
        continue;
      }
      Map<Integer, String> cells = new LinkedHashMap<>();
      Matcher c = CELL.matcher(body);
      while (c.find()) {
        cells.put(Integer.parseInt(c.group(1)), c.group(2).trim());
      }
      Raw raw = new Raw(m.group(1), m.group(2), unescape(n.group(1)), cells);
      byId.put(raw.id(), raw);
      order.add(raw);
    }
    List<Row> rows = new ArrayList<>();
    for (Raw r : order) {
      Kind kind =
          r.id().equals("ROOT")
              ? Kind.ROOT
              : r.id().startsWith("group_") ? Kind.GROUP : Kind.REQUEST;
      List<String> names = new ArrayList<>();
      for (Raw p = r;
          p != null && !p.id().equals("ROOT");
          p = p.parent() == null ? null : byId.get(p.parent())) {
        names.add(0, p.name());
      }
      rows.add(new Row(kind, String.join("/", names), r.cells()));
    }
    return rows;
  }

  /** The "Errors" table: message and count. */
  static Map<String, Long> errors(Path indexHtml) throws IOException {
    String html = Files.readString(indexHtml, StandardCharsets.UTF_8);
    Map<String, Long> out = new LinkedHashMap<>();
    Matcher m = ERROR.matcher(html);
    while (m.find()) {
      out.put(unescape(m.group(1)), Long.parseLong(m.group(2)));
    }
    return out;
  }

  static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);").matcher(s);
    int at = 0;
    while (m.find()) {
      out.append(s, at, m.start());
      String e = m.group(1);
      switch (e) {
        case "amp" -> out.append('&');
        case "lt" -> out.append('<');
        case "gt" -> out.append('>');
        case "quot" -> out.append('"');
        case "apos" -> out.append('\'');
        case "nbsp" -> out.append('\u00a0');
        default ->
            out.appendCodePoint(
                e.startsWith("#x")
                    ? Integer.parseInt(e.substring(2), 16)
                    : Integer.parseInt(e.substring(1)));
      }
      at = m.end();
    }
    return out.append(s.substring(at)).toString();
  }
}
