package io.perfgate.gate;

import io.perfgate.units.Durations;
import io.perfgate.units.Percent;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads criteria written the way people say them: "p95 < 500ms", "errors < 1%", "rps > 100". */
public final class CriterionParser {
  public static final String FORM =
      "'<metric> <op> <value>' such as \"p95 < 500ms\", \"errors < 1%\" or \"rps > 100\"; metrics: "
          + Metric.allowed()
          + "; ops: <, <=, >, >=";

  private static final Pattern SHAPE =
      Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9.%_]*)\\s*(<=|>=|<|>)\\s*(.+?)\\s*$");
  private static final Pattern RATE = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(?:/s|rps)?$");

  private CriterionParser() {}

  public static Criterion parse(String text) {
    Matcher m = SHAPE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new GateSyntaxException("\"" + text + "\" is not a gate", FORM);
    }
    String name = m.group(1);
    Metric metric =
        Metric.byLabel(name)
            .orElseThrow(
                () ->
                    new GateSyntaxException(
                        "unknown metric '" + name + "' in \"" + text + "\"", Metric.allowed()));
    Comparison op = Comparison.bySymbol(m.group(2)).orElseThrow();
    String value = m.group(3);
    return switch (metric.kind()) {
      case LATENCY -> latency(text, metric, op, value);
      case PERCENT -> percent(text, metric, op, value);
      case RATE -> rate(text, metric, op, value);
    };
  }

  private static Criterion latency(String text, Metric metric, Comparison op, String value) {
    if (!op.isUpperBound()) {
      throw new GateSyntaxException(
          "\"" + text + "\" asks for a latency above a value", "< or <= for " + metric.label());
    }
    Optional<Duration> d = Durations.parse(value);
    if (d.isEmpty()) {
      throw new GateSyntaxException(
          "'" + value + "' in \"" + text + "\" is not a duration",
          metric.label() + " takes " + Durations.ALLOWED);
    }
    return new Criterion(metric, op, d.get().toMillis());
  }

  private static Criterion percent(String text, Metric metric, Comparison op, String value) {
    if (!op.isUpperBound()) {
      throw new GateSyntaxException(
          "\"" + text + "\" asks for an error rate above a value", "< or <= for errors");
    }
    OptionalDouble p = Percent.parse(value);
    if (p.isEmpty()) {
      throw new GateSyntaxException(
          "'" + value + "' in \"" + text + "\" is not a percentage",
          "errors takes " + Percent.ALLOWED);
    }
    return new Criterion(metric, op, p.getAsDouble());
  }

  private static Criterion rate(String text, Metric metric, Comparison op, String value) {
    Matcher r = RATE.matcher(value.trim());
    if (!r.matches()) {
      throw new GateSyntaxException(
          "'" + value + "' in \"" + text + "\" is not a rate",
          "rps takes requests per second, e.g. 100 or 12.5/s");
    }
    return new Criterion(metric, op, Double.parseDouble(r.group(1)));
  }
}
