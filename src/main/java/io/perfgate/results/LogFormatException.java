package io.perfgate.results;

import java.io.IOException;

/**
 * A file that perfgate cannot read as a Gatling simulation.log: not a log at all, a log written by
 * another Gatling version, or a log whose bytes make no sense. The message names the file and says
 * what was found. A log that merely ends early is not an error: {@link LogReader} reads it up to
 * its last whole record and flags it truncated.
 */
public final class LogFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public LogFormatException(String message) {
    super(message);
  }
}
