package io.perfgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Headless Chromium driven over its DevTools protocol, for pages that change while they are open
 * (the live page refreshes itself): read the page as often as needed, take screenshots, and keep
 * every console message, uncaught exception and browser-side error the page caused.
 */
public final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process chromium;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> problems = new ArrayList<>();

  private DevTools(Process chromium, WebSocket socket) {
    this.chromium = chromium;
    this.socket = socket;
  }

  /** Starts Chromium with a fresh profile under {@code dir} and attaches to its blank page. */
  public static DevTools start(Path dir, int width, int height) throws Exception {
    Process chromium =
        new ProcessBuilder(
                Chromium.BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"),
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      URI browser = listening(chromium);
      HttpClient http = HttpClient.newHttpClient();
      URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
      String page = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (page == null && System.nanoTime() < deadline) {
        String body =
            http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode t : JSON.readTree(body)) {
          if (t.path("type").asText().equals("page")) {
            page = t.get("webSocketDebuggerUrl").asText();
          }
        }
        if (page == null) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
      }
      if (page == null) {
        throw new IllegalStateException("Chromium showed no page to attach to");
      }
      Listener listener = new Listener();
      WebSocket socket =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(URI.create(page), listener)
              .get(30, TimeUnit.SECONDS);
      DevTools tools = new DevTools(chromium, socket);
      listener.owner = tools;
      tools.send("Runtime.enable", Map.of());
      tools.send("Log.enable", Map.of());
      tools.send("Page.enable", Map.of());
      return tools;
    } catch (Exception e) {
      chromium.destroyForcibly();
      throw e;
    }
  }

  /** Reads Chromium's standard error until it names its DevTools address. */
  private static URI listening(Process chromium) throws Exception {
    CompletableFuture<URI> found = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  int at = line.indexOf("ws://");
                  if (line.startsWith("DevTools listening on") && at >= 0) {
                    found.complete(URI.create(line.substring(at).strip()));
                  }
                }
                found.completeExceptionally(new IllegalStateException("Chromium exited"));
              } catch (IOException e) {
                found.completeExceptionally(e);
              }
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    return found.get(60, TimeUnit.SECONDS);
  }

  /** Sends a command and waits for its result. */
  public JsonNode send(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  public void navigate(String url) throws Exception {
    send("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression in the page, as text ("" for null or undefined). */
  public String evaluate(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(expression + " threw: " + r.get("exceptionDetails"));
    }
    JsonNode v = r.at("/result/value");
    return v.isMissingNode() || v.isNull() ? "" : v.asText();
  }

  /** Waits until {@code condition} holds, or fails after {@code limit} with {@code what}. */
  public void waitFor(String what, Duration limit, Check condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Waited " + limit.toSeconds() + " s for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** A condition on the page. */
  public interface Check {
    boolean holds() throws Exception;
  }

  /** A PNG of the whole page as it is drawn now. */
  public byte[] screenshot() throws Exception {
    JsonNode r =
        send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    return Base64.getDecoder().decode(r.get("data").asText());
  }

  /** Console messages, uncaught exceptions and error log entries so far. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private synchronized void problem(String text) {
    problems.add(text);
  }

  private void receive(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
      if (answer != null) {
        answer.complete(message);
      }
      return;
    }
    String method = message.path("method").asText();
    JsonNode params = message.path("params");
    switch (method) {
      case "Runtime.consoleAPICalled" ->
          problem("console." + params.path("type").asText() + ": " + params.path("args"));
      case "Runtime.exceptionThrown" -> problem("exception: " + params.path("exceptionDetails"));
      case "Log.entryAdded" -> {
        String level = params.at("/entry/level").asText();
        if (level.equals("error") || level.equals("warning")) {
          problem("log " + level + ": " + params.at("/entry/text").asText());
        }
      }
      default -> {}
    }
  }

  @Override
  public void close() {
    socket.abort();
    chromium.destroy();
    try {
      if (!chromium.waitFor(15, TimeUnit.SECONDS)) {
        chromium.destroyForcibly();
      }
    } catch (InterruptedException e) {
      chromium.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    volatile DevTools owner;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        try {
          DevTools o = owner;
          JsonNode node = JSON.readTree(message);
          if (o != null) {
            o.receive(node);
          } else if (node.has("id")) {
            // Before the owner is set nothing has been sent, so nothing can be answered.
            throw new IllegalStateException("an answer before any command: " + message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("Chromium sent something that is not JSON", e);
        }
      }
      socket.request(1);
      return null;
    }
  }
}
