package io.perfgate.simulation;

import io.perfgate.target.Redactor;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of the errors block of Gatling's console summary, "> message count (percent)". Gatling
 * prints a long message's first hundred or so characters there and the rest, cut with "...", on the
 * next line, which starts with no marker of its own:
 *
 * <pre>
 * &gt; Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labor   123,456   (100%)
 * e et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ...
 * </pre>
 *
 * A secret that the cut splits is masked on the message joined again, then the two lines are laid
 * out as Gatling laid them.
 */
final class ConsoleErrorLine {
  /** "> " message, then the count and the percentage at the end of the line. */
  private static final Pattern HEAD =
      Pattern.compile("^> (.+?)(\\s+[\\d,]+\\s+\\(\\s*[\\d.]+%\\)\\s*)$");

  /** A message this long fills Gatling's column: it may go on in the next line. */
  static final int FULL = 80;

  private ConsoleErrorLine() {}

  /** Whether {@code line} is an error line whose message may go on in the next line. */
  static boolean mayContinue(String line) {
    if (!line.startsWith("> ") || !line.endsWith("\n")) {
      return false;
    }
    Matcher m = HEAD.matcher(strip(line));
    return m.matches() && m.group(1).length() >= FULL;
  }

  /** Whether {@code line}, after a full error line, is the rest of its message. */
  static boolean continues(String line) {
    String text = strip(line);
    return line.endsWith("\n")
        && !text.isBlank()
        && !text.startsWith("> ")
        && !text.startsWith("---")
        && !text.startsWith("===");
  }

  /**
   * The two lines, each ending with a line break, masked as one message: where a mask took the
   * place of a secret across the cut, the first line keeps the message's first characters up to
   * where Gatling cut it, and the second the rest.
   */
  static List<String> mask(String head, String continuation, Redactor redactor) {
    Matcher m = HEAD.matcher(strip(head));
    if (!m.matches()) {
      return List.of(redactor.redact(head), redactor.redact(continuation));
    }
    String message = m.group(1);
    String rest = strip(continuation);
    String whole = message + rest;
    String masked = redactor.redact(whole);
    if (masked.equals(whole)) {
      return List.of(head, continuation);
    }
    int cut = Math.min(message.length(), masked.length());
    String first =
        "> " + masked.substring(0, cut) + " ".repeat(message.length() - cut) + m.group(2);
    String second = masked.substring(cut);
    return second.isEmpty() ? List.of(first + "\n") : List.of(first + "\n", second + "\n");
  }

  private static String strip(String line) {
    String s = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
