package io.perfgate.analysis;

import io.perfgate.results.GroupPath;
import io.perfgate.results.RecordHandler;
import io.perfgate.results.RunHeader;

/** Hands every record to two handlers, so one pass over the log feeds both. */
final class BothHandlers implements RecordHandler {
  private final RecordHandler a;
  private final RecordHandler b;

  BothHandlers(RecordHandler a, RecordHandler b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public void header(RunHeader header) {
    a.header(header);
    b.header(header);
  }

  @Override
  public void request(
      GroupPath group, String name, int start, int end, boolean ok, String message) {
    a.request(group, name, start, end, ok, message);
    b.request(group, name, start, end, ok, message);
  }

  @Override
  public void unmatched(GroupPath group, String name, int start, boolean ok, String message) {
    a.unmatched(group, name, start, ok, message);
    b.unmatched(group, name, start, ok, message);
  }

  @Override
  public void user(String scenario, boolean start, int timestamp) {
    a.user(scenario, start, timestamp);
    b.user(scenario, start, timestamp);
  }

  @Override
  public void group(GroupPath group, int start, int end, int cumulatedResponseTime, boolean ok) {
    a.group(group, start, end, cumulatedResponseTime, ok);
    b.group(group, start, end, cumulatedResponseTime, ok);
  }

  @Override
  public void error(String message, int timestamp) {
    a.error(message, timestamp);
    b.error(message, timestamp);
  }
}
