package io.perfgate.simulation;

import io.perfgate.units.ByteSize;

/**
 * Fails a request whose answer, once decompressed, is larger than target.maxResponseSize, before
 * any check reads it. Gatling turns it into the request's error message.
 */
final class AnswerTooLarge extends RuntimeException {
  AnswerTooLarge(String request, long length, long limit) {
    super(
        "the answer of "
            + request
            + " was larger than target.maxResponseSize ("
            + ByteSize.format(limit)
            + ") once decompressed: "
            // Gatling counts a body's bytes in an int: past 2 GB it wraps to a negative number.
            + (length < 0 ? "more than 2GB" : ByteSize.format(length))
            + " arrived, and perfgate's checks did not read it");
  }

  /** One per oversized answer, and its stack trace says nothing the message does not. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
