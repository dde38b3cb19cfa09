package io.perfgate.config;

import io.perfgate.injector.PreflightSettings;
import io.perfgate.units.ByteSize;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads what protects the injector itself: the preflight of the plan against its limits
 * (injector.preflight).
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
}
