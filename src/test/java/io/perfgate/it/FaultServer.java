package io.perfgate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A hostile HTTP target on 127.0.0.1 for one test: a raw server socket on a free port whose every
 * connection misbehaves the way its {@link Mode} says. It lives until {@link #close()}, which
 * closes the listener and every connection and waits (bounded) for its threads.
 */
final class FaultServer implements AutoCloseable {
  /** How the target answers each request. */
  enum Mode {
    /** A small 200 answer, the way a healthy service answers. */
    HEALTHY,
    /** Accepts connections, reads requests, never answers. */
    SILENT,
    /** Starts a 200 answer and sends it one byte at a time, 100 ms apart. */
    DRIP,
    /** Reads the request, then resets the connection (RST). */
    RESET,
    /** Sends the headers and the first bytes of a longer body, then closes the connection. */
    CLOSE_MID_RESPONSE,
    /** Answers with bytes that are not HTTP. */
    MALFORMED,
    /** Answers 503 to everything. */
    SERVER_ERROR,
    /** Answers 429 with Retry-After: 5 to everything. */
    RATE_LIMITED,
    /**
     * Answers a small gzip body (see {@link #gzipBomb}) that decompresses to far more: zeros, sent
     * as application/json. Before that, the first requests get {"status":"ok"}.
     */
    GZIP_BOMB,
    /** Redirects every request to itself (302, Location: the same path): a redirect loop. */
    REDIRECT_LOOP,
    /** Answers 200 with an HTML sign-in page, where the checks expect JSON. */
    HTML_PAGE,
    /** Answers with chunked framing whose chunk size is not a hexadecimal number. */
    BAD_CHUNKS,
    /** Answers with Content-Encoding: gzip and a body that is not gzip. */
    BAD_GZIP,
    /**
     * Declares a Content-Length shorter than the JSON body it sends, on a kept-alive connection.
     */
    SHORT_LENGTH,
  }

  static final int RETRY_AFTER_SECONDS = 5;
  private static final long DRIP_INTERVAL_MS = 100;

  private final Mode mode;
  private final int stopAfter;
  private final byte[] bomb;
  private final int healthyFirst;
  private final ServerSocket listener;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ThreadGroup threads = new ThreadGroup("fault-server");
  private final Thread acceptor;

  private FaultServer(Mode mode, int stopAfter) throws IOException {
    this(mode, stopAfter, new byte[0], 0);
  }

  private FaultServer(Mode mode, int stopAfter, byte[] bomb, int healthyFirst) throws IOException {
    this(mode, stopAfter, bomb, healthyFirst, new ServerSocket());
  }

  private FaultServer(
      Mode mode, int stopAfter, byte[] bomb, int healthyFirst, ServerSocket listener)
      throws IOException {
    this.mode = mode;
    this.stopAfter = stopAfter;
    this.bomb = bomb;
    this.healthyFirst = healthyFirst;
    this.listener = listener;
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    acceptor = new Thread(threads, this::accept, "fault-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A target that misbehaves in {@code mode} from the first request. */
  static FaultServer start(Mode mode) throws IOException {
    return new FaultServer(mode, Integer.MAX_VALUE);
  }

  /**
   * A target that answers {@code requests} requests normally, then stops: its listener and every
   * open connection close, so later requests find nothing listening.
   */
  static FaultServer stoppingAfter(int requests) throws IOException {
    return new FaultServer(Mode.HEALTHY, requests);
  }

  /**
   * A target whose answers are small on the wire and huge once decompressed: after {@code
   * healthyFirst} good JSON answers, every answer is gzip of {@code decompressed} zero bytes (about
   * a thousandth of that on the wire).
   */
  static FaultServer gzipBomb(long decompressed, int healthyFirst) throws IOException {
    java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gzip, 1 << 16)) {
      byte[] zeros = new byte[1 << 20];
      for (long left = decompressed; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    }
    return new FaultServer(Mode.GZIP_BOMB, Integer.MAX_VALUE, gzip.toByteArray(), healthyFirst);
  }

  /**
   * A healthy https target with the certificate of {@code ssl}, speaking only {@code protocols}
   * with only {@code ciphers} (empty: the JDK's defaults). A handshake that fails ends the
   * connection before any request is read.
   */
  static FaultServer tls(SSLContext ssl, List<String> protocols, List<String> ciphers)
      throws IOException {
    SSLServerSocket socket = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket();
    if (!protocols.isEmpty()) {
      socket.setEnabledProtocols(protocols.toArray(String[]::new));
    }
    if (!ciphers.isEmpty()) {
      socket.setEnabledCipherSuites(ciphers.toArray(String[]::new));
    }
    return new FaultServer(Mode.HEALTHY, Integer.MAX_VALUE, new byte[0], 0, socket);
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Requests read so far (a request the target then ignores or breaks counts too). */
  int requests() {
    return requests.get();
  }

  /** Whether the target has stopped (see {@link #stoppingAfter}) within {@code millis}. */
  boolean awaitStopped(long millis) throws InterruptedException {
    return stopped.await(millis, TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        return;
      }
      connections.add(s);
      Thread t = new Thread(threads, () -> serve(s), "fault-server-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (readRequestHead(in)) {
        int n = requests.incrementAndGet();
        if (mode == Mode.GZIP_BOMB) {
          bomb(out, n);
          continue;
        }
        if (n > stopAfter) {
          stop();
          return;
        }
        if (!answer(s, out)) {
          return;
        }
        if (n == stopAfter) {
          stop();
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the server closed: this connection is done
    } finally {
      connections.remove(s);
    }
  }

  /** Answers one request; false when the connection must end. */
  private boolean answer(Socket s, OutputStream out) throws IOException, InterruptedException {
    switch (mode) {
      case HEALTHY -> {
        out.write(response("200 OK", "", "ok"));
        out.flush();
        return true;
      }
      case SILENT -> {
        closed.await();
        return false;
      }
      case DRIP -> {
        byte[] answer = response("200 OK", "", "x".repeat(200));
        for (byte b : answer) {
          out.write(b);
          out.flush();
          if (closed.await(DRIP_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
            return false;
          }
        }
        return true;
      }
      case RESET -> {
        s.setSoLinger(true, 0);
        return false;
      }
      case CLOSE_MID_RESPONSE -> {
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                    + "only the first bytes")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return false;
      }
      case MALFORMED -> {
        out.write(
            "SPLAT 42 what\r\n\u0001\u0002 not http at all\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return false;
      }
      case SERVER_ERROR -> {
        out.write(response("503 Service Unavailable", "", "unavailable"));
        out.flush();
        return true;
      }
      case GZIP_BOMB -> throw new IllegalStateException("answered in serve()");
      case REDIRECT_LOOP -> {
        out.write(
            ("HTTP/1.1 302 Found\r\nLocation: /\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case HTML_PAGE -> {
        String page =
            "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form"
                + " action=\"/login\"><input name=\"user\"></form></body></html>";
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                    + page.length()
                    + "\r\n\r\n"
                    + page)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case BAD_CHUNKS -> {
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "ZZ\r\nnot a chunk size\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return false;
      }
      case BAD_GZIP -> {
        String body = "this body is not gzip at all";
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case SHORT_LENGTH -> {
        // The JSON's first 9 bytes make the declared answer; the rest follows it on the wire.
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n"
                    + "{\"status\":\"ok\"}")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case RATE_LIMITED -> {
        out.write(
            response(
                "429 Too Many Requests",
                "Retry-After: " + RETRY_AFTER_SECONDS + "\r\n",
                "slow down"));
        out.flush();
        return true;
      }
    }
    throw new IllegalStateException("unknown mode " + mode);
  }

  private void bomb(OutputStream out, int n) throws IOException {
    if (n <= healthyFirst) {
      byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + ok.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(ok);
    } else {
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                  + "Content-Length: "
                  + bomb.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bomb);
    }
    out.flush();
  }

  private static byte[] response(String status, String headers, String body) {
    return ("HTTP/1.1 "
            + status
            + "\r\nContent-Type: text/plain\r\nContent-Length: "
            + body.length()
            + "\r\n"
            + headers
            + "\r\n"
            + body)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads one request's head (GET, no body); false at the end of the stream. */
  private static boolean readRequestHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0; // matched bytes of \r\n\r\n
    while (true) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      if (head.size() > 64 * 1024) {
        throw new IOException("request head too long");
      }
      state =
          switch (state) {
            case 0, 2 -> b == '\r' ? state + 1 : 0;
            case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
            case 3 -> b == '\n' ? 4 : (b == '\r' ? 1 : 0);
            default -> 0;
          };
      if (state == 4) {
        return true;
      }
    }
  }

  /** Stops listening and drops every connection: later connections are refused. */
  void stop() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    stopped.countDown();
  }

  @Override
  public void close() throws InterruptedException {
    closed.countDown();
    stop();
    acceptor.join(5_000);
  }
}
