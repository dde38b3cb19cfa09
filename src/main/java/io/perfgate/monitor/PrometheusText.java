package io.perfgate.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4, which OpenMetrics text also
 * reads as): {@code # HELP} and {@code # TYPE} lines, other comments, and samples {@code
 * name{label="value",...} value [timestamp]} with the format's escapes in label values ({@code \\},
 * {@code \"}, {@code \n}) and its special values NaN, +Inf and -Inf. A line that breaks the format
 * is an error naming its number: half-understood metrics are worse than none.
 */
final class PrometheusText {
  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {
    Sample {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The sample's name and labels as written in Prometheus, e.g. {@code a{b="c"}}. */
    String key() {
      if (labels.isEmpty()) {
        return name;
      }
      StringBuilder sb = new StringBuilder(name).append('{');
      boolean first = true;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
      }
      return sb.append('}').toString();
    }
  }

  /** A parsed page: every sample in order, and the declared type of each metric family. */
  record Page(List<Sample> samples, Map<String, String> types) {
    Page {
      samples = List.copyOf(samples);
      types = Map.copyOf(types);
    }

    /** The declared type of the family a sample belongs to: counter, gauge, ... or untyped. */
    String typeOf(String sampleName) {
      String t = types.get(sampleName);
      if (t != null) {
        return t;
      }
      for (String suffix : new String[] {"_total", "_sum", "_count", "_bucket", "_created"}) {
        if (sampleName.endsWith(suffix)) {
          t = types.get(sampleName.substring(0, sampleName.length() - suffix.length()));
          if (t != null) {
            return t;
          }
        }
      }
      return "untyped";
    }
  }

  /** A line that does not follow the format. */
  static final class ParseException extends Exception {
    ParseException(int line, String problem) {
      super("line " + line + ": " + problem);
    }
  }

  private PrometheusText() {}

  static Page parse(String text) throws ParseException {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.substring(1).strip().split("\\s+", 3);
        if (parts.length >= 3 && parts[0].equals("TYPE")) {
          types.put(parts[1], parts[2].strip());
        }
        continue;
      }
      samples.add(new LineParser(line, i + 1).sample());
    }
    return new Page(samples, types);
  }

  static Optional<Double> value(String token) {
    return switch (token) {
      case "NaN" -> Optional.of(Double.NaN);
      case "+Inf", "Inf" -> Optional.of(Double.POSITIVE_INFINITY);
      case "-Inf" -> Optional.of(Double.NEGATIVE_INFINITY);
      default -> {
        try {
          yield Optional.of(Double.parseDouble(token));
        } catch (NumberFormatException e) {
          yield Optional.empty();
        }
      }
    };
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static final class LineParser {
    private final String s;
    private final int line;
    private int pos;

    LineParser(String s, int line) {
      this.s = s;
      this.line = line;
    }

    Sample sample() throws ParseException {
      String name = name(true);
      if (name.isEmpty()) {
        throw new ParseException(line, "expected a metric name, found '" + s + "'");
      }
      Map<String, String> labels = new LinkedHashMap<>();
      skipBlanks();
      if (pos < s.length() && s.charAt(pos) == '{') {
        pos++;
        labels(labels);
      }
      skipBlanks();
      String[] rest = s.substring(pos).strip().split("[ \t]+");
      if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
        throw new ParseException(line, "expected a value and an optional timestamp after " + name);
      }
      Optional<Double> v = value(rest[0]);
      if (v.isEmpty()) {
        throw new ParseException(line, "'" + rest[0] + "' is not a number");
      }
      return new Sample(name, labels, v.get());
    }

    private void labels(Map<String, String> out) throws ParseException {
      while (true) {
        skipBlanks();
        if (pos >= s.length()) {
          throw new ParseException(line, "the label set is not closed with }");
        }
        if (s.charAt(pos) == '}') {
          pos++;
          return;
        }
        String label = name(false);
        if (label.isEmpty()) {
          throw new ParseException(line, "expected a label name at column " + (pos + 1));
        }
        skipBlanks();
        expect('=');
        skipBlanks();
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
          if (pos >= s.length()) {
            throw new ParseException(line, "the value of label " + label + " is not closed");
          }
          char c = s.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (pos >= s.length()) {
              throw new ParseException(line, "a \\ ends the line");
            }
            char e = s.charAt(pos++);
            value.append(
                switch (e) {
                  case 'n' -> '\n';
                  case '\\' -> '\\';
                  case '"' -> '"';
                  default -> throw new ParseException(line, "unknown escape \\" + e);
                });
          } else {
            value.append(c);
          }
        }
        out.put(label, value.toString());
        skipBlanks();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else if (pos < s.length() && s.charAt(pos) != '}') {
          throw new ParseException(line, "expected , or } after label " + label);
        }
      }
    }

    /** [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; no colon in label names. */
    private String name(boolean metric) {
      int start = pos;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        boolean ok =
            Character.isLetter(c) && c < 128
                || c == '_'
                || (metric && c == ':')
                || (pos > start && c >= '0' && c <= '9');
        if (!ok) {
          break;
        }
        pos++;
      }
      return s.substring(start, pos);
    }

    private void expect(char c) throws ParseException {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw new ParseException(line, "expected '" + c + "' at column " + (pos + 1));
      }
      pos++;
    }

    private void skipBlanks() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }
  }
}
