package io.perfgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments: positional words, and settings written -Dkey=value or --key value
 * (--scenario stress, --env staging), which override the project's settings as -D does for a run.
 */
record Args(List<String> words, Map<String, String> settings) {
  static Args parse(List<String> raw) throws UsageException {
    List<String> words = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      String a = raw.get(i);
      if (a.startsWith("-D") && a.contains("=")) {
        settings.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else if (a.startsWith("--")) {
        String key = a.substring(2);
        if (key.contains("=")) {
          settings.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
        } else if (i + 1 < raw.size()) {
          settings.put(key, raw.get(++i));
        } else {
          throw new UsageException("option " + a + " needs a value, e.g. " + a + " stress");
        }
      } else {
        words.add(a);
      }
    }
    return new Args(List.copyOf(words), Map.copyOf(settings));
  }
}
