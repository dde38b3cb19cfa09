package io.perfgate.config;

import io.perfgate.injector.PreflightSettings;
import io.perfgate.injector.ResponseLimit;
import io.perfgate.units.ByteSize;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads what protects the injector itself: the preflight of the plan against its limits
 * (injector.preflight) and the most of an answer its checks read (target.maxResponseSize).
 */
final class InjectorReader {
  private InjectorReader() {}

  static PreflightSettings preflight(Node node) {
    node.rejectUnknown(Set.of("beyond", "warnAt", "heapPerUser"));
    PreflightSettings.Beyond beyond =
        node.oneOf(
            "beyond",
            Map.of(
                "refuse", PreflightSettings.Beyond.REFUSE,
                "warn", PreflightSettings.Beyond.WARN,
                "off", PreflightSettings.Beyond.OFF));
    double warnAt = node.fraction("warnAt");
    if (warnAt <= 0 || warnAt > 1) {
      throw node.error(
          "warnAt", "'" + node.raw("warnAt") + "' is out of range", "a percentage from 1% to 100%");
    }
    String raw = node.raw("heapPerUser").trim();
    OptionalLong perUser = ByteSize.parse(raw);
    if (perUser.isEmpty() || perUser.getAsLong() < 1) {
      throw node.error(
          "heapPerUser",
          "'" + raw + "' is not a size above zero",
          ByteSize.ALLOWED + ", e.g. 48KB");
    }
    return new PreflightSettings(beyond, warnAt, perUser.getAsLong());
  }

  static ResponseLimit maxResponseSize(Node target) {
    String raw = target.raw("maxResponseSize").trim();
    String word = raw.toLowerCase(Locale.ROOT);
    if (word.equals("auto")) {
      return ResponseLimit.AUTO;
    }
    if (word.equals("off")) {
      return ResponseLimit.OFF;
    }
    OptionalLong bytes = ByteSize.parse(raw);
    if (bytes.isEmpty() || bytes.getAsLong() < 1024 || bytes.getAsLong() > Integer.MAX_VALUE) {
      throw target.error(
          "maxResponseSize",
          "'" + raw + "' is not a size from 1KB to 2GB",
          ResponseLimit.ALLOWED + ", from 1KB to 2GB");
    }
    return ResponseLimit.of(bytes.getAsLong());
  }
}
