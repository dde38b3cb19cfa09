package io.perfgate.units;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations the way people write them: 500ms, 30s, 5m, 1h30m, 2.5s. */
public final class Durations {
  public static final String ALLOWED = "a duration such as 500ms, 30s, 5m or 1h30m";

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)(?![a-z])", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /** Parses a duration; empty when the text is not one. A bare 0 means zero. */
  public static Optional<Duration> parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher m = PART.matcher(s);
    int end = 0;
    double millis = 0;
    boolean any = false;
    while (m.find()) {
      if (!s.substring(end, m.start()).isBlank()) {
        return Optional.empty();
      }
      double n = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
          };
      end = m.end();
      any = true;
    }
    if (!any || !s.substring(end).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }

  /** Short human form: 450ms, 30s, 4m30s, 1h55m. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms % 1000 != 0) {
      return ms < 60_000 ? trim(ms / 1000.0) + "s" : (ms + "ms");
    }
    long s = ms / 1000;
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) {
      sb.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      sb.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
