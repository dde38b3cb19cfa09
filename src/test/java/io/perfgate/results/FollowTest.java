package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a log while it is written, in blocks that cut records anywhere, as Gatling writes. */
class FollowTest {
  @TempDir Path dir;

  @Test
  void readsEveryRecordOfALogWrittenInBlocks() throws IOException {
    Path whole = dir.resolve("whole.log");
    try (SyntheticLog log = new SyntheticLog(whole, "3.15.1", 1_000L, List.of("s"))) {
      for (int i = 0; i < 5_000; i++) {
        log.user("s", true, i);
        log.request(List.of(), "r" + (i % 7), i, i + 3, i % 10 != 0, i % 10 == 0 ? "boom" : "");
      }
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path growing = dir.resolve("simulation.log");
    Files.createFile(growing);

    // The tail hands the reader one more 8 KiB block each time it has read all there is (the
    // writer and the reader take turns: no thread, no timing), then ends.
    AtomicInteger written = new AtomicInteger();
    AtomicInteger waits = new AtomicInteger();
    Counter counter = new Counter();
    ReadOutcome outcome =
        LogReader.follow(
            growing,
            counter,
            () -> {
              waits.incrementAndGet();
              int from = written.get();
              if (from >= bytes.length) {
                return false;
              }
              int to = Math.min(bytes.length, from + 8192);
              append(growing, bytes, from, to);
              written.set(to);
              return true;
            });

    assertEquals(5_000, counter.requests.get());
    assertEquals(500, counter.failed.get());
    assertEquals(10_000, outcome.records());
    assertFalse(outcome.truncated());
    assertTrue(waits.get() > bytes.length / 8192, "read as it grew: " + waits.get());
  }

  @Test
  void aLogThatStaysEmptyEndsWithAClearError() throws IOException {
    Path empty = Files.createFile(dir.resolve("simulation.log"));
    LogFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            LogFormatException.class, () -> LogReader.follow(empty, new Counter(), () -> false));
    assertTrue(e.getMessage().contains("stayed empty"), e.getMessage());
  }

  private static void append(Path file, byte[] bytes, int from, int to) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes, from, to - from));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final class Counter implements RecordHandler {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    @Override
    public void request(
        GroupPath group, String name, int start, int end, boolean ok, String message) {
      requests.incrementAndGet();
      if (!ok) {
        failed.incrementAndGet();
      }
    }
  }
}
