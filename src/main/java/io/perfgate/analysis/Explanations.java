package io.perfgate.analysis;

import io.perfgate.summary.ErrorCount;
import io.perfgate.summary.Explanation;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Second;
import io.perfgate.units.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the error messages Gatling 3.15.1 writes into simulation.log and says what they mean for
 * the target, in words an on-call engineer can act on. The messages are Gatling's and Netty's, for
 * example {@code j.n.ConnectException: finishConnect(..) failed with error(-111): Connection
 * refused}, {@code Request timeout to 127.0.0.1/127.0.0.1:4711 after 2000 ms}, {@code
 * i.g.h.c.i.PrematureCloseException: Premature close}, {@code status.find.in(200), found 503}.
 * Messages it does not recognise get no explanation; they stay in the error list as Gatling wrote
 * them.
 */
public final class Explanations {
  public static final String REFUSED = "connection-refused";
  public static final String UNKNOWN_HOST = "unknown-host";
  public static final String TIMEOUT = "request-timeout";
  public static final String CONNECT_TIMEOUT = "connect-timeout";
  public static final String CLOSED = "connection-closed";
  public static final String MALFORMED = "malformed-response";
  public static final String RATE_LIMITED = "rate-limited";
  public static final String SERVER_ERROR = "server-error";
  public static final String CLIENT_ERROR = "client-error";
  public static final String NOTHING_COMPLETED = "nothing-completed";
  public static final String ANSWER_TOO_LARGE = "answer-too-large";
  public static final String INJECTOR_FILES = "injector-files";
  public static final String INJECTOR_PORTS = "injector-ports";
  public static final String REDIRECT_LOOP = "redirect-loop";
  public static final String UNSUITED_ANSWER = "unsuited-answer";
  public static final String BROKEN_FRAMING = "broken-framing";
  public static final String BAD_ENCODING = "bad-encoding";
  public static final String TLS_UNTRUSTED = "tls-untrusted";
  public static final String TLS_NAME = "tls-name";
  public static final String TLS_PROTOCOL = "tls-protocol";
  public static final String TLS_HANDSHAKE = "tls-handshake";

  /** The class of a failed check on an answer that was otherwise fine (a 2xx or 3xx status). */
  public static final String CHECK_FAILED = "check-failed";

  /** The class of a message no cause explains. */
  public static final String OTHER = "other";

  /** Every cause, in the order explanations of equal count are listed. */
  public static final List<String> CAUSES =
      List.of(
          INJECTOR_FILES,
          INJECTOR_PORTS,
          TLS_UNTRUSTED,
          TLS_NAME,
          TLS_PROTOCOL,
          TLS_HANDSHAKE,
          REFUSED,
          UNKNOWN_HOST,
          CONNECT_TIMEOUT,
          TIMEOUT,
          CLOSED,
          MALFORMED,
          RATE_LIMITED,
          SERVER_ERROR,
          CLIENT_ERROR,
          REDIRECT_LOOP,
          UNSUITED_ANSWER,
          BROKEN_FRAMING,
          BAD_ENCODING,
          ANSWER_TOO_LARGE,
          NOTHING_COMPLETED);

  private static final Pattern ADDRESS =
      Pattern.compile("([A-Za-z0-9.-]+)/[0-9a-fA-F.:\\[\\]]+:(\\d{1,5})\\b");
  private static final Pattern TIMEOUT_MESSAGE =
      Pattern.compile("Request timeout to .* after (\\d+) ?ms", Pattern.CASE_INSENSITIVE);
  private static final Pattern STATUS = Pattern.compile("^status\\..*found (\\d{3})$");
  // Gatling's check failures: "jsonPath($.id).find.exists, found nothing", "regex(...)...".
  private static final Pattern CHECK =
      Pattern.compile("\\.find\\b|found nothing|but actually", Pattern.CASE_INSENSITIVE);

  /** perfgate's own message for an answer that is not the JSON its checks read (see Requests). */
  private static final Pattern NOT_JSON =
      Pattern.compile("the answer of (.+) is (.+), not JSON: it starts \"(.*)\" \\(([^)]+)\\)");

  /** Gatling's message when a JSONPath check cannot parse the body. */
  private static final Pattern JSON_PARSE =
      Pattern.compile("^jsonPath\\((.*)\\)\\..* preparation crashed: (.*)$");

