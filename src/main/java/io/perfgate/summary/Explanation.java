package io.perfgate.summary;

/**
 * Why requests failed, in plain words: what Gatling's error messages mean for the target, e.g.
 * "connection refused on 127.0.0.1:9: is the target running?".
 *
 * @param cause a stable name for machines: one of {@link Explanations#CAUSES}
 * @param address host:port the failures concern
 * @param count failed requests with this cause
 * @param text the sentence for people
 */
public record Explanation(String cause, String address, long count, String text) {}
