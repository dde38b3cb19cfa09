package io.perfgate.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One progress summary of Gatling 3.15.1's console, as its console data writer prints it (gatling
 * -core ConsoleSummary, ConsoleStatsFormat): cumulative counts since the run started. Gatling's
 * console writer receives every event in-process, so these counts are never behind the load, unlike
 * simulation.log, which reaches the disk in 8 KiB blocks.
 *
 * <pre>
 * ==================================================== (120 '=')
 * 2026-11-30 11:06:33 GMT                                  5s elapsed
 * ---- Requests ------------------------...|---Total---|-----OK----|----KO----
 * &gt; Global                                |       562 |       471 |        91
 * &gt; checkout / pay / pay                  |        75 |        59 |        16
 * ---- Errors -------------------------------------------------------------
 * &gt; status.find.in([200, 209], 304), found 500                   91 (61.49%)
 *
 * ---- shoppers -----------------------------------------------------------
 * [#########################################||                  ] 82.22%
 *           waiting:        15 / active:         1  / done:        74
 * ---- crawlers -----------------------------------------------------------
 *           active:         2  / done:        55
 * ====================================================
 * </pre>
 *
 * Request paths join groups and name with " / " and are cut to {@value #MAX_PATH} characters
 * (ending "..." when cut); error messages longer than {@value #ERROR_FIRST_LINE} characters go on
 * to a second line and are cut at 200 characters; numbers carry "," thousands separators.
 *
 * @param elapsedSeconds Gatling's "Ns elapsed"
 * @param ok successful requests of the run so far (the "Global" line)
 * @param ko failed requests of the run so far
 * @param requests each request path's counts, in Gatling's order
 * @param errors each error message's count (failed requests and errors outside requests)
 * @param scenarios each scenario's users
 */
public record ConsoleSummary(
    long elapsedSeconds,
    long ok,
    long ko,
    List<Count> requests,
    List<ErrorCount> errors,
    List<Users> scenarios) {
  /** The width of Gatling's console and of its block lines. */
  static final int WIDTH = 120;

  /** The line that opens and closes every block of Gatling's console. */
  static final String RULE = "=".repeat(WIDTH);

  /** How long a request path can be on the console; longer ones are cut and end with "...". */
  static final int MAX_PATH = WIDTH - 2 - 3 * (9 + 3);

  /** Characters of an error message on its first line. */
  static final int ERROR_FIRST_LINE = WIDTH - 2 - 9 - 8 - 2;

  private static final Pattern ELAPSED = Pattern.compile("^\\S.*\\s(\\d+)s elapsed$");
  private static final Pattern ERROR =
      Pattern.compile("^> (.*)\\s([0-9][0-9,]*)\\s+\\(\\s*[0-9.]+%\\)$");
  private static final Pattern USERS =
      Pattern.compile(
          "^\\s+(?:waiting:\\s*([0-9][0-9,]*)\\s*/\\s*)?active:\\s*([0-9][0-9,]*)\\s*/\\s*done:\\s*([0-9][0-9,]*)\\s*$");

  public ConsoleSummary {
    requests = List.copyOf(requests);
    errors = List.copyOf(errors);
    scenarios = List.copyOf(scenarios);
  }

  /**
   * One request path's counts so far.
   *
   * @param path groups and name joined by " / ", as Gatling prints it
   */
  public record Count(String path, long ok, long ko) {}

  /** One error message's count so far; a message Gatling cut ends with "...". */
  public record ErrorCount(String message, long count) {}

  /**
   * One scenario's users so far.
   *
   * @param waiting users of an open-model scenario not started yet; -1 for a closed model
   */
  public record Users(String scenario, long waiting, long active, long done) {
    /** Users started so far. */
    public long started() {
      return active + done;
    }
  }

  /** Whether every user of every scenario has finished: Gatling prints no later summary. */
  public boolean complete() {
    return scenarios.stream().allMatch(u -> u.active() == 0 && u.waiting() <= 0);
  }

  /** Whether {@code line} opens or closes a block of Gatling's console. */
  static boolean isRule(String line) {
    return line.equals(RULE);
  }

  /** Whether {@code line}, the one after a block's opening rule, opens a progress summary. */
  static boolean isElapsedLine(String line) {
    return ELAPSED.matcher(line).matches();
  }

  /**
   * A progress summary from the lines between its two rules, or empty when they are not one (the
   * global statistics Gatling prints once its report is built have the same rules).
   */
  static Optional<ConsoleSummary> parse(List<String> lines) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    Matcher elapsed = ELAPSED.matcher(lines.get(0));
    if (!elapsed.matches()) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(elapsed.group(1));
    boolean sawRequests = false;
    boolean sawGlobal = false;
    long ok = 0;
    long ko = 0;
    List<Count> requests = new ArrayList<>();
    List<ErrorCount> errors = new ArrayList<>();
    List<Users> scenarios = new ArrayList<>();
    Section section = Section.NONE;
    String scenario = null;
    StringBuilder message = null;
    long messageCount = 0;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (section == Section.ERRORS
          && message != null
          && !line.isEmpty()
          && !line.startsWith("> ")
          && !line.startsWith("---- ")) {
        // The rest of a long message: Gatling breaks it after its first line's width.
        message.append(line);
        continue;
      }
      if (message != null) {
        errors.add(new ErrorCount(message.toString().strip(), messageCount));
        message = null;
      }
      if (line.startsWith("---- Requests ") && line.contains("|---Total---|")) {
        section = Section.REQUESTS;
        sawRequests = true;
      } else if (section == Section.REQUESTS && line.matches("^---- Errors -+$")) {
        section = Section.ERRORS;
      } else if (line.startsWith("---- ")) {
        section = Section.SCENARIO;
        scenario = subtitle(line);
      } else if (section == Section.REQUESTS && line.startsWith("> ")) {
        Count c = count(line);
        if (c == null) {
          return Optional.empty();
        }
        if (!sawGlobal) {
          sawGlobal = true;
          ok = c.ok();
          ko = c.ko();
        } else {
          requests.add(c);
        }
      } else if (section == Section.ERRORS && line.startsWith("> ")) {
        Matcher m = ERROR.matcher(line);
        if (m.matches()) {
          message = new StringBuilder(m.group(1).stripTrailing());
          messageCount = number(m.group(2));
        }
      } else if (section == Section.ERRORS && line.isEmpty()) {
        section = Section.NONE;
      } else if (section == Section.SCENARIO && scenario != null) {
        Matcher m = USERS.matcher(line);
        if (m.matches()) {
          scenarios.add(
              new Users(
                  scenario,
                  m.group(1) == null ? -1 : number(m.group(1)),
                  number(m.group(2)),
                  number(m.group(3))));
          scenario = null;
        }
      }
    }
    if (message != null) {
      errors.add(new ErrorCount(message.toString().strip(), messageCount));
    }
    if (!sawRequests || !sawGlobal) {
      return Optional.empty();
    }
    return Optional.of(new ConsoleSummary(seconds, ok, ko, requests, errors, scenarios));
  }

  private enum Section {
    NONE,
    REQUESTS,
    ERRORS,
    SCENARIO
  }

  /** "> path ... | total | ok | ko", read from the right: a path may hold " | " itself. */
  private static Count count(String line) {
    int c = line.lastIndexOf(" | ");
    int b = c < 0 ? -1 : line.lastIndexOf(" | ", c - 1);
    int a = b < 0 ? -1 : line.lastIndexOf(" | ", b - 1);
    if (a < 2) {
      return null;
    }
    try {
      long ok = number(line.substring(b + 3, c));
      long ko = number(line.substring(c + 3));
      return new Count(line.substring(2, a).stripTrailing(), ok, ko);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "---- name -----...", Gatling's subtitle: the name between "---- " and the dashes. */
  private static String subtitle(String line) {
    int end = line.length();
    while (end > 5 && line.charAt(end - 1) == '-') {
      end--;
    }
    if (end > 5 && line.charAt(end - 1) == ' ') {
      end--;
    }
    return line.substring(5, Math.max(5, end));
  }

  /** A count as Gatling prints it: "123,456", padded. */
  private static long number(String text) {
    return Long.parseLong(text.strip().replace(",", ""));
  }
}
