package io.perfgate.results;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Streams Gatling 3.15.1's binary simulation.log to a {@link RecordHandler}.
 *
 * <p>The layout is the one written by gatling-core's {@code LogFileDataWriter} and read by
 * gatling-charts' {@code LogFileParser}/{@code SecondPassParser}: big-endian; a run record, then
 * records until the end of the file, each opened by a header byte (0 run, 1 request, 2 user, 3
 * group, 4 error). The only state that grows is the string cache (the distinct names, group names
 * and messages of the run); memory does not depend on the number of records.
 *
 * <p>A log that ends inside a record (a run killed mid-write) is read up to its last whole record
 * and flagged truncated, with a warning naming the byte where reading stopped. Gatling's own parser
 * does the same, silently.
 */
public final class LogReader {
  /** The Gatling version whose logs this reader understands: the one perfgate runs. */
  public static final String SUPPORTED_VERSION = "3.15.1";

  static final int BUFFER_SIZE = 64 * 1024;

  // Record header bytes (gatling-core RecordHeader).
  private static final int RUN = 0;
  private static final int REQUEST = 1;
  private static final int USER = 2;
  private static final int GROUP = 3;
  private static final int ERROR = 4;

  // Sanity bounds: past them the bytes are not a log (or a corrupt one), not a big run.
  private static final int MAX_STRING_BYTES = 64 * 1024 * 1024;
  private static final int MAX_GROUP_DEPTH = 1024;
  private static final int MAX_VERSION_BYTES = 64;

  private LogReader() {}

  /**
   * Reads a whole log, calling the handler for every record in log order.
   *
   * @throws LogFormatException the file is not a simulation.log, was written by another Gatling
   *     version, or is corrupt (the message says which, naming the file)
   * @throws IOException the file cannot be read
   */
  public static ReadOutcome read(Path log, RecordHandler handler) throws IOException {
    try (Cursor c = Cursor.open(log)) {
      handler.header(c.header());
      while (c.next()) {
        c.dispatch(handler);
      }
      return c.outcome();
    }
  }

  /** Reads only the run record: the version, the simulation, the start time, the scenarios. */
  public static RunHeader readHeader(Path log) throws IOException {
    try (Input in = Input.open(log)) {
      return readRun(in, log);
    }
  }

  private static RunHeader readRun(Input in, Path log) throws IOException {
    if (in.size() == 0) {
      throw new LogFormatException(
          log + " is empty: not a Gatling simulation.log (a run that wrote nothing?)");
    }
    try {
      int first = in.readByte();
      if (first != RUN) {
        throw new LogFormatException(notALog(log, in, first));
      }
      String version = readVersion(in, log);
      if (!SUPPORTED_VERSION.equals(version)) {
        throw new LogFormatException(
            String.format(
                Locale.ROOT,
                "%s was written by Gatling %s; perfgate reads the simulation.log of Gatling %s only"
                    + " (the binary layout changes between versions). Read it with the Gatling"
                    + " version that wrote it, or rerun the simulation.",
                log,
                version,
                SUPPORTED_VERSION));
      }
      String simulation = in.readString();
      long start = in.readLong();
      String description = in.readString();
      int scenarioCount = in.readInt();
      if (scenarioCount < 0 || scenarioCount > 1_000_000) {
        throw in.corrupt("a run record with " + scenarioCount + " scenarios");
      }
      List<String> scenarios = new ArrayList<>(scenarioCount);
      for (int i = 0; i < scenarioCount; i++) {
        scenarios.add(sanitize(in.readString()));
      }
      int assertions = in.readInt();
      if (assertions < 0 || assertions > 1_000_000) {
        throw in.corrupt("a run record with " + assertions + " assertions");
      }
      for (int i = 0; i < assertions; i++) {
        // boopickle-encoded assertions: perfgate judges its own gates, so they are skipped.
        in.skip(in.readLength());
      }
      return new RunHeader(version, simulation, start, description, scenarios);
    } catch (Truncated e) {
      throw new LogFormatException(
          log
              + " ends inside its run record (at byte "
              + in.position()
              + " of "
              + in.size()
              + "): no record can be read from it");
    }
  }

