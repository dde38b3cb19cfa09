package io.perfgate.simulation;

import io.perfgate.units.ByteSize;

/**
 * Fails a request whose answer has the expected status but is not JSON, where its checks read
 * JSONPath: the message says what arrived, its content type and first bytes (masked), which
 * Gatling's own "preparation crashed: Jackson failed to parse" does not.
 */
final class AnswerNotJson extends RuntimeException {
  AnswerNotJson(String request, String contentType, String firstBytes, long length) {
    super(
        "the answer of "
            + request
            + " is "
            + (contentType.isBlank() ? "of no Content-Type" : contentType)
            + ", not JSON: it starts \""
            + firstBytes
            + "\" ("
            + ByteSize.format(length)
            + ")");
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
