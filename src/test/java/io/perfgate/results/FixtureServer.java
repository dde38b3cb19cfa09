package io.perfgate.results;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The target of the fixture runs, on 127.0.0.1 and a free port: /fast answers at once, /slow after
 * 20 to 59 ms (scheduled, no thread sleeps), /tail after 5 to 14 ms but its first call and one in
 * 19 after that after 600 to 999 ms (a long tail: counted on /tail's own calls, and one in a prime
 * number, so that the four crawlers of the two concurrent fixture runs, taking turns, all get slow
 * ones), /flaky fails one call in four with 500, /fail always answers 500, anything else 404.
 */
final class FixtureServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong tailCalls = new AtomicLong();

  FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long n = calls.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/fast" -> respond(exchange, 200);
      case "/slow" ->
          delays.schedule(() -> respond(exchange, 200), 20 + n % 40, TimeUnit.MILLISECONDS);
      case "/tail" -> {
        long t = tailCalls.getAndIncrement();
        delays.schedule(
            () -> respond(exchange, 200),
            t % 19 == 0 ? 600 + n % 400 : 5 + n % 10,
            TimeUnit.MILLISECONDS);
      }
      case "/flaky" -> respond(exchange, n % 4 == 0 ? 500 : 200);
      case "/fail" -> respond(exchange, 500);
      default -> respond(exchange, 404);
    }
  }

  private static void respond(HttpExchange exchange, int status) {
    byte[] body = (status + "\n").getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(status, body.length);
      out.write(body);
    } catch (IOException e) {
      // the client went away: nothing to answer
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    delays.shutdownNow();
    workers.shutdownNow();
  }
}