  private static String readVersion(Input in, Path log) throws IOException {
    int length = in.readInt();
    if (length <= 0 || length > MAX_VERSION_BYTES) {
      throw new LogFormatException(
          log
              + " is not a Gatling simulation.log: it does not start with a run record naming a"
              + " Gatling version");
    }
    String version = in.readStringBody(length);
    if (!version.matches("[0-9A-Za-z.+_-]+")) {
      throw new LogFormatException(
          log
              + " is not a Gatling simulation.log: it does not start with a run record naming a"
              + " Gatling version");
    }
    return version;
  }

  private static String notALog(Path log, Input in, int first) {
    byte[] head = in.peekHead(16);
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (text.startsWith("RUN\t") || text.startsWith("ASSERTION\t") || text.startsWith("USER\t")) {
      return log
          + " is a text simulation.log from Gatling 3.12 or older; perfgate reads the binary log"
          + " of Gatling "
          + SUPPORTED_VERSION
          + " only";
    }
    return String.format(
        Locale.ROOT,
        "%s is not a Gatling simulation.log: a log starts with a run record (byte 0x00), this file"
            + " starts with 0x%02x",
        log,
        first & 0xff);
  }

  /** Gatling replaces these in names and messages when it reads them (LogFileParser.sanitize). */
  static String sanitize(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
      }
    }
    return s;
  }

  /**
   * Reads the records after the run record one at a time: {@link #next} reads a whole record into
   * fields (nothing allocated), {@link #dispatch} hands it to a handler. Merges use it to
   * interleave several logs in time order.
   */
  static final class Cursor implements AutoCloseable {
    private final Input in;
    private final Path log;
    private final RunHeader header;
    private final String[] scenarios;
    private final GroupPath root = GroupPath.newTree();
    private String[] cache = new String[1024];
    private long records;
    private long unmatched;
    private long recordStart;
    private boolean truncated;

    // the record read by next()
    private int type;
    private GroupPath group;
    private String text;
    private String message;
    private int start;
    private int end;
    private int cumulated;
    private boolean ok;

    private Cursor(Input in, Path log, RunHeader header) {
      this.in = in;
      this.log = log;
      this.header = header;
      this.scenarios = header.scenarios().toArray(new String[0]);
    }

    /** Opens a log and reads its run record. */
    static Cursor open(Path log) throws IOException {
      return open(log, Long.MAX_VALUE);
    }

    /** Opens a log, to be read up to maxBytes at most, and reads its run record. */
    static Cursor open(Path log, long maxBytes) throws IOException {
      Input in = Input.open(log, maxBytes);
      try {
        return new Cursor(in, log, readRun(in, log));
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    }

    RunHeader header() {
      return header;
    }

    /** Reads the next whole record; false at the end of the log or where it is cut. */
    boolean next() throws IOException {
      if (truncated) {
        return false;
      }
      recordStart = in.position();
      try {
        type = in.readRecordType();
        switch (type) {
          case -1:
            return false;
          case REQUEST:
            group = groups();
            text = cached();
            start = in.readInt();
            end = in.readInt();
            ok = in.readBoolean();
            message = cached();
            if (end == Integer.MIN_VALUE) {
              unmatched++;
            }
            break;
          case USER:
            int scenario = in.readInt();
            ok = in.readBoolean();
            start = in.readInt();
            if (scenario < 0 || scenario >= scenarios.length) {
              throw in.corrupt(
                  "a user record for scenario #"
                      + scenario
                      + " of "
                      + scenarios.length
                      + " scenarios");
            }
            text = scenarios[scenario];
            break;
          case GROUP:
            group = groups();
            start = in.readInt();
            end = in.readInt();
            cumulated = in.readInt();
            ok = in.readBoolean();
            break;
          case ERROR:
            text = cached();
            start = in.readInt();
            break;
          default:
            throw in.corruptAt(
                recordStart,
                String.format(Locale.ROOT, "an unknown record type 0x%02x", type & 0xff));
        }
      } catch (Truncated e) {
        truncated = true;
        return false;
      }
      records++;
      return true;
    }

    /**
     * When the record read last was written, in epoch ms: Gatling writes a record when its event
     * ends, so each log is (nearly) in this order.
     */
    long time() {
      int t = (type == REQUEST && end != Integer.MIN_VALUE) || type == GROUP ? end : start;
      return header.startEpochMillis() + t;
    }

    /** Hands the record read last to the handler. */
    void dispatch(RecordHandler handler) {
      switch (type) {
        case REQUEST:
          if (end == Integer.MIN_VALUE) {
            handler.unmatched(group, text, start, ok, message);
          } else {
            handler.request(group, text, start, end, ok, message);
          }
          break;
        case USER:
          handler.user(text, ok, start);
          break;
        case GROUP:
          handler.group(group, start, end, cumulated, ok);
          break;
        case ERROR:
          handler.error(text, start);
          break;
        default:
          throw new IllegalStateException("no record read");
      }
    }

    /** What reading gave so far; after next() returned false, the whole log's. */
    ReadOutcome outcome() {
      if (!truncated) {
        return new ReadOutcome(
            log, header, records, unmatched, false, in.position(), Optional.empty());
      }
      String warning =
          String.format(
              Locale.ROOT,
              "%s is truncated: the record that starts at byte %d is cut by the end of the file"
                  + " (byte %d); read the %d whole records before it and stopped there (was the"
                  + " run killed?)",
              log,
              recordStart,
              in.size(),
              records);
      return new ReadOutcome(
          log, header, records, unmatched, true, recordStart, Optional.of(warning));
    }

    private GroupPath groups() throws IOException {
      int depth = in.readInt();
      if (depth < 0 || depth > MAX_GROUP_DEPTH) {
        throw in.corrupt("a group hierarchy of depth " + depth);
      }
      GroupPath p = root;
      for (int i = 0; i < depth; i++) {
        p = p.child(cached());
      }
      return p;
    }

    /**
     * A cached string (BufferedFileChannelWriter.writeCachedString): an index, then the string
     * itself when the index is new (>= 0), none when it refers back to one already read (< 0).
     */
    private String cached() throws IOException {
      int index = in.readInt();
      if (index >= 0) {
        String s = sanitize(in.readString());
        if (index >= cache.length) {
          if (index > MAX_STRING_BYTES) {
            throw in.corrupt("a string cache index of " + index);
          }
          cache = Arrays.copyOf(cache, Math.max(index + 1, cache.length * 2));
        }
        cache[index] = s;
        return s;
      }
      int ref = -index;
      String s = ref > 0 && ref < cache.length ? cache[ref] : null;
      if (s == null) {
        throw in.corrupt("a reference to string #" + ref + ", which the log never defined");
      }
      return s;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** End of file inside a record. Thrown often only on broken logs; no stack trace needed. */
  static final class Truncated extends EOFException {
    private static final long serialVersionUID = 1L;
    static final Truncated INSTANCE = new Truncated();

    private Truncated() {
      super("end of file inside a record");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** A big-endian reader over a file channel with its own 64 KiB buffer. */
  static final class Input implements AutoCloseable {
    private static final VarHandle INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    // The JDK's internal UTF-16 array is in the platform's byte order (Gatling writes and reads
    // it as is, through StringInternals).
    private static final Charset UTF16 =
        ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
            ? StandardCharsets.UTF_16BE
            : StandardCharsets.UTF_16LE;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private final ByteBuffer bb = ByteBuffer.wrap(buf);
    private long base; // file offset of buf[0]
    private int pos;
    private int limit;

    private Input(Path path, FileChannel channel, long maxBytes) throws IOException {
      this.path = path;
      this.channel = channel;
      this.size = Math.min(channel.size(), maxBytes);
    }

    static Input open(Path path) throws IOException {
      return open(path, Long.MAX_VALUE);
    }

    /**
     * Opens a log to be read up to maxBytes at most: two readers of a log that is still growing
     * then read the same records.
     */
    static Input open(Path path, long maxBytes) throws IOException {
      try {
        return new Input(path, FileChannel.open(path, StandardOpenOption.READ), maxBytes);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(path.toString(), null, "no such simulation.log");
      }
    }

    long size() {
      return size;
    }

    long position() {
      return base + pos;
    }

    /** Makes n bytes available at pos (n <= buffer size), or throws Truncated. */
    private void need(int n) throws IOException {
      if (limit - pos >= n) {
        return;
      }
      int left = limit - pos;
      System.arraycopy(buf, pos, buf, 0, left);
      base += pos;
      pos = 0;
      limit = left;
      while (limit < n) {
        long room = size - (base + limit);
        if (room <= 0) {
          throw Truncated.INSTANCE;
        }
        bb.limit((int) Math.min(buf.length, limit + room)).position(limit);
        int r = channel.read(bb);
        if (r < 0) {
          throw Truncated.INSTANCE;
        }
        limit += r;
      }
    }

    /** The next record's type byte, or -1 at a clean end of file. */
    int readRecordType() throws IOException {
      if (pos == limit) {
        try {
          need(1);
        } catch (Truncated e) {
          return -1;
        }
      }
      return buf[pos++];
    }

    int readByte() throws IOException {
      need(1);
      return buf[pos++];
    }

    boolean readBoolean() throws IOException {
      need(1);
      return buf[pos++] != 0;
    }

    int readInt() throws IOException {
      need(4);
      int v = (int) INT.get(buf, pos);
      pos += 4;
      return v;
    }

    long readLong() throws IOException {
      need(8);
      long v = (long) LONG.get(buf, pos);
      pos += 8;
      return v;
    }

    int readLength() throws IOException {
      int n = readInt();
      if (n < 0 || n > MAX_STRING_BYTES) {
        throw corrupt("a length of " + n + " bytes");
      }
      return n;
    }

    /** BufferedFileChannelWriter.writeString: length, bytes, coder; length 0 alone for "". */
    String readString() throws IOException {
      int length = readLength();
      return length == 0 ? "" : readStringBody(length);
    }

    /** The bytes and the coder byte of a non-empty string. */
    String readStringBody(int length) throws IOException {
      byte[] src;
      int off;
      if (length < buf.length) {
        need(length + 1);
        src = buf;
        off = pos;
        pos += length;
      } else {
        src = new byte[length];
        off = 0;
        int done = 0;
        while (done < length) {
          need(1);
          int n = Math.min(length - done, limit - pos);
          System.arraycopy(buf, pos, src, done, n);
          pos += n;
          done += n;
        }
      }
      int coder = readByte();
      if (coder == 0) {
        return new String(src, off, length, StandardCharsets.ISO_8859_1);
      }
      if (coder == 1 && (length & 1) == 0) {
        return new String(src, off, length, UTF16);
      }
      throw corrupt("a string with coder " + coder + " and " + length + " bytes");
    }

    void skip(int n) throws IOException {
      while (n > 0) {
        need(1);
        int k = Math.min(n, limit - pos);
        pos += k;
        n -= k;
      }
    }

    /** The first bytes of the file, for telling what it is (the buffer holds them at first). */
    byte[] peekHead(int n) {
      return base == 0 ? Arrays.copyOf(buf, Math.min(n, limit)) : new byte[0];
    }

    LogFormatException corrupt(String what) {
      return corruptAt(position(), what);
    }

    LogFormatException corruptAt(long at, String what) {
      return new LogFormatException(
          String.format(
              Locale.ROOT,
              "%s is corrupt: %s at byte %d of %d; it is not a simulation.log that Gatling %s wrote",
              path,
              what,
              at,
              size,
              SUPPORTED_VERSION));
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
