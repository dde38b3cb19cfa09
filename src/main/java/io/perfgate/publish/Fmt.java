package io.perfgate.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers, times and durations as every perfgate file shows them. Locale.ROOT everywhere: a German
 * CI agent must not write "1,5%" into a file a parser reads.
 */
final class Fmt {
  // Fixed width with milliseconds, so two timestamps in a file line up and sort as text.
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  // Ant's and Surefire's JUnit timestamp: no zone, which every CI parser accepts; we write UTC.
  private static final DateTimeFormatter JUNIT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Fmt() {}

  static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  static String human(long epochMillis) {
    return HUMAN.format(Instant.ofEpochMilli(epochMillis));
  }

  static String junitTimestamp(long epochMillis) {
    return JUNIT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** At most {@code scale} decimals, trailing zeros dropped: 1000, 0.1, 123.46. */
  static String number(double value, int scale) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    String text = rounded.stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /**
   * A gate's value the way the gate was written: "1000ms", "0.1%", "100/s". Percentages keep three
   * decimals so an actual just under a 0.1% threshold never prints as the threshold itself.
   */
  static String withUnit(double value, String unit) {
    return number(value, "%".equals(unit) ? 3 : 2) + unit;
  }

  /** Fixed decimals for table columns: 123.5. */
  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** An error percentage for tables: 0%, <0.01%, 1.25%. */
  static String percent(double value) {
    if (value == 0) {
      return "0%";
    }
    if (value > 0 && value < 0.01) {
      return "<0.01%";
    }
    return fixed(value, 2) + "%";
  }

  /** A relative change (0.1 = 10 % higher) with its sign: +10.0%, -3.2%, 0.0%. */
  static String change(double relative) {
    if (!Double.isFinite(relative)) {
      return "n/a";
    }
    double pct = relative * 100;
    String text = fixed(pct, 1);
    if (text.equals("-0.0")) {
      text = "0.0";
    }
    return (pct > 0 && !text.equals("0.0") ? "+" : "") + text + "%";
  }

  /** A length of time for people: 850 ms, 45 s, 10 min 2 s, 2 h 5 min. */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 10_000 && millis % 1000 != 0) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      long s = seconds % 60;
      return seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
    }
    long minutes = Math.round(seconds / 60.0);
    long m = minutes % 60;
    return minutes / 60 + " h" + (m == 0 ? "" : " " + m + " min");
  }

  /** An offset from the run's start as a clock: 0:45, 12:05, 1:02:03. */
  static String clock(long millis) {
    long seconds = Math.max(0, millis) / 1000;
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /** Seconds with three decimals, as JUnit's time attributes want them. */
  static String seconds(long millis) {
    return fixed(Math.max(0, millis) / 1000.0, 3);
  }
}
