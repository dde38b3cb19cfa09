package io.perfgate.summary;

/**
 * One second of a run, {@code [offsetSeconds * 1000, offsetSeconds * 1000 + 1000)} ms from its
 * start.
 *
 * @param activeUsers users alive at some time in it (started before its end, not ended before its
 *     start)
 * @param figures the requests that started in it; {@code rps} is their count
 */
public record Second(
    long offsetSeconds, long activeUsers, long usersStarted, long usersEnded, Figures figures) {}
