package io.perfgate.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.perfgate.summary.Summary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run history: {@code results/history.jsonl}, one JSON object per line, one line per run,
 * appended after every run and never rewritten.
 *
 * <p>Several runs may finish at once on one machine (shards of one test): every append holds an
 * exclusive lock on the file and writes its whole line with one write, so lines never interleave
 * and none is lost. A line damaged anyway (a write cut short by a kill, a hand edit) is skipped by
 * readers with a warning naming its line; it never costs the other lines.
 */
public final class History {
  public static final String FILE_NAME = "history.jsonl";

  /**
   * File locks belong to the whole JVM: a second lock on the same file from another thread throws
   * OverlappingFileLockException instead of waiting. Threads of one JVM therefore queue here first;
   * other processes queue on the file lock.
   */
  private static final Object JVM_LOCK = new Object();

  private History() {}

  /**
   * The records of a history file, in the order written, and one warning per line skipped.
   *
   * @param warnings sentences naming the file and the line, e.g. "results/history.jsonl line 7 is
   *     not valid JSON (…); skipped."
   */
  public record Read(List<RunRecord> records, List<String> warnings) {
    public Read {
      records = List.copyOf(records);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Appends a finished run, with the commit it was built from when that is known (the {@code
   * GIT_COMMIT} variable Jenkins sets, or {@code git rev-parse HEAD} in the working directory).
   *
   * @param runDirRelative the run's folder relative to the history file's folder, e.g.
   *     "trackersimulation-20261123150446734"
   */
  public static RunRecord append(Path historyFile, Summary report, String runDirRelative)
      throws IOException {
    RunRecord record =
        RunRecord.of(
            report, runDirRelative, Commit.detect(System.getenv(), Path.of("").toAbsolutePath()));
    append(historyFile, record);
    return record;
  }

  /**
   * Appends one record as one line, creating the file (and its folder) when missing. When the last
   * line of the file is unfinished (a writer was killed mid-line), the record starts a new line so
   * only the damaged line is lost.
   */
  public static void append(Path historyFile, RunRecord record) throws IOException {
    byte[] line = (HistoryJson.line(record) + "\n").getBytes(StandardCharsets.UTF_8);
    Path parent = historyFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    synchronized (JVM_LOCK) {
      // READ to look at the last byte; not APPEND (the JDK refuses READ with APPEND). Under the
      // exclusive lock the end of the file cannot move, so writing at size() is appending.
      try (FileChannel channel =
              FileChannel.open(
                  historyFile,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
          var lock = channel.lock()) {
        long end = channel.size();
        ByteBuffer out = ByteBuffer.wrap(needsLineBreak(channel, end) ? withBreak(line) : line);
        while (out.hasRemaining()) {
          end += channel.write(out, end);
        }
        channel.force(false);
      }
    }
  }

  private static boolean needsLineBreak(FileChannel channel, long size) throws IOException {
    if (size == 0) {
      return false;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0) != '\n';
  }

  private static byte[] withBreak(byte[] line) {
    byte[] out = new byte[line.length + 1];
    out[0] = '\n';
    System.arraycopy(line, 0, out, 1, line.length);
    return out;
  }

  /** Reads every record; a missing file is an empty history. Damaged lines become warnings. */
  public static Read read(Path historyFile) throws IOException {
    return whileReading(historyFile, read -> read);
  }

  /** What to do with the history while no run can append to it. */
  @FunctionalInterface
  public interface Reader<T> {
    T apply(Read read) throws IOException;
  }

  /**
   * Reads the history and hands it to {@code action} while holding a shared lock, so no run appends
   * until the action is done. The trend page is written this way: of two runs finishing at once,
   * the page written last has both.
   */
  public static <T> T whileReading(Path historyFile, Reader<T> action) throws IOException {
    return whileReading(historyFile, historyFile.toString(), action);
  }

  /**
   * As {@link #whileReading(Path, Reader)}, with warnings naming the file as {@code shownAs} (a
   * page names it relative to itself, a console by its path).
   */
  public static <T> T whileReading(Path historyFile, String shownAs, Reader<T> action)
      throws IOException {
    synchronized (JVM_LOCK) {
      FileChannel channel;
      try {
        channel = FileChannel.open(historyFile, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return action.apply(new Read(List.of(), List.of()));
      }
      try (channel;
          var lock = channel.lock(0, Long.MAX_VALUE, true)) {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
          throw new IOException(
              historyFile
                  + " is larger than 2 GB; move it aside (the trend starts afresh) or keep its last"
                  + " lines only.");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
          // read until full: FileChannel may return fewer bytes than asked
        }
        return action.apply(parse(shownAs, bytes.array()));
      }
    }
  }

  static Read parse(String where, byte[] content) {
    List<RunRecord> records = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int lineNumber = 0;
    int from = 0;
    while (from < content.length) {
      int to = from;
      while (to < content.length && content[to] != '\n') {
        to++;
      }
      lineNumber++;
      boolean unfinished = to == content.length;
      String text = decode(content, from, to);
      from = to + 1;
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isBlank()) {
        continue;
      }
      Optional<String> problem = Optional.empty();
      try {
        JsonNode node = HistoryJson.parse(text);
        records.add(HistoryJson.record(node));
      } catch (JsonProcessingException e) {
        problem =
            Optional.of(
                "is not valid JSON"
                    + (unfinished ? " and has no line break (a write cut short?)" : "")
                    + ": "
                    + firstLine(e.getOriginalMessage()));
      } catch (HistoryJson.NotARecord e) {
        problem = Optional.of("is not a perfgate run record: " + e.getMessage());
      }
      if (problem.isPresent()) {
        warnings.add(
            where + " line " + lineNumber + " " + problem.get() + ". The line was skipped.");
      }
    }
    return new Read(records, warnings);
  }

  /** UTF-8, with a stray byte shown as U+FFFD rather than failing the line's neighbours. */
  private static String decode(byte[] content, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(content, from, to - from))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never throws", e);
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
