package io.perfgate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A project folder for settings tests: resources/perfgate.conf with the smallest workload that
 * loads (one endpoint, one journey), followed by what a test writes about the settings it checks.
 */
final class TestProject {
  static final String WORKLOAD =
      """
      workload {
        endpoints { health { path = "/health", expect = [200] } }
        journeys { browse { weight = 1, steps = [health] } }
      }
      """;

  private final Path dir;

  TestProject(Path dir) {
    this.dir = dir;
  }

  /** Writes resources/perfgate.conf: the workload, then {@code extra}; returns the whole text. */
  String conf(String extra) {
    String text = WORKLOAD + extra;
    write("resources/perfgate.conf", text);
    return text;
  }

  /** Writes a file under the project, folders included. */
  Path write(String relative, String text) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return file;
  }

  Settings load(Map<String, String> props, Map<String, String> env) {
    return SettingsLoader.load(props, env, dir);
  }

  /** Loads with system properties given as key, value, key, value... and no environment. */
  Settings load(String... keyValues) {
    return load(props(keyValues), Map.of());
  }

  static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }
}
