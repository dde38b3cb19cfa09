package io.perfgate.results;

import io.perfgate.summary.Figures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures of one request, identified by its group path and its name, over the whole run ({@code
 * global}) and over each per-request window (by window name).
 *
 * @param redirectOf for a redirect hop ("login Redirect 1"), the name of the request whose redirect
 *     it followed: its figures are the hop's own, and it is not a request of the run's totals
 */
public record RequestStats(
    List<String> groups,
    String name,
    Figures global,
    Map<String, Figures> byWindow,
    Optional<String> redirectOf) {
  public RequestStats {
    groups = List.copyOf(groups);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(global, "global");
    byWindow = Collections.unmodifiableMap(new LinkedHashMap<>(byWindow));
    Objects.requireNonNull(redirectOf, "redirectOf");
  }

  /** "group/sub/name", as perfgate's gates name a request inside groups; just the name outside. */
  public String path() {
    List<String> parts = new ArrayList<>(groups);
    parts.add(name);
    return String.join("/", parts);
  }
}