  /**
   * The reason in an OpenSSL handshake error: "...:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION".
   */
  private static final Pattern OPENSSL_REASON = Pattern.compile(":([A-Z0-9_]+)$");

  /** perfgate's own message for an answer over target.maxResponseSize (see Requests). */
  private static final Pattern TOO_LARGE =
      Pattern.compile(
          "the answer of (.+) was larger than target\\.maxResponseSize \\(([^)]+)\\) once"
              + " decompressed: (.+?) arrived");

  private Explanations() {}

  /**
   * The explanations of a run's errors, most failed requests first.
   *
   * @param errors the run's error messages with their counts
   * @param target the base URL the load went to; its host:port names the target when a message does
   *     not
   * @param global the whole run's figures: how many requests completed, how many succeeded
   * @param seconds the run second by second, to tell when failures began
   */
  public static List<Explanation> explain(
      List<ErrorCount> errors, String target, Figures global, List<Second> seconds) {
    String targetAddress = address(target);
    if (global.count() == 0) {
      return List.of(
          new Explanation(
              NOTHING_COMPLETED,
              targetAddress,
              0,
              "no request to "
                  + targetAddress
                  + " completed during the run: nothing answered before the run ended. Is the"
                  + " target hanging? A request timeout (target.requestTimeout) shorter than the"
                  + " run turns such waits into counted failures."));
    }
    long ok = global.ok();
    Map<String, Builder> byCause = new LinkedHashMap<>();
    for (ErrorCount e : errors) {
      String cause = cause(e.message());
      if (cause == null) {
        continue;
      }
      String address = messageAddress(e.message()).orElse(targetAddress);
      byCause.computeIfAbsent(cause + " " + address, k -> new Builder(cause, address)).add(e);
    }
    long firstFailure = firstFailureSecond(seconds);
    List<Explanation> out = new ArrayList<>();
    for (Builder b : byCause.values()) {
      out.add(new Explanation(b.cause, b.address, b.count, b.text(ok, firstFailure)));
    }
    out.sort(
        Comparator.comparingLong(Explanation::count)
            .reversed()
            .thenComparing(x -> CAUSES.indexOf(x.cause())));
    return List.copyOf(out);
  }

  /**
   * The class of one error message, in the words of the causes: one of {@link #CAUSES} but {@link
   * #NOTHING_COMPLETED}, {@link #CHECK_FAILED} for a failed check on a 2xx or 3xx answer, or {@link
   * #OTHER}. A small, fixed set, so that live metrics can be labelled with it.
   */
  public static String errorClass(String message) {
    if (message == null || message.isEmpty()) {
      return OTHER;
    }
    String cause = cause(message);
    if (cause != null) {
      return cause;
    }
    return CHECK.matcher(message).find() ? CHECK_FAILED : OTHER;
  }

