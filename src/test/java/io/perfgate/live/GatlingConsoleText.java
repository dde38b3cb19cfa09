package io.perfgate.live;

import io.gatling.core.stats.writer.ConsoleSummary$;
import io.gatling.core.stats.writer.RequestCounters;
import io.gatling.core.stats.writer.UserCounters;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gatling 3.15.1's console summaries as Gatling itself writes them: the counters of its console
 * data writer, formatted by its own ConsoleSummary (its classes are package-private in Scala,
 * public in the bytecode). Tests feed the text, line by line, to {@link ConsoleFeed} as Gatling's
 * console writer prints it.
 */
final class GatlingConsoleText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss O").withZone(ZoneOffset.UTC);

  private final scala.collection.mutable.LinkedHashMap<String, UserCounters> users =
      new scala.collection.mutable.LinkedHashMap<>();
  private final RequestCounters global = new RequestCounters(0, 0);
  private final Map<String, RequestCounters> requests = new LinkedHashMap<>();
  private final Map<String, Integer> errors = new LinkedHashMap<>();

  /**
   * @param scenarios each scenario's total users (an open model's plan), or null (a closed model)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  GatlingConsoleText(Map<String, Long> scenarios) {
    scenarios.forEach(
        (name, total) ->
            users.put(
                name,
                new UserCounters(
                    (scala.Option)
                        (total == null ? scala.Option.empty() : scala.Option.apply(total)))));
  }

  /** Closed-model scenarios: Gatling knows no total of their users. */
  static GatlingConsoleText closed(String... scenarios) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String s : scenarios) {
      m.put(s, null);
    }
    return new GatlingConsoleText(m);
  }

  /** One response, OK, of the request at {@code path} ("group / name"). */
  void ok(String path) {
    global.successfulCount_$eq(global.successfulCount() + 1);
    RequestCounters c = requests.computeIfAbsent(path, p -> new RequestCounters(0, 0));
    c.successfulCount_$eq(c.successfulCount() + 1);
  }

  /** One response, KO with {@code message}. */
  void ko(String path, String message) {
    global.failedCount_$eq(global.failedCount() + 1);
    RequestCounters c = requests.computeIfAbsent(path, p -> new RequestCounters(0, 0));
    c.failedCount_$eq(c.failedCount() + 1);
    errors.merge(message, 1, Integer::sum);
  }

  /** An error outside any request (e.g. a request that could not be built). */
  void error(String message) {
    errors.merge(message, 1, Integer::sum);
  }

  void userStart(String scenario) {
    users.apply(scenario).userStart();
  }

  void userDone(String scenario) {
    users.apply(scenario).userDone();
  }

  /** The summary Gatling prints after {@code elapsed} seconds, as one string. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  String text(long elapsed) {
    scala.collection.mutable.LinkedHashMap<String, RequestCounters> r =
        new scala.collection.mutable.LinkedHashMap<>();
    requests.forEach(r::put);
    scala.collection.mutable.LinkedHashMap e = new scala.collection.mutable.LinkedHashMap<>();
    errors.forEach(e::put);
    return ConsoleSummary$.MODULE$
        .apply(elapsed, users, global, r, e, false, ZonedDateTime.now(ZoneOffset.UTC), TIME)
        .text();
  }

  /** The lines Gatling's {@code println(summary.text)} puts on the console, without breaks. */
  List<String> lines(long elapsed) {
    return lines(text(elapsed));
  }

  static List<String> lines(String printed) {
    String all = printed + System.lineSeparator();
    List<String> out = new ArrayList<>(List.of(all.split("\r?\n", -1)));
    out.remove(out.size() - 1);
    return out;
  }
}
