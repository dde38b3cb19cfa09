package io.perfgate.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The figures of one request, identified by its group path and its name, over the whole run ({@code
 * global}) and over each window (by window name, in the order the windows were given).
 */
public record RequestStats(
    List<String> groups, String name, Stats global, Map<String, Stats> byWindow) {
  public RequestStats {
    groups = List.copyOf(groups);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(global, "global");
    byWindow = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byWindow));
  }

  /** "group/sub/name", as perfgate's gates name a request inside groups; just the name outside. */
  public String path() {
    List<String> parts = new ArrayList<>(groups);
    parts.add(name);
    return String.join("/", parts);
  }
}
