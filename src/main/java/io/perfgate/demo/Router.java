package io.perfgate.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the faults, dispatches each request to its endpoint and writes the JSON answer. */
final class Router implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  static final int MAX_JOBS_LIMIT = 200;
  static final int MAX_CLUSTERS_LIMIT = 100;
  static final int MAX_IMPORT_RESULTS = 50_000;
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final JobStore store;
  private final ResultCache<CachedPage> cache;
  private final DemoFaults faults;
  private final long startedAt = System.nanoTime();
  private final java.util.concurrent.atomic.AtomicInteger inProgress =
      new java.util.concurrent.atomic.AtomicInteger();
  // The leak fault's memory: kept until the service is garbage, never read.
  private final Queue<ByteBuffer> leaked = new ConcurrentLinkedQueue<>();
  private final ObjectMapper mapper;
  private final AtomicLong requests = new AtomicLong();
  private final BooleanSupplier closing;

  record ErrorBody(String error) {}

  record Imported(String jobId, int imported) {}

  record ClusterPage(
      String jobId,
      int totalFailures,
      List<FailureClusterer.Cluster> clusters,
      int total,
      int limit,
      int skip) {
    ClusterPage {
      clusters = List.copyOf(clusters);
    }
  }

  /** A cached page remembers its job's release and module so a hit can still answer 404. */
  record CachedPage(String release, String module, ClusterPage page) {}

  private record Response(int status, Object body, Map<String, String> headers) {
    static Response ok(Object body) {
      return new Response(200, body, Map.of());
    }

    static Response error(int status, String message) {
      return new Response(status, new ErrorBody(message), Map.of());
    }
  }

  Router(
      JobStore store,
      ResultCache<CachedPage> cache,
      DemoFaults faults,
      ObjectMapper mapper,
      BooleanSupplier closing) {
    this.store = store;
    this.cache = cache;
    this.faults = faults;
    this.mapper = mapper;
    this.closing = closing;
  }

  /**
   * Keeps {@code bytes} for good, off the heap, and touches every page of it so the operating
   * system really gives it to the process: resident memory then grows by exactly the leak.
   */
  private void leak(long bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect((int) bytes);
    for (int i = 0; i < b.capacity(); i += 4096) {
      b.put(i, (byte) 1);
    }
    b.put(b.capacity() - 1, (byte) 1);
    leaked.add(b);
  }

  long requestCount() {
    return requests.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    requests.incrementAndGet();
    try (exchange) {
      Response response;
      try {
        response = respond(exchange);
      } catch (InterruptedException e) {
        // Only close() interrupts handler threads; the client is about to lose the connection.
        Thread.currentThread().interrupt();
        return;
      }
      send(exchange, response);
    } catch (IOException e) {
      // The client went away mid-answer; that is the client's business, not a server error.
      LOG.debug(
          "could not answer {} {}: {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e.toString());
    }
  }

  private Response respond(HttpExchange exchange) throws InterruptedException {
    int inProgress = this.inProgress.incrementAndGet();
    try {
      if (faults.capacity() > 0 && inProgress > faults.capacity()) {
        TimeUnit.NANOSECONDS.sleep(faults.overload().toNanos());
      }
      return respondFaulty(exchange);
    } finally {
      this.inProgress.decrementAndGet();
    }
  }

  private Response respondFaulty(HttpExchange exchange) throws InterruptedException {
    if (faults.leakBytes() > 0) {
      leak(faults.leakBytes());
    }
    boolean faulty = System.nanoTime() - startedAt >= faults.after().toNanos();
    if (faulty && !faults.latency().isZero()) {
      TimeUnit.NANOSECONDS.sleep(faults.latency().toNanos());
    }
    if (faulty
        && faults.errorRate() > 0
        && ThreadLocalRandom.current().nextDouble() < faults.errorRate()) {
      return Response.error(500, "injected fault");
    }
    try {
      return route(exchange);
    } catch (ApiException e) {
      return new Response(e.status(), new ErrorBody(e.getMessage()), e.headers());
    } catch (SQLException | RuntimeException e) {
      if (closing.getAsBoolean()) {
        LOG.debug("request failed while the demo service was closing: {}", e.toString());
      } else {
        LOG.error(
            "demo service failed on {} {}",
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            e);
      }
      return Response.error(500, "internal server error");
    }
  }

  private Response route(HttpExchange exchange) throws SQLException {
    String method = exchange.getRequestMethod();
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    if (path.size() == 1 && path.get(0).equals("health")) {
      requireMethod(method, "GET");
      return Response.ok(Map.of("status", "ok"));
    }
    if (path.size() >= 3
        && path.get(0).equals("api")
        && path.get(1).equals("v1")
        && path.get(2).equals("jobs")) {
      if (path.size() == 3) {
        requireMethod(method, "GET");
        return listJobs(query(exchange));
      }
      if (path.size() == 6) {
        requireMethod(method, "GET");
        return jobDetail(path.get(3), path.get(4), path.get(5));
      }
      if (path.size() == 7 && path.get(6).equals("results")) {
        requireMethod(method, "POST");
        return importResults(path.get(3), path.get(4), path.get(5), exchange);
      }
      if (path.size() == 8 && path.get(6).equals("failures") && path.get(7).equals("clustered")) {
        requireMethod(method, "GET");
        return clusteredFailures(path.get(3), path.get(4), path.get(5), query(exchange));
      }
    }
    return Response.error(404, "no endpoint at " + exchange.getRequestURI().getRawPath());
  }

  private Response listJobs(Map<String, String> query) throws SQLException {
    int limit = intParam(query, "limit", 20, 1, MAX_JOBS_LIMIT);
    int skip = intParam(query, "skip", 0, 0, Integer.MAX_VALUE);
    return Response.ok(
        store.listJobs(
            blankToNull(query.get("release")), blankToNull(query.get("module")), limit, skip));
  }

  private Response jobDetail(String release, String module, String jobId) throws SQLException {
    return Response.ok(
        store
            .findJob(release, module, jobId)
            .orElseThrow(() -> jobNotFound(release, module, jobId)));
  }

  private Response clusteredFailures(
      String release, String module, String jobId, Map<String, String> query) throws SQLException {
    int limit = intParam(query, "limit", 10, 1, MAX_CLUSTERS_LIMIT);
    int skip = intParam(query, "skip", 0, 0, Integer.MAX_VALUE);
    int minSize = intParam(query, "min_cluster_size", 1, 1, Integer.MAX_VALUE);
    ResultCache.Key key = new ResultCache.Key(jobId, limit, skip, minSize);

    long start = System.nanoTime();
    CachedPage hit = cache.get(key);
    if (hit != null) {
      long lookupNanos = System.nanoTime() - start;
      if (!hit.release().equals(release) || !hit.module().equals(module)) {
        throw jobNotFound(release, module, jobId);
      }
      return new Response(200, hit.page(), timingHeaders("HIT", lookupNanos));
    }

    long generation = cache.generation(jobId);
    start = System.nanoTime();
    List<FailureClusterer.Failure> failures =
        store
            .failures(release, module, jobId)
            .orElseThrow(() -> jobNotFound(release, module, jobId));
    List<FailureClusterer.Cluster> all = FailureClusterer.cluster(failures);
    List<FailureClusterer.Cluster> kept = all.stream().filter(c -> c.count() >= minSize).toList();
    List<FailureClusterer.Cluster> page =
        kept.subList(Math.min(skip, kept.size()), (int) Math.min((long) skip + limit, kept.size()));
    ClusterPage answer = new ClusterPage(jobId, failures.size(), page, kept.size(), limit, skip);
    long computeNanos = System.nanoTime() - start;

    cache.put(key, new CachedPage(release, module, answer), generation);
    return new Response(200, answer, timingHeaders("MISS", computeNanos));
  }

  private Response importResults(String release, String module, String jobId, HttpExchange exchange)
      throws SQLException {
    requireName("release", release);
    requireName("module", module);
    requireName("job id", jobId);
    List<JobStore.NewResult> results = parseResults(readBody(exchange));
    int imported = store.importResults(release, module, jobId, results);
    cache.invalidateJob(jobId);
    return new Response(201, new Imported(jobId, imported), Map.of());
  }

  private List<JobStore.NewResult> parseResults(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "malformed JSON body at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable JSON body: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest(
          "request body must be a JSON object like {\"results\":[{\"testName\":\"t\","
              + "\"status\":\"failed\",\"errorMessage\":\"boom\",\"durationMs\":12}]}");
    }
    JsonNode array = root.get("results");
    if (array == null || !array.isArray()) {
      throw ApiException.badRequest("field 'results' must be an array of test results");
    }
    if (array.isEmpty()) {
      throw ApiException.badRequest("field 'results' must contain at least one test result");
    }
    if (array.size() > MAX_IMPORT_RESULTS) {
      throw ApiException.badRequest(
          "at most " + MAX_IMPORT_RESULTS + " results per request, got " + array.size());
    }
    List<JobStore.NewResult> results = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      results.add(parseResult(array.get(i), "results[" + i + "]"));
    }
    return results;
  }

  private static JobStore.NewResult parseResult(JsonNode node, String where) {
    if (!node.isObject()) {
      throw ApiException.badRequest(where + " must be a JSON object");
    }
    JsonNode testName = node.get("testName");
    if (testName == null || !testName.isTextual() || testName.asText().isBlank()) {
      throw ApiException.badRequest(where + ".testName must be a non-empty string");
    }
    JsonNode status = node.get("status");
    if (status == null || !status.isTextual() || !JobStore.STATUSES.contains(status.asText())) {
      throw ApiException.badRequest(
          where
              + ".status must be one of "
              + String.join(", ", JobStore.STATUSES)
              + ", got "
              + (status == null ? "nothing" : status.toString()));
    }
    JsonNode message = node.get("errorMessage");
    if (message != null && !message.isNull() && !message.isTextual()) {
      throw ApiException.badRequest(where + ".errorMessage must be a string or null");
    }
    JsonNode duration = node.get("durationMs");
    int durationMs = 0;
    if (duration != null && !duration.isNull()) {
      if (!duration.canConvertToInt() || !duration.isIntegralNumber() || duration.asInt() < 0) {
        throw ApiException.badRequest(
            where + ".durationMs must be a whole number of milliseconds >= 0, got " + duration);
      }
      durationMs = duration.asInt();
    }
    return new JobStore.NewResult(
        testName.asText(),
        status.asText(),
        message == null || message.isNull() ? null : message.asText(),
        durationMs);
  }

  private static byte[] readBody(HttpExchange exchange) {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      // A client that stops sending mid-body is the client's problem, not a server error.
      throw ApiException.badRequest("could not read the request body: " + e.getMessage());
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    return body;
  }

  private void send(HttpExchange exchange, Response response) throws IOException {
    byte[] body = mapper.writeValueAsBytes(response.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> timingHeaders(String cache, long nanos) {
    return Map.of(
        "X-Cache",
        cache,
        "Server-Timing",
        String.format(Locale.ROOT, "compute;dur=%.3f", nanos / 1_000_000.0));
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw ApiException.methodNotAllowed(method, allowed);
    }
  }

  private static void requireName(String what, String value) {
    if (!NAME.matcher(value).matches()) {
      throw ApiException.badRequest(
          what + " must be 1 to 64 letters, digits, '.', '_' or '-', got '" + value + "'");
    }
  }

  private static ApiException jobNotFound(String release, String module, String jobId) {
    return ApiException.notFound("job " + jobId + " not found under " + release + "/" + module);
  }

  /**
   * An integer query parameter; absent or empty means the default.
   *
   * @throws ApiException 400 naming the parameter and its allowed range
   */
  static int intParam(Map<String, String> query, String name, int fallback, int min, int max) {
    String raw = query.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String allowed =
        max == Integer.MAX_VALUE
            ? "an integer >= " + min
            : "an integer between " + min + " and " + max;
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min || value > max) {
        throw ApiException.badRequest(name + " must be " + allowed + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be " + allowed + ", got '" + raw + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Decoded path segments; empty segments (leading, trailing or doubled slashes) are dropped. */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    if (rawPath == null) {
      return segments;
    }
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(decode(s.replace("+", "%2B")));
      }
    }
    return segments;
  }

  /** Query parameters, decoded; the first of repeated names wins. */
  static Map<String, String> query(HttpExchange exchange) {
    return parseQuery(exchange.getRequestURI().getRawQuery());
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed percent-encoding in '" + s + "'");
    }
  }
}
