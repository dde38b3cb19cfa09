package io.perfgate.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A target on 127.0.0.1 that answers in a few milliseconds, except between {@code slowFrom} and
 * {@code slowTo} milliseconds after its first request, when each answer takes {@code slowMillis}.
 */
final class SlowWindowTarget implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(64);
  private volatile long first;

  SlowWindowTarget(long slowFrom, long slowTo, long slowMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext(
        "/",
        exchange -> {
          long now = System.currentTimeMillis();
          synchronized (this) {
            if (first == 0) {
              first = now;
            }
          }
          long t = now - first;
          if (t >= slowFrom && t < slowTo) {
            try {
              Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
