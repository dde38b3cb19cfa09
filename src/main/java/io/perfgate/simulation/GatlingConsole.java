package io.perfgate.simulation;

import io.perfgate.live.LiveSettings;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gatling's console is perfgate's live feed: resources/gatling.conf has Gatling write its progress
 * summary every second, in full, to the console, and perfgate reads each one (see
 * io.perfgate.live.ConsoleFeed). Gatling reads -D system properties over that file, before perfgate
 * starts; a run whose properties change the console is refused, since its live figures and stop
 * criteria would lag or go blind.
 */
final class GatlingConsole {
  static final String WRITE_PERIOD = "gatling.data.console.writePeriod";
  static final String LIGHT = "gatling.data.console.light";
  static final String WRITERS = "gatling.data.writers";
  static final String CONF_FILE = "gatling.conf.file";

  private GatlingConsole() {}

  /** Why the run cannot start with these system properties, or empty. */
  static Optional<String> refusal(Map<String, String> properties) {
    String period = properties.get(WRITE_PERIOD);
    if (period != null && !period.strip().equals("1")) {
      return Optional.of(
          "-D"
              + WRITE_PERIOD
              + "="
              + period
              + " has Gatling print its progress summary every "
              + period
              + " s, but perfgate reads it every second for its live figures and stop criteria,"
              + " which would lag by that much. Remove it: perfgate prints one summary in "
              + LiveSettings.KEY
              + ".consolePeriod (5s by default) and reads the others.");
    }
    String light = properties.get(LIGHT);
    if (light != null && light.strip().equalsIgnoreCase("true")) {
      return Optional.of(
          "-D"
              + LIGHT
              + "=true leaves the requests out of Gatling's progress summary, which perfgate reads"
              + " for its live figures of each request. Remove it.");
    }
    boolean writers = false;
    boolean console = false;
    for (var e : properties.entrySet()) {
      if (e.getKey().equals(WRITERS) || e.getKey().startsWith(WRITERS + ".")) {
        writers = true;
        console |= e.getValue().toLowerCase(Locale.ROOT).contains("console");
      }
    }
    if (writers && !console) {
      return Optional.of(
          "-D"
              + WRITERS
              + " leaves out Gatling's console writer, whose summary perfgate reads every second"
              + " for its live figures and stop criteria. Keep console among the writers.");
    }
    return Optional.empty();
  }

  /** A warning when Gatling reads another configuration file than perfgate's, or empty. */
  static Optional<String> warning(Map<String, String> properties) {
    String file = properties.get(CONF_FILE);
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        "perfgate: WARNING: -D"
            + CONF_FILE
            + "="
            + file
            + " replaces resources/gatling.conf: keep gatling.data.console.writePeriod = 1 and"
            + " light = false there, or the live figures and the stop criteria lag behind the run.");
  }
}
