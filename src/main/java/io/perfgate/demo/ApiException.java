package io.perfgate.demo;

import java.util.Map;

/**
 * A request the service refuses because of what the client sent or asked for; the message is
 * answered as {@code {"error": message}} with the status, and nothing is logged.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, String> headers;

  ApiException(int status, String message) {
    this(status, message, Map.of());
  }

  private ApiException(int status, String message, Map<String, String> headers) {
    // No stack trace: these are answers to clients, not bugs to debug.
    super(message, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  static ApiException methodNotAllowed(String method, String allowed) {
    return new ApiException(
        405, "method " + method + " is not allowed here; use " + allowed, Map.of("Allow", allowed));
  }

  int status() {
    return status;
  }

  /** Extra response headers, such as {@code Allow} on a 405. */
  Map<String, String> headers() {
    return headers;
  }
}
