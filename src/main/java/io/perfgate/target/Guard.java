package io.perfgate.target;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What stops a run from loading the wrong service: a production target needs the run to name its
 * host with {@code -Dperfgate.confirm=<host>}, and when an allow-list of hosts is configured, no
 * other host is loaded. The embedded demo service runs on 127.0.0.1 inside the run and is never
 * refused.
 *
 * @param production whether the target is marked production (target.production)
 * @param productionSetIn where target.production was set, e.g. "resources/env/production.conf:4"
 * @param allowHosts the only hosts that may be loaded, lower case; empty allows any
 * @param allowHostsSetIn where target.allowHosts was set
 */
public record Guard(
    boolean production, String productionSetIn, List<String> allowHosts, String allowHostsSetIn) {
  /** System property by which a run confirms that it means to load a production target. */
  public static final String CONFIRM_PROPERTY = "perfgate.confirm";

  public static final Guard NONE = new Guard(false, "", List.of(), "");

  public Guard {
    allowHosts = allowHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Why a run against {@code target} must not start, as one paragraph that says how to proceed, or
   * empty when it may start.
   *
   * @param confirmation the value of -Dperfgate.confirm, if given
   */
  public Optional<String> refusal(Target target, Optional<String> confirmation) {
    if (target.embedded()) {
      return Optional.empty();
    }
    String host = target.host();
    String url = target.displayUrl().orElseThrow();
    if (!allowHosts.isEmpty() && !allowHosts.contains(host)) {
      return Optional.of(
          "The target "
              + url
              + " is not on the allow-list: target.allowHosts"
              + (allowHostsSetIn.isEmpty() ? "" : " (set in " + allowHostsSetIn + ")")
              + " permits only "
              + String.join(", ", allowHosts)
              + ", so perfgate refuses to load "
              + host
              + ". Check target.baseUrl (and -Denv), or add "
              + host
              + " to target.allowHosts if this service is meant to be load tested.");
    }
    if (!production) {
      return Optional.empty();
    }
    String given = confirmation.map(String::trim).orElse("");
    if (given.toLowerCase(Locale.ROOT).equals(host)) {
      return Optional.empty();
    }
    String why =
        given.isEmpty()
            ? "the run did not confirm it"
            : "-D" + CONFIRM_PROPERTY + "=" + given + " names another host";
    return Optional.of(
        "The target "
            + url
            + " is production (target.production = true"
            + in(productionSetIn)
            + ") and "
            + why
            + ": load on production can hurt real users, so perfgate sends nothing unless the"
            + " run names the host it means to load. Check the profile and its size, then run"
            + " again with -D"
            + CONFIRM_PROPERTY
            + "="
            + host
            + ".");
  }

  private static String in(String where) {
    return where.isEmpty() ? "" : ", set in " + where;
  }
}
