package io.perfgate.config;

import io.perfgate.live.LiveSettings;
import java.util.Set;

/** Reads {@code live}: the injector's live endpoint (Prometheus metrics and the live page). */
final class LiveReader {
  private LiveReader() {}

  static LiveSettings live(Node live) {
    if (!live.exists()) {
      return LiveSettings.defaults();
    }
    live.rejectUnknown(
        Set.of(
            "enabled", "port", "bind", "allowRemote", "history", "maxRequests", "consolePeriod"));
    boolean enabled = live.bool("enabled");
    String bind = live.string("bind").strip();
    boolean allowRemote = live.bool("allowRemote");
    try {
      LiveSettings settings =
          new LiveSettings(
              enabled,
              live.integer("port", 0),
              bind,
              allowRemote,
              live.duration("history", false),
              live.integer("maxRequests", 1),
              live.duration("consolePeriod", false));
      if (enabled) {
        // Refused here, with the file and line, before anything listens or any load is sent.
        settings.address();
      }
      return settings;
    } catch (LiveSettings.Invalid e) {
      String child = e.key().substring(e.key().indexOf('.') + 1);
      // A refused bind is about both keys; name the one that was set.
      throw ConfigError.at(e.key(), live.where(child), e.getMessage(), e.allowed());
    }
  }
}
