package io.perfgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests, with timeouts so a broken server fails a test, not hangs. */
final class DemoHttp {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private DemoHttp() {}

  static HttpResponse<String> get(DemoService service, String path) {
    return send(request(service, path).GET().build());
  }

  static HttpResponse<String> post(DemoService service, String path, String body) {
    return send(
        request(service, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static HttpResponse<String> method(DemoService service, String method, String path) {
    return send(request(service, path).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  static HttpClient client() {
    return CLIENT;
  }

  static HttpRequest.Builder request(DemoService service, String path) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
        .timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
