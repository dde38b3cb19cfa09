package io.perfgate.summary;

/**
 * A failure message and how often it occurred, with its share of all errors in percent (Gatling's
 * Errors table).
 */
public record ErrorCount(String message, long count, double percent) {}
