package io.perfgate.live;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code live { ... }} block: the injector's live endpoint (Prometheus {@code /metrics}, the
 * live page at {@code /} and its data at {@code /live.json}).
 *
 * @param enabled false: no endpoint, no live figures
 * @param port the TCP port; 0 picks a free one (the start-up line names it)
 * @param bind the interface to listen on; anything but loopback needs {@code allowRemote}
 * @param allowRemote true: a non-loopback {@code bind} is allowed (every machine that reaches it
 *     can read the run's request names, error messages and figures)
 * @param history how much of the run the live page keeps second by second (older seconds leave the
 *     charts; Prometheus keeps its own history)
 * @param maxRequests distinct request names that get their own {@code request} label; later names
 *     share {@value LiveRecorder#OTHER_REQUESTS}
 * @param consolePeriod how often Gatling's progress summary is printed on the console (perfgate
 *     reads one every second for the live figures and the stop criteria, and prints one in this
 *     many seconds); whole seconds
 */
public record LiveSettings(
    boolean enabled,
    int port,
    String bind,
    boolean allowRemote,
    Duration history,
    int maxRequests,
    Duration consolePeriod) {
  public static final String KEY = "live";
  public static final int DEFAULT_PORT = 0;
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final Duration DEFAULT_HISTORY = Duration.ofMinutes(15);
  public static final Duration MIN_HISTORY = Duration.ofSeconds(SecondRing.RECENT);
  public static final Duration MAX_HISTORY = Duration.ofHours(24);
  public static final int DEFAULT_MAX_REQUESTS = 100;
  public static final int MAX_REQUESTS_LIMIT = 10_000;
  public static final Duration DEFAULT_CONSOLE_PERIOD = Duration.ofSeconds(5);

  /**
   * A live setting that cannot be used: what is wrong and what is allowed, for the settings loader
   * to name with the file and line it was set in.
   */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String allowed;

    Invalid(String key, String problem, String allowed) {
      super(problem, null, false, false);
      this.key = key;
      this.allowed = allowed;
    }

    /** The full key, e.g. "live.bind". */
    public String key() {
      return key;
    }

    public String allowed() {
      return allowed;
    }
  }

  public LiveSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(consolePeriod, "consolePeriod");
    if (port < 0 || port > 65_535) {
      throw new Invalid(KEY + ".port", port + " is not a TCP port", "0 (a free port) to 65535");
    }
    if (bind.isBlank()) {
      throw new Invalid(KEY + ".bind", "it is empty", "an interface address such as 127.0.0.1");
    }
    if (history.compareTo(MIN_HISTORY) < 0 || history.compareTo(MAX_HISTORY) > 0) {
      throw new Invalid(
          KEY + ".history",
          history.toSeconds() + " s is out of range",
          MIN_HISTORY.toSeconds() + "s to 24h");
    }
    if (maxRequests < 1 || maxRequests > MAX_REQUESTS_LIMIT) {
      throw new Invalid(
          KEY + ".maxRequests",
          maxRequests + " is out of range",
          "a whole number from 1 to " + MAX_REQUESTS_LIMIT);
    }
    if (consolePeriod.toMillis() % 1000 != 0
        || consolePeriod.toSeconds() < 1
        || consolePeriod.toSeconds() > 3600) {
      throw new Invalid(
          KEY + ".consolePeriod",
          consolePeriod.toMillis() + " ms is not a whole number of seconds from 1 s to 1 h",
          "whole seconds from 1s to 1h, e.g. 5s (Gatling's usual rhythm)");
    }
  }

  /**
   * reference.conf's defaults: on, a free port on 127.0.0.1, 15 minutes, 100 request names, a
   * summary printed every 5 s.
   */
  public static LiveSettings defaults() {
    return new LiveSettings(
        true,
        DEFAULT_PORT,
        DEFAULT_BIND,
        false,
        DEFAULT_HISTORY,
        DEFAULT_MAX_REQUESTS,
        DEFAULT_CONSOLE_PERIOD);
  }

  public LiveSettings withPort(int newPort) {
    return new LiveSettings(
        enabled, newPort, bind, allowRemote, history, maxRequests, consolePeriod);
  }

  public LiveSettings withBind(String newBind, boolean newAllowRemote) {
    return new LiveSettings(
        enabled, port, newBind, newAllowRemote, history, maxRequests, consolePeriod);
  }

  public LiveSettings withHistory(Duration newHistory) {
    return new LiveSettings(
        enabled, port, bind, allowRemote, newHistory, maxRequests, consolePeriod);
  }

  public LiveSettings withMaxRequests(int newMaxRequests) {
    return new LiveSettings(
        enabled, port, bind, allowRemote, history, newMaxRequests, consolePeriod);
  }

  /** Seconds of {@link #history}. */
  int historySeconds() {
    return (int) history.toSeconds();
  }

  /** Seconds of {@link #consolePeriod}. */
  public long consolePeriodSeconds() {
    return consolePeriod.toSeconds();
  }

  /**
   * The address to listen on, refused when it is not loopback and {@code allowRemote} is false.
   *
   * @throws Invalid saying why and what to set
   */
  public InetAddress address() {
    return address(bind, allowRemote);
  }

  /** {@link #address()} for a bind and opt-in read elsewhere (the settings loader). */
  public static InetAddress address(String bind, boolean allowRemote) {
    String key = KEY + ".bind";
    InetAddress address;
    try {
      address = InetAddress.getByName(bind.strip());
    } catch (UnknownHostException e) {
      throw new Invalid(
          key,
          "\"" + bind + "\" is not an address of this machine that can be resolved",
          "127.0.0.1 (the default), ::1 or localhost; another interface of this machine with "
              + KEY
              + ".allowRemote = true");
    }
    if (!address.isLoopbackAddress() && !allowRemote) {
      throw new Invalid(
          key,
          "\""
              + bind
              + "\" is not a loopback address, so the live page and /metrics would be open to"
              + " every machine that can reach this one, with the run's request names, error"
              + " messages and figures",
          "127.0.0.1 (the default), ::1 or localhost; to serve other machines on purpose (a"
              + " Prometheus elsewhere), also set "
              + KEY
              + ".allowRemote = true, and let only that Prometheus through the firewall");
    }
    return address;
  }
}
