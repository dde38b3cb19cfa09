package io.perfgate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded "regression tracker" HTTP service for load tests to run against when no target URL is
 * given: CI jobs with stored test results, and an endpoint that clusters a job's failures by error
 * message, behind a TTL cache.
 *
 * <p>Endpoints (all JSON): {@code GET /health}, {@code GET /api/v1/jobs}, {@code GET
 * /api/v1/jobs/{release}/{module}/{jobId}}, {@code GET
 * /api/v1/jobs/{release}/{module}/{jobId}/failures/clustered} and {@code POST
 * /api/v1/jobs/{release}/{module}/{jobId}/results}. The seeded jobs are described on {@link
 * DataSize}.
 */
public final class DemoService implements AutoCloseable {

  /** Enough handler threads for hundreds of concurrent requests that sit in injected latency. */
  static final int HANDLER_THREADS = 256;

  private static final int ACCEPT_BACKLOG = 1_024;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK and add ~40 ms to every keep-alive response, which would swamp what a load
    // test measures. The property is read once, when the first HttpServer is created in the JVM.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor handlers;
  private final JobStore store;
  private final Router router;
  private final String baseUrl;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private DemoService(DemoOptions options, JobStore store, HttpServer server) {
    this.store = store;
    this.server = server;
    // Unbounded queue: the JDK server handles a rejected exchange differently across versions
    // (some leak the connection), so overload shows up as queueing latency instead.
    this.handlers =
        new ThreadPoolExecutor(
            HANDLER_THREADS,
            HANDLER_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("perfgate-demo-"));
    handlers.allowCoreThreadTimeOut(true);
    this.router =
        new Router(
            store,
            new ResultCache<>(options.cacheTtl()),
            options.faults(),
            new ObjectMapper(),
            closed::get);
    server.createContext("/", router);
    server.setExecutor(handlers);
    this.port = server.getAddress().getPort();
    String host = options.host();
    this.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Seeds a fresh in-memory database, binds the server and returns once it accepts requests.
   *
   * @throws UncheckedIOException when the address cannot be bound, e.g. the port is in use
   * @throws IllegalArgumentException when the host name cannot be resolved
   * @throws IllegalStateException when the database cannot be created or seeded
   */
  public static DemoService start(DemoOptions options) {
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve host '" + options.host() + "'");
    }
    JobStore store;
    try {
      store = JobStore.createSeeded(options.dataSize());
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the demo database: " + e.getMessage(), e);
    }
    HttpServer server;
    try {
      server = HttpServer.create(address, ACCEPT_BACKLOG);
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    DemoService service = new DemoService(options, store, server);
    try {
      server.start();
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** The URL to send requests to, e.g. {@code http://127.0.0.1:43121}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The bound port: the chosen one when the options asked for port 0. */
  public int port() {
    return port;
  }

  /** Requests received so far, whatever their answer, injected faults included. */
  public long requestCount() {
    return router.requestCount();
  }

  /** Stops serving at once, abandoning requests in progress, and drops the database. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop(0);
      handlers.shutdownNow();
      try {
        handlers.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      store.close();
      stopped.countDown();
    }
  }

  /** The database behind the service, for tests that need to break it. */
  JobStore store() {
    return store;
  }

  /** Blocks until {@link #close()} has run, e.g. from a shutdown hook. */
  void awaitClose() throws InterruptedException {
    stopped.await();
  }

  /**
   * Runs the service until the JVM is stopped. Options: {@code --port N} (default 8080), {@code
   * --host H}, {@code --latency 300ms}, {@code --error-rate 0.05}, {@code --cache-ttl 30s}, {@code
   * --data-size tiny|standard}.
   */
  public static void main(String[] args) {
    if (CommandLine.wantsHelp(args)) {
      System.out.println(CommandLine.USAGE);
      return;
    }
    DemoOptions options;
    try {
      options = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("perfgate demo: " + e.getMessage());
      System.err.println(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    DemoService service;
    try {
      service = start(options);
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("perfgate demo: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "perfgate-demo-shutdown"));
    System.out.println(
        "perfgate demo service listening on " + service.baseUrl() + "; Ctrl-C stops it");
    try {
      service.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    return task -> {
      Thread t = new Thread(task, prefix + next.getAndIncrement());
      // Daemon, so a load test that forgets close() still lets its JVM exit.
      t.setDaemon(true);
      return t;
    };
  }
}
