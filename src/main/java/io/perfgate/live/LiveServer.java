package io.perfgate.live;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The injector's live endpoint: the Prometheus exporter's HTTP server (the client's own {@code
 * /metrics} handler) with the live page at {@code /} and its data at {@code /live.json}, on
 * 127.0.0.1 unless the settings allow another interface. Two daemon threads answer requests and one
 * samples the injector once a second; none of them touches the load.
 */
public final class LiveServer implements AutoCloseable {
  static final String METRICS_PATH = "/metrics";
  static final String DATA_PATH = "/live.json";

  // The page may run inline scripts and styles and talk to this server only: nothing from the
  // internet, whatever a masked name or message contains.
  private static final String POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
          + " connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";

  private final HTTPServer server;
  private final ExecutorService http;
  private final ScheduledExecutorService ticker;
  private final URI uri;
  private final String startLine;

  private LiveServer(
      HTTPServer server,
      ExecutorService http,
      ScheduledExecutorService ticker,
      URI uri,
      String startLine) {
    this.server = server;
    this.http = http;
    this.ticker = ticker;
    this.uri = uri;
    this.startLine = startLine;
  }

  /**
   * Starts serving {@code recorder} as {@code settings} say.
   *
   * @throws LiveSettings.Invalid a non-loopback bind without {@code live.allowRemote}, or a port in
   *     use
   */
  public static LiveServer start(LiveSettings settings, LiveRecorder recorder) throws IOException {
    InetAddress address = settings.address();
    byte[] page =
        LivePage.render(recorder.view(Long.MAX_VALUE).run()).getBytes(StandardCharsets.UTF_8);
    ExecutorService http = Executors.newFixedThreadPool(2, daemons("perfgate-live-http"));
    HTTPServer server;
    try {
      server =
          HTTPServer.builder()
              .inetAddress(address)
              .port(settings.port())
              .registry(recorder.registry())
              .executorService(http)
              .defaultHandler(exchange -> serve(exchange, recorder, page))
              .buildAndStart();
    } catch (BindException e) {
      http.shutdownNow();
      throw new LiveSettings.Invalid(
          LiveSettings.KEY + ".port",
          "the live endpoint cannot listen on "
              + hostText(address)
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + ")",
          "a free port, or 0 to let perfgate pick one (the start-up line names it)");
    }
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(daemons("perfgate-live-sampler"));
    ticker.scheduleAtFixedRate(() -> tickQuietly(recorder), 0, 1, TimeUnit.SECONDS);
    URI uri = URI.create("http://" + hostText(address) + ":" + server.getPort() + "/");
    return new LiveServer(server, http, ticker, uri, startLine(address, settings, uri));
  }

  private static String startLine(InetAddress address, LiveSettings settings, URI uri) {
    String where =
        "live page " + uri + " \u00b7 Prometheus metrics " + uri.resolve(METRICS_PATH.substring(1));
    if (address.isLoopbackAddress()) {
      return where + " (this machine only)";
    }
    return where
        + " \u2014 open to other machines: "
        + LiveSettings.KEY
        + ".bind = "
        + settings.bind()
        + " with "
        + LiveSettings.KEY
        + ".allowRemote = true, so anyone who reaches this port can read the run's request"
        + " names, error messages and figures.";
  }

  private static String hostText(InetAddress address) {
    String host = address.getHostAddress();
    int zone = host.indexOf('%');
    if (zone >= 0) {
      host = host.substring(0, zone);
    }
    return address instanceof Inet6Address ? "[" + host + "]" : host;
  }

  /**
   * The page's address, e.g. http://127.0.0.1:41234/ ({@code /metrics} and {@code /live.json}
   * beside it).
   */
  public URI uri() {
    return uri;
  }

  public int port() {
    return server.getPort();
  }

  /** One line for the console at start: where to look, and whether other machines can. */
  public String startLine() {
    return startLine;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.close();
    http.shutdownNow();
  }

  private static void tickQuietly(LiveRecorder recorder) {
    try {
      recorder.tick();
    } catch (RuntimeException e) {
      // A failing sampler must not end the sampling: the next second tries again.
    }
  }

  private static void serve(HttpExchange exchange, LiveRecorder recorder, byte[] page)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", bytes("GET only\n"), false);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/") || path.equals("/index.html")) {
        send(exchange, 200, "text/html; charset=utf-8", page, head);
      } else if (path.equals(DATA_PATH)) {
        byte[] json = LiveJson.write(recorder.view(from(exchange.getRequestURI().getQuery())));
        send(exchange, 200, "application/json", json, head);
      } else {
        send(
            exchange,
            404,
            "text/plain; charset=utf-8",
            bytes("Not here: the live page is at /, its data at /live.json, metrics at /metrics\n"),
            head);
      }
    }
  }

  /** The {@code from} second of a query such as "from=120"; 0 when absent or not a number. */
  static long from(String query) {
    if (query == null) {
      return 0;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("from=")) {
        try {
          return Math.max(0, Long.parseLong(part.substring(5)));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private static void send(
      HttpExchange exchange, int status, String type, byte[] body, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
    if (head) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
