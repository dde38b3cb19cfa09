package io.perfgate.units;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Shares written as 5% or 0.5%. */
public final class Percent {
  public static final String ALLOWED = "a percentage from 0% to 100%, e.g. 1% or 0.5%";

  private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?");

  private Percent() {}

  /** The share as a percentage (5% → 5.0); empty when the text is not a percentage. */
  public static OptionalDouble parse(String text) {
    String s = text == null ? "" : text.trim();
    if (!s.endsWith("%")) {
      return OptionalDouble.empty();
    }
    String number = s.substring(0, s.length() - 1).trim();
    // Plain decimals only: Double.parseDouble would also take "5d", "1e1" or "0x1p3".
    if (!DECIMAL.matcher(number).matches()) {
      return OptionalDouble.empty();
    }
    try {
      double p = Double.parseDouble(number);
      return p >= 0 && p <= 100 ? OptionalDouble.of(p) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  public static String format(double percent) {
    String s = String.format(Locale.ROOT, "%.3f", percent);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "") + "%";
  }
}
