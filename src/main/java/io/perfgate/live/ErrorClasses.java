package io.perfgate.live;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default class of a Gatling 3.15 failure message, for the {@code class} label of {@code
 * perfgate_errors_total}: a handful of plain words, so that a dashboard can tell a refused
 * connection from a slow service or a failing check without one series per message. Messages look
 * like {@code j.n.ConnectException: Connection refused}, {@code Request timeout to
 * host/127.0.0.1:8080 after 60000 ms}, {@code i.g.h.c.i.PrematureCloseException: Premature close}
 * or {@code status.find.in(200,...,304), found 503}.
 */
public final class ErrorClasses {
  public static final String CONNECTION_REFUSED = "connection-refused";
  public static final String UNKNOWN_HOST = "unknown-host";
  public static final String TIMEOUT = "timeout";
  public static final String CONNECTION_RESET = "connection-reset";
  public static final String TLS = "tls";
  public static final String HTTP_5XX = "http-5xx";
  public static final String HTTP_4XX = "http-4xx";
  public static final String CHECK_FAILED = "check-failed";
  public static final String OTHER = "other";

  /** Every class the default classifier gives. */
  public static final List<String> ALL =
      List.of(
          CONNECTION_REFUSED,
          UNKNOWN_HOST,
          TIMEOUT,
          CONNECTION_RESET,
          TLS,
          HTTP_5XX,
          HTTP_4XX,
          CHECK_FAILED,
          OTHER);

  private static final Pattern STATUS = Pattern.compile("^status\\..*found (\\d{3})\\s*$");

  private ErrorClasses() {}

  /** The class of one message; {@link #OTHER} when it is not recognised. */
  public static String classify(String message) {
    if (message == null || message.isEmpty()) {
      return OTHER;
    }
    Matcher status = STATUS.matcher(message);
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      return code >= 500 ? HTTP_5XX : code >= 400 ? HTTP_4XX : CHECK_FAILED;
    }
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("connection refused")) {
      return CONNECTION_REFUSED;
    }
    if (m.contains("unknownhostexception")
        || m.contains("unable to resolve host")
        || m.contains("name or service not known")
        || m.contains("failed to resolve")) {
      return UNKNOWN_HOST;
    }
    if (m.startsWith("request timeout")
        || m.contains("timeoutexception")
        || m.contains("timed out")) {
      return TIMEOUT;
    }
    if (m.contains("premature close")
        || m.contains("connection reset")
        || m.contains("broken pipe")
        || m.contains("closedchannelexception")
        || m.contains("connection closed")) {
      return CONNECTION_RESET;
    }
    if (m.contains("ssl") || m.contains("certificate") || m.contains("handshake")) {
      return TLS;
    }
    // Gatling's check failures: "jsonPath($.id).find.exists, found nothing", "regex(...)...".
    if (m.contains(".find") || m.contains("found nothing") || m.contains("but actually")) {
      return CHECK_FAILED;
    }
    return OTHER;
  }
}
