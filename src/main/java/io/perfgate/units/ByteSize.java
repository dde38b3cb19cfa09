package io.perfgate.units;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written as 64KB, 512MB or 2GB. Like the JVM's -Xmx, a KB is 1024 bytes, an MB 1024 KB and a
 * GB 1024 MB; KiB, MiB and GiB mean the same, and a bare number is bytes.
 */
public final class ByteSize {
  public static final String ALLOWED = "a size such as 0, 512B, 64KB, 512MB or 2GB (1KB = 1024 B)";

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

  private ByteSize() {}

  public static OptionalLong parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit.charAt(0)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1L;
        };
    double bytes = n * factor;
    return bytes > Long.MAX_VALUE / 2 ? OptionalLong.empty() : OptionalLong.of(Math.round(bytes));
  }

  /** "64KB", "1.5MB", "0B": the largest unit that keeps the number at least 1. */
  public static String format(long bytes) {
    String[] units = {"B", "KB", "MB", "GB"};
    double v = bytes;
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    String s = String.format(Locale.ROOT, "%.1f", v).replaceAll("\\.0$", "");
    return s + units[u];
  }
}
