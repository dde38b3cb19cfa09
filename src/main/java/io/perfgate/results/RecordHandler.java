package io.perfgate.results;

/**
 * Receives the records of a simulation.log one at a time, in log order, as primitives: the reader
 * allocates nothing per record (names, messages and group paths are the cached instances), and
 * keeps nothing once a callback returns. Timestamps are milliseconds from the run start of {@link
 * #header}. Every method does nothing by default.
 */
public interface RecordHandler {
  /** Called once, before any other callback. */
  default void header(RunHeader header) {}

  /**
   * A request and its response. {@code message} is Gatling's failure message, "" when there is none
   * (an OK request normally has none).
   */
  default void request(
      GroupPath group, String name, int start, int end, boolean ok, String message) {}

  /**
   * An incoming message no check waited for (the end timestamp in the log is {@link
   * Integer#MIN_VALUE}). It has no response time and counts in no figure.
   */
  default void unmatched(GroupPath group, String name, int start, boolean ok, String message) {}

  /** A virtual user starting ({@code start}) or ending. */
  default void user(String scenario, boolean start, int timestamp) {}

  /**
   * A group execution that ended: {@code end - start} is its duration, {@code
   * cumulatedResponseTime} the sum of the response times of the requests in it.
   */
  default void group(GroupPath group, int start, int end, int cumulatedResponseTime, boolean ok) {}

  /** An error that is not a request's: a request that could not even be built, for instance. */
  default void error(String message, int timestamp) {}
}
