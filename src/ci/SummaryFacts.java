import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a perfgate summary.json and prints the facts the CI scripts decide on, one key=value a
 * line. Run as a single-file program, so that it needs nothing but the JDK that runs Gatling anyway
 * (no jq, no Python on the agents): {@code java src/ci/SummaryFacts.java
 * results/<run>/perfgate/summary.json}.
 *
 * <pre>
 * run=trackersimulation-20261123152838422    run.id
 * simulation=TrackerSimulation               run.simulation
 * scenario=smoke                             run.scenario
 * verdict=FAIL                               PASS, WARN or FAIL
 * truncated=false                            the log was cut short (a killed run)
 * requests=116                               global.count: every request of the whole run
 * ok=116                                     global.ok: the requests that succeeded
 * gates=9                                    gates judged
 * failed=2                                   gates breached
 * failedRegression=1                         breached regression gates (origin "baseline ...")
 * failedSla=1                                the other breached gates
 * breach=regression global p95 ... : actual 21 ms, threshold 20ms (baseline ...)   one line each
 * </pre>
 *
 * Exit status: 0 the facts were printed; 1 the file is missing or not a perfgate summary; 64 usage.
 */
public final class SummaryFacts {
  /** Regression gates are the ones written from a saved baseline: their origin says so. */
  static final String REGRESSION_ORIGIN = "baseline ";

  private SummaryFacts() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: java src/ci/SummaryFacts.java <summary.json>");
      System.exit(64);
    }
    try {
      String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
      System.out.print(facts(new Json(text).document()));
    } catch (IOException e) {
      System.err.println("perfgate-ci: cannot read " + args[0] + ": " + e.getMessage());
      System.exit(1);
    } catch (IllegalArgumentException e) {
      System.err.println(
          "perfgate-ci: " + args[0] + " is not a perfgate summary: " + e.getMessage());
      System.exit(1);
    }
  }

  static String facts(Object document) {
    Map<String, Object> summary = object(document, "the document");
    if (!summary.containsKey("schemaVersion") || !summary.containsKey("gates")) {
      throw new IllegalArgumentException("it has no schemaVersion or no gates");
    }
    Map<String, Object> run = object(summary.getOrDefault("run", Map.of()), "run");
    Map<String, Object> global = object(summary.getOrDefault("global", Map.of()), "global");
    StringBuilder out = new StringBuilder();
    line(out, "run", run.get("id"));
    line(out, "simulation", run.get("simulation"));
    line(out, "scenario", run.get("scenario"));
    line(out, "verdict", summary.get("verdict"));
    line(out, "truncated", Boolean.TRUE.equals(run.get("truncated")));
    line(out, "requests", whole(global.get("count")));
    line(out, "ok", whole(global.get("ok")));
    int failed = 0;
    int regression = 0;
    List<String> breaches = new ArrayList<>();
    List<?> gates = list(summary.get("gates"), "gates");
    for (Object g : gates) {
      Map<String, Object> gate = object(g, "a gate");
      if (Boolean.TRUE.equals(gate.get("passed"))) {
        continue;
      }
      failed++;
      String origin = text(gate.get("origin"));
      boolean isRegression = origin.startsWith(REGRESSION_ORIGIN);
      if (isRegression) {
        regression++;
      }
      breaches.add(
          (isRegression ? "regression " : "sla ")
              + text(gate.get("name"))
              + ": actual "
              + (gate.get("actual") == null
                  ? "nothing measured"
                  : number(gate.get("actual")) + " " + text(gate.get("unit")))
              + ", threshold "
              + text(gate.get("threshold"))
              + (origin.isEmpty() ? "" : " (" + origin + ")"));
    }
    line(out, "gates", gates.size());
    line(out, "failed", failed);
    line(out, "failedRegression", regression);
    line(out, "failedSla", failed - regression);
    for (String b : breaches) {
      line(out, "breach", b);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, Object value) {
    String v = value == null ? "" : value.toString();
    out.append(key).append('=').append(v.replace('\n', ' ').replace('\r', ' ')).append('\n');
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String whole(Object value) {
    return value instanceof Double d ? Long.toString(Math.round(d)) : "";
  }

  private static String number(Object value) {
    if (value instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    return text(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(what + " is not a JSON object");
  }

  private static List<?> list(Object value, String what) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(what + " is not a JSON array");
  }

  /**
   * A small, strict JSON reader: objects become maps, arrays lists, numbers doubles, and true,
   * false and null themselves.
   */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object document() {
      Object v = value();
      space();
      if (i != s.length()) {
        throw error("text after the end of the document");
      }
      return v;
    }

    private Object value() {
      space();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return word("true", Boolean.TRUE);
        case 'f':
          return word("false", Boolean.FALSE);
        case 'n':
          return word("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected '" + c + "'");
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      space();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        space();
        if (peek() != '"') {
          throw error("expected a key");
        }
        String key = string();
        space();
        expect(':');
        m.put(key, value());
        space();
        if (peek() == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      space();
      if (peek() == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        space();
        if (peek() == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("bad \\u escape");
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> b.append(e);
        }
      }
    }

    private Double number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      try {
        return Double.valueOf(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw error("bad number");
      }
    }

    private Object word(String w, Object v) {
      if (!s.startsWith(w, i)) {
        throw error("unexpected word");
      }
      i += w.length();
      return v;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at character " + i);
    }
  }
}
