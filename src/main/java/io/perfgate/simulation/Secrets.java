package io.perfgate.simulation;

import io.perfgate.files.AtomicFiles;
import io.perfgate.live.ConsoleFeed;
import io.perfgate.target.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Keeps the run's secrets out of what Gatling itself prints and writes, which perfgate does not
 * format: its console (the error summary repeats error messages, which may carry a credential the
 * target echoed) and its simulation.log, from which it builds its HTML report.
 */
final class Secrets {
  private Secrets() {}

  /**
   * Routes the JVM's standard output and error through the redactor, line by line. Called before
   * Gatling starts the run, so that its console summaries and log lines pass through it too.
   *
   * @return standard output's stream, to route its masked lines through the live feed
   */
  static MaskingStream maskConsole(Redactor redactor) {
    Charset charset = Charset.defaultCharset();
    MaskingStream out = new MaskingStream(System.out, redactor, charset);
    System.setOut(new PrintStream(out, true, charset));
    System.setErr(new PrintStream(new MaskingStream(System.err, redactor, charset), true, charset));
    return out;
  }

  /** Gatling's loggers that write whole requests, headers included, at DEBUG or TRACE. */
  static final List<String> VERBOSE_LOGGERS =
      List.of(
          "io.gatling.http.engine.response",
          "io.gatling.http.action.HttpRequestAction",
          "io.gatling.http.client",
          "io.netty.handler.logging");

  /**
   * A warning when one of Gatling's request loggers is turned up to DEBUG or TRACE: they write
   * requests and responses with their Authorization, Cookie and Set-Cookie headers. The console is
   * masked, but a log file appender is not.
   */
  static Optional<String> verboseLoggingWarning() {
    List<String> verbose = new ArrayList<>();
    for (String name : VERBOSE_LOGGERS) {
      if (LoggerFactory.getLogger(name).isDebugEnabled()) {
        verbose.add(name);
      }
    }
    return verbose.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "perfgate: WARNING: "
                + String.join(", ", verbose)
                + (verbose.size() == 1 ? " logs" : " log")
                + " at DEBUG or TRACE, which writes whole requests and responses, credentials"
                + " included (Authorization, Cookie, Set-Cookie). perfgate masks them on the"
                + " console, but not in a log file. Set these loggers back to WARN in"
                + " resources/logback-test.xml unless you are debugging on a test target.");
  }

  /**
   * Masks every secret in the run's simulation.log, in place and with masks of the same length so
   * that the binary log keeps its structure. Called from after(): the log is closed and Gatling has
   * not yet built its report from it, so the report comes out clean too.
   *
   * @return how many secrets were masked
   */
  static int maskLog(Path log, Redactor redactor) throws IOException {
    if (redactor.values().isEmpty() || !Files.isRegularFile(log)) {
      return 0;
    }
    // A first pass only counts, so that a clean log (the usual case) is left untouched; logs of
    // long runs are gigabytes, so both passes stream.
    int found;
    try (InputStream in = Files.newInputStream(log)) {
      found = mask(in, OutputStream.nullOutputStream(), redactor);
    }
    if (found > 0) {
      int[] masked = new int[1];
      AtomicFiles.write(
          log,
          out -> {
            try (InputStream in = Files.newInputStream(log)) {
              masked[0] = mask(in, out, redactor);
            }
          });
      return masked[0];
    }
    return 0;
  }

  static final int CHUNK = 1 << 20;

  /**
   * Copies {@code in} to {@code out} with every secret masked, a chunk at a time; the bytes a
   * secret cut by a chunk's end may still need are carried to the next chunk before they are
   * written.
   */
  static int mask(InputStream in, OutputStream out, Redactor redactor) throws IOException {
    int carry = Math.max(0, redactor.longestForm() - 1);
    byte[] buf = new byte[CHUNK + carry];
    int filled = 0;
    int masked = 0;
    while (true) {
      int n = in.readNBytes(buf, filled, CHUNK);
      filled += n;
      boolean end = n < CHUNK;
      masked += redactor.maskBytes(buf, 0, filled);
      int emit = end ? filled : Math.max(0, filled - carry);
      out.write(buf, 0, emit);
      System.arraycopy(buf, emit, buf, 0, filled - emit);
      filled -= emit;
      if (end) {
        return masked;
      }
    }
  }

  /**
   * Buffers a line, masks it, then passes it on: a secret is never split across two writes. Once
   * {@link #route routed}, every whole masked line goes through Gatling's console feed, which reads
   * its progress summaries and decides which of them are printed.
   */
  static final class MaskingStream extends OutputStream {
    private final PrintStream out;
    private final Redactor redactor;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private ConsoleFeed feed;

    /**
     * An error line of Gatling's console whose message may go on in the next line: Gatling cuts a
     * long message after about 100 characters and prints the rest on the next line, so a secret
     * across that cut is masked on the two lines joined, never piece by piece.
     */
    private String held;

    MaskingStream(PrintStream out, Redactor redactor, Charset charset) {
      this.out = out;
      this.redactor = redactor;
      this.charset = charset;
    }

    /** From now on, whole lines pass through {@code consoleFeed} before they are printed. */
    synchronized void route(ConsoleFeed consoleFeed) {
      pass();
      this.feed = consoleFeed;
    }

    /** The run has ended: prints what the feed still holds (the run's last summary). */
    synchronized void finish() {
      pass();
      release();
      if (feed != null) {
        print(feed.finish());
        out.flush();
      }
    }

    private void print(List<String> lines) {
      for (String l : lines) {
        byte[] b = (l + System.lineSeparator()).getBytes(charset);
        out.write(b, 0, b.length);
      }
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        pass();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void flush() {
      pass();
      out.flush();
    }

    private void pass() {
      if (line.size() == 0) {
        return;
      }
      String text = line.toString(charset);
      line.reset();
      if (held != null) {
        String head = held;
        held = null;
        if (ConsoleErrorLine.continues(text)) {
          ConsoleErrorLine.mask(head, text, redactor).forEach(this::emit);
          return;
        }
        emit(redactor.redact(head));
      }
      if (ConsoleErrorLine.mayContinue(text)) {
        held = text;
        return;
      }
      emit(redactor.redact(text));
    }

    /** Emits what a held error line still holds: the run's console ends with no next line. */
    private void release() {
      if (held != null) {
        String head = held;
        held = null;
        emit(redactor.redact(head));
      }
    }

    private void emit(String masked) {
      if (feed != null && masked.endsWith("\n")) {
        try {
          print(feed.line(masked.substring(0, masked.length() - 1)));
          return;
        } catch (RuntimeException e) {
          // The live figures must never cost the run its console: print the line as it is.
        }
      }
      byte[] bytes = masked.getBytes(charset);
      out.write(bytes, 0, bytes.length);
    }
  }
}
