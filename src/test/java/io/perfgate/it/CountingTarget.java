package io.perfgate.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A target on 127.0.0.1 that answers every request with an empty 200 (or 503, {@link #failing}) and
 * counts them: tests that a run was refused assert it got none, tests that a run went ahead that it
 * got some, tests that a run stopped that it got nothing more.
 */
final class CountingTarget implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private CountingTarget(HttpServer server, int status) {
    this.server = server;
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** An HTTP target on a free port. */
  static CountingTarget http() throws IOException {
    return new CountingTarget(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), 200);
  }

  /** An HTTP target on a free port that answers every request with 503. */
  static CountingTarget failing() throws IOException {
    return new CountingTarget(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), 503);
  }

  /** An HTTPS target on a free port, with the certificate of {@code ssl}. */
  static CountingTarget https(SSLContext ssl) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    return new CountingTarget(server, 200);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** http://127.0.0.1:port (for an HTTP target). */
  String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Requests received so far. */
  int requests() {
    return requests.get();
  }

  void resetCount() {
    requests.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
