package io.perfgate.analysis;

import io.perfgate.results.GroupPath;
import io.perfgate.results.RecordHandler;
import java.util.OptionalDouble;

/**
 * The Apdex score of the requests that started in the measured window: requests answered at or
 * under T satisfy, under 4T are tolerated, slower or failed ones frustrate; score = (satisfied +
 * tolerating / 2) / all.
 */
final class Apdex implements RecordHandler {
  private final long threshold;
  private final long from;
  private long satisfied;
  private long tolerating;
  private long all;

  Apdex(long thresholdMillis, long fromMillis) {
    this.threshold = thresholdMillis;
    this.from = fromMillis;
  }

  @Override
  public void request(
      GroupPath group, String name, int start, int end, boolean ok, String message) {
    if (start < from) {
      return;
    }
    all++;
    long time = (long) end - start;
    if (!ok) {
      return;
    }
    if (time <= threshold) {
      satisfied++;
    } else if (time <= 4 * threshold) {
      tolerating++;
    }
  }

  OptionalDouble score() {
    return all == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((satisfied + tolerating / 2.0) / all);
  }
}