  /** The cause of one error message, or null when perfgate does not recognise it. */
  static String cause(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    Matcher status = STATUS.matcher(message);
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      if (code == 429) {
        return RATE_LIMITED;
      }
      if (code >= 500) {
        return SERVER_ERROR;
      }
      return code >= 400 ? CLIENT_ERROR : null;
    }
    if (TOO_LARGE.matcher(message).find()) {
      return ANSWER_TOO_LARGE;
    }
    if (NOT_JSON.matcher(message).find() || JSON_PARSE.matcher(message).find()) {
      return UNSUITED_ANSWER;
    }
    if (m.startsWith("too many redirects") || m.startsWith("redirect status, yet no location")) {
      return REDIRECT_LOOP;
    }
    String tls = tlsCause(m);
    if (tls != null) {
      return tls;
    }
    // The injector's own limits, before any word about the target: errno 24 (EMFILE), 99
    // (EADDRNOTAVAIL).
    if (m.contains("too many open files") || m.contains("error(-24)")) {
      return INJECTOR_FILES;
    }
    if (m.contains("cannot assign requested address") || m.contains("error(-99)")) {
      return INJECTOR_PORTS;
    }
    if (m.contains("connection refused")) {
      return REFUSED;
    }
    if (m.contains("unknownhostexception")
        || m.contains("unable to resolve host")
        || m.contains("name or service not known")
        || m.contains("failed to resolve")) {
      return UNKNOWN_HOST;
    }
    if (m.startsWith("request timeout")) {
      return TIMEOUT;
    }
    if (m.contains("connecttimeoutexception") || m.contains("connection timed out")) {
      return CONNECT_TIMEOUT;
    }
    if (m.contains("premature close")
        || m.contains("connection reset")
        || m.contains("broken pipe")
        || m.contains("closedchannelexception")) {
      return CLOSED;
    }
    if (m.contains("chunk size")
        || m.contains("invalid chunk")
        || m.contains("content-length")
        || m.contains("content length")) {
      return BROKEN_FRAMING;
    }
    if (m.contains("decompressionexception")
        || m.contains("not in the gzip format")
        || m.contains("incorrect header check")
        || m.contains("invalid block type")
        || m.contains("unsupported compression method")) {
      return BAD_ENCODING;
    }
    if (m.contains("invalid version format")
        || m.contains("decoderexception")
        || m.contains("toolongframeexception")
        || m.contains("toolonghttp")
        || m.contains("invalid http")) {
      return MALFORMED;
    }
    return null;
  }

  /** The TLS handshake failures, by what went wrong; null for any other message. */
  static String tlsCause(String m) {
    if (m.contains("unable to find valid certification path")
        || m.contains("pkix path")
        || m.contains("certificate_unknown")
        || m.contains("unknown_ca")
        || m.contains("self signed")
        || m.contains("self-signed")
        || m.contains("certificate verify failed")) {
      return TLS_UNTRUSTED;
    }
    if (m.contains("no subject alternative")
        || m.contains("no name matching")
        || m.contains("hostname verification")) {
      return TLS_NAME;
    }
    if (m.contains("protocol_version")
        || m.contains("no appropriate protocol")
        || m.contains("unsupported_protocol")
        || m.contains("wrong_version_number")) {
      return TLS_PROTOCOL;
    }
    if (m.contains("handshake_failure")
        || m.contains("no cipher suites in common")
        || m.contains("no_shared_cipher")
        || m.contains("sslhandshakeexception")
        || m.contains("opensslhandshakeexception")) {
      return TLS_HANDSHAKE;
    }
    return null;
  }

  /** host:port of a base URL; "the target" when it is not a URL (a merge of several logs). */
  static String address(String target) {
    try {
      URI uri = URI.create(target.strip());
      if (uri.getHost() == null) {
        return "the target";
      }
      int port = uri.getPort();
      if (port < 0) {
        port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      }
      return uri.getHost() + ":" + port;
    } catch (IllegalArgumentException e) {
      return "the target";
    }
  }

  /** host:port when the message names it, as in "Request timeout to host/127.0.0.1:4711". */
  static java.util.Optional<String> messageAddress(String message) {
    Matcher m = ADDRESS.matcher(message);
    if (!m.find()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(m.group(1) + ":" + m.group(2));
  }

  private static long firstFailureSecond(List<Second> seconds) {
    return seconds.stream()
        .filter(s -> s.figures().ko() > 0)
        .mapToLong(Second::offsetSeconds)
        .min()
        .orElse(-1);
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  private static String host(String address) {
    int colon = address.lastIndexOf(':');
    return colon > 0 ? address.substring(0, colon) : address;
  }

  /** Adds up the messages of one cause and target, then words them. */
  private static final class Builder {
    final String cause;
    final String address;
    long count;
    final TreeSet<Integer> statuses = new TreeSet<>();
    final List<String> messages = new ArrayList<>();
    long timeoutMillis = -1;
    final TreeSet<String> requests = new TreeSet<>();
    String limit = "";
    final List<String> sizes = new ArrayList<>();
    String answer = "";
    String parseError = "";

    Builder(String cause, String address) {
      this.cause = cause;
      this.address = address;
    }

    void add(ErrorCount e) {
      count += e.count();
      messages.add(e.message());
      Matcher status = STATUS.matcher(e.message());
      if (status.find()) {
        statuses.add(Integer.parseInt(status.group(1)));
      }
      Matcher notJson = NOT_JSON.matcher(e.message());
      if (notJson.find()) {
        requests.add(notJson.group(1));
        answer =
            notJson.group(2)
                + ": it starts \""
                + notJson.group(3)
                + "\" ("
                + notJson.group(4)
                + ")";
      }
      Matcher parse = JSON_PARSE.matcher(e.message());
      if (parse.find() && answer.isEmpty()) {
        parseError = parse.group(2);
      }
      Matcher large = TOO_LARGE.matcher(e.message());
      if (large.find()) {
        requests.add(large.group(1));
        limit = large.group(2);
        sizes.add(large.group(3));
      }
      Matcher timeout = TIMEOUT_MESSAGE.matcher(e.message());
      if (timeout.find() && timeoutMillis < 0) {
        timeoutMillis = Long.parseLong(timeout.group(1));
      }
    }

    String text(long ok, long firstFailure) {
      String failed = count + (count == 1 ? " request" : " requests");
      boolean stoppedLater = ok > 0 && firstFailure > 0;
      String afterOk =
          stoppedLater
              ? " since "
                  + clock(firstFailure)
                  + " into the run, after "
                  + ok
                  + (ok == 1 ? " request" : " requests")
                  + " had succeeded"
              : "";
      return switch (cause) {
        case REFUSED ->
            stoppedLater
                ? "connection refused on "
                    + address
                    + afterOk
                    + ": the target stopped or restarted during the run ("
                    + failed
                    + " failed)."
                : "connection refused on "
                    + address
                    + ": is the target running? Nothing listens on that port ("
                    + failed
                    + " failed).";
        case UNKNOWN_HOST ->
            "the host name "
                + host(address)
                + " cannot be resolved: check target.baseUrl for a typo and this machine's DNS ("
                + failed
                + " failed).";
        case TIMEOUT ->
            "no answer from "
                + address
                + " within the request timeout"
                + (timeoutMillis >= 0
                    ? " (" + Durations.format(Duration.ofMillis(timeoutMillis)) + ")"
                    : "")
                + ": the target accepts connections but does not respond, or answers too slowly"
                + " to finish in time ("
                + failed
                + " failed).";
        case CONNECT_TIMEOUT ->
            "could not connect to "
                + address
                + " in time: the host does not answer (down, or a firewall drops the packets) ("
                + failed
                + " failed).";
        case CLOSED ->
            address
                + " closed or reset connections before a complete answer"
                + afterOk
                + ": the target crashes or restarts, or a proxy or load balancer drops connections ("
                + failed
                + " failed).";
        case MALFORMED ->
            address
                + " answers with bytes that are not valid HTTP (\""
                + shortest(messages)
                + "\"): is an HTTP service listening on that port (not TLS, not another protocol)? ("
                + failed
                + " failed).";
        case RATE_LIMITED ->
            address
                + " rate-limits perfgate (HTTP 429 Too Many Requests): lower the load or raise the"
                + " target's limit for this client ("
                + failed
                + " failed).";
        case SERVER_ERROR ->
            address
                + " answered with server errors (HTTP "
                + join(statuses)
                + ")"
                + afterOk
                + ": the target is failing under this load; read its logs at the times of the"
                + " failures ("
                + failed
                + " failed).";
        case CLIENT_ERROR ->
            address
                + " refused the requests (HTTP "
                + join(statuses)
                + "): check the request paths, the credentials in target.headers and the"
                + " request bodies ("
                + failed
                + " failed).";
        case REDIRECT_LOOP ->
            messages.stream()
                    .anyMatch(x -> x.toLowerCase(Locale.ROOT).startsWith("redirect status"))
                ? address
                    + " answered with redirects without a Location header: perfgate cannot follow"
                    + " them; the service or a proxy in front of it is misconfigured ("
                    + failed
                    + " failed)."
                : address
                    + " redirects in a loop: requests were redirected again and again without"
                    + " reaching an answer (\""
                    + shortest(messages)
                    + "\"; Gatling reports each hop as \"<request> Redirect <n>\"). Check"
                    + " target.baseUrl (http or https, the host name, a trailing slash) and whether"
                    + " the service sends perfgate to a sign-in page ("
                    + failed
                    + " failed).";
        case UNSUITED_ANSWER ->
            !answer.isEmpty()
                ? address
                    + " answered "
                    + String.join(", ", requests)
                    + " with "
                    + answer
                    + ", not the JSON its checks read: a sign-in or error page, a proxy's page,"
                    + " or the wrong path? Check target.baseUrl, the endpoint's path and the"
                    + " credentials in target.headers ("
                    + failed
                    + " failed)."
                : "the answers of "
                    + address
                    + " are not valid JSON, so JSONPath checks cannot read them (\""
                    + parseError
                    + "\"): cut short (a Content-Length shorter than the body) or malformed ("
                    + failed
                    + " failed).";
        case BROKEN_FRAMING ->
            address
                + " sent answers whose framing is broken (\""
                + shortest(messages)
                + "\"): their chunked encoding or Content-Length does not match the body sent. The"
                + " service's HTTP layer, or a proxy in front of it, mangles its answers ("
                + failed
                + " failed).";
        case BAD_ENCODING ->
            address
                + " sent bodies that are not in the encoding they declare (\""
                + shortest(messages)
                + "\"): a Content-Encoding (gzip, deflate, br) on a body that is not compressed that"
                + " way, as from a proxy that decompresses or compresses twice ("
                + failed
                + " failed).";
        case TLS_UNTRUSTED ->
            address
                + "'s TLS certificate is not trusted (\""
                + shortest(messages)
                + "\"): perfgate verifies it against the JDK's authorities. For a service whose"
                + " certificate comes from your own authority, give a trust store holding it:"
                + " -Dtarget.tls.trustStore=<file.p12>, with its password in"
                + " PERFGATE_TRUSTSTORE_PASSWORD ("
                + failed
                + " failed).";
        case TLS_NAME ->
            address
                + "'s TLS certificate is issued to another name (\""
                + shortest(messages)
                + "\"): reach the service by a name its certificate carries (target.baseUrl), or"
                + " have a certificate issued for this one ("
                + failed
                + " failed).";
        case TLS_PROTOCOL ->
            address
                + " and perfgate could not agree on a TLS version ("
                + opensslReason(shortest(messages))
                + "): the service speaks a version that gatling.ssl.enabledProtocols does not"
                + " allow, or the other way round; align them ("
                + failed
                + " failed).";
        case TLS_HANDSHAKE ->
            address
                + " and perfgate could not complete a TLS handshake ("
                + opensslReason(shortest(messages))
                + "): no cipher suite in common (the service's and gatling.ssl.enabledCipherSuites),"
                + " or the service wants a client certificate ("
                + failed
                + " failed).";
        case INJECTOR_FILES ->
            "the injector (this machine, not the target) ran out of file descriptors: it could not"
                + " open connections to "
                + address
                + " (Too many open files). Every active user holds one: raise the open-file limit"
                + " (ulimit -n) of the shell that starts Maven, or run fewer users per injector"
                + " (shard the test with -Dinjector.count) ("
                + failed
                + " failed).";
        case INJECTOR_PORTS ->
            "the injector (this machine, not the target) ran out of local ports for connections to "
                + address
                + " (Cannot assign requested address): every connection takes one, and a closed one"
                + " keeps it for a minute. Widen net.ipv4.ip_local_port_range, or run fewer new users"
                + " a second per injector (shard the test with -Dinjector.count) ("
                + failed
                + " failed).";
        case ANSWER_TOO_LARGE ->
            "answers of "
                + String.join(", ", requests)
                + " from "
                + address
                + " were larger than target.maxResponseSize ("
                + limit
                + ") once decompressed ("
                + String.join(", ", new TreeSet<>(sizes))
                + "): perfgate's checks did not read them, so that the injector's heap holds. If"
                + " the service really answers that much, raise target.maxResponseSize (the heap"
                + " must hold three times that for every active user); if not, it answers far"
                + " more than it should (a runaway query, a missing page size, compressed"
                + " filler) ("
                + failed
                + " failed).";
        default -> throw new IllegalStateException("unknown cause " + cause);
      };
    }

    /** The reason of an OpenSSL error ("TLSV1_ALERT_PROTOCOL_VERSION"), or the whole message. */
    private static String opensslReason(String message) {
      Matcher m = OPENSSL_REASON.matcher(message.strip());
      return m.find() ? m.group(1) : "\"" + message + "\"";
    }

    private static String join(TreeSet<Integer> codes) {
      List<String> parts = new ArrayList<>();
      codes.forEach(c -> parts.add(Integer.toString(c)));
      return String.join(", ", parts);
    }

    private static String shortest(List<String> messages) {
      return messages.stream().min(Comparator.comparingInt(String::length)).orElse("");
    }
  }
}
