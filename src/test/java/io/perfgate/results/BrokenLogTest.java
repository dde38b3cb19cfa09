package io.perfgate.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs cut short, from another Gatling, or not logs at all: what perfgate says about them. */
class BrokenLogTest {
  @TempDir Path dir;

  private static byte[] whole;
  private static Recorded wholeRecords;

  @BeforeAll
  static void readWhole() throws Exception {
    Path log = Fixtures.concurrentRuns().a().log();
    whole = Files.readAllBytes(log);
    wholeRecords = Recorded.of(log);
  }

  @Test
  void aLogCutInsideARecordIsReadUpToItsLastWholeRecordAndFlagged() throws IOException {
    // Two cuts one byte apart: no record is one byte long, so at least one cuts inside a record.
    int at = whole.length / 2;
    ReadOutcome cut = null;
    Path log = null;
    for (int c : new int[] {at, at + 1}) {
      log = write("cut-" + c + ".log", Arrays.copyOf(whole, c));
      ReadOutcome o = LogReader.read(log, new RecordHandler() {});
      if (o.truncated()) {
        cut = o;
        break;
      }
    }
    assertTrue(cut != null, "one of the cuts is inside a record");
    assertTrue(cut.records() > 0);
    assertTrue(cut.records() < wholeRecords.outcome.records());
    String warning = cut.warning().orElseThrow();
    assertTrue(warning.contains(log.toString()), warning);
    assertTrue(warning.contains("truncated"), warning);
    assertTrue(warning.contains("byte " + cut.bytesRead()), warning);
    assertTrue(cut.bytesRead() < Files.size(log));

    RunStats stats = RunStats.of(log, List.of());
    assertTrue(stats.truncated());
    assertEquals(List.of(warning), stats.warnings());
    long all = wholeRecords.requests.size();
    assertTrue(stats.global().count() > 0);
    assertTrue(stats.global().count() < all, stats.global().count() + " < " + all);
    // what was read is exactly the start of the whole log
    Recorded part = Recorded.of(log);
    assertEquals(wholeRecords.requests.subList(0, part.requests.size()), part.requests);
  }

  @Test
  void aLogCutBetweenTwoRecordsIsWhole() throws IOException {
    ReadOutcome o = LogReader.read(write("whole.log", whole), new RecordHandler() {});
    assertFalse(o.truncated());
    assertEquals(whole.length, o.bytesRead());
    assertTrue(o.warning().isEmpty());
  }

  @Test
  void aLogFromAnotherGatlingVersionIsRefusedNamingBothVersions() throws IOException {
    // the run record: type byte 0, then the version string: int length, Latin-1 bytes, coder
    byte[] version = "3.15.1".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(0, whole[0]);
    assertArrayEquals(version, Arrays.copyOfRange(whole, 5, 5 + version.length));
    byte[] other = whole.clone();
    System.arraycopy("3.14.9".getBytes(StandardCharsets.ISO_8859_1), 0, other, 5, version.length);
    Path log = write("other-version.log", other);

    LogFormatException e =
        assertThrows(LogFormatException.class, () -> LogReader.read(log, new RecordHandler() {}));
    assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Gatling 3.14.9"), e.getMessage());
    assertTrue(e.getMessage().contains("Gatling 3.15.1"), e.getMessage());
    assertThrows(LogFormatException.class, () -> RunStats.of(log, List.of()));
  }

  @Test
  void aTextFileIsNotALog() throws IOException {
    Path text = write("notes.txt", "hello, this is not a log\n".getBytes(StandardCharsets.UTF_8));
    LogFormatException e =
        assertThrows(LogFormatException.class, () -> RunStats.of(text, List.of()));
    assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("is not a Gatling simulation.log"), e.getMessage());
  }

  @Test
  void anEmptyFileIsNotALog() throws IOException {
    Path empty = write("empty.log", new byte[0]);
    LogFormatException e =
        assertThrows(LogFormatException.class, () -> RunStats.of(empty, List.of()));
    assertTrue(e.getMessage().contains(empty + " is empty"), e.getMessage());
  }

  @Test
  void anOldTextLogIsNamedAsSuch() throws IOException {
    Path old =
        write(
            "old.log",
            "RUN\tio.perfgate.X\tx\t1700000000000\t \t3.9.5\n".getBytes(StandardCharsets.UTF_8));
    LogFormatException e =
        assertThrows(LogFormatException.class, () -> RunStats.of(old, List.of()));
    assertTrue(
        e.getMessage().contains("text simulation.log from Gatling 3.12 or older"), e.getMessage());
  }

  @Test
  void aBinaryFileStartingWithZeroIsNotALogEither() throws IOException {
    byte[] junk = new byte[64];
    junk[4] = (byte) 200; // a "version" of 200 bytes
    Path log = write("zeros.bin", junk);
    LogFormatException e =
        assertThrows(LogFormatException.class, () -> RunStats.of(log, List.of()));
    assertTrue(e.getMessage().contains("is not a Gatling simulation.log"), e.getMessage());
  }

  @Test
  void aLogCutInsideItsRunRecordIsRefused() throws IOException {
    Path log = write("header-only.log", Arrays.copyOf(whole, 20));
    LogFormatException e =
        assertThrows(LogFormatException.class, () -> RunStats.of(log, List.of()));
    assertTrue(e.getMessage().contains("ends inside its run record"), e.getMessage());
  }

  @Test
  void anUnknownRecordTypeIsCorruptionNamedWithItsByte() throws IOException {
    int end = (int) wholeRecords.outcome.bytesRead();
    byte[] bad = Arrays.copyOf(whole, end + 1);
    bad[end] = 9;
    Path log = write("corrupt.log", bad);
    LogFormatException e =
        assertThrows(LogFormatException.class, () -> LogReader.read(log, new RecordHandler() {}));
    assertTrue(e.getMessage().contains("unknown record type 0x09 at byte " + end), e.getMessage());
  }

  @Test
  void aMissingFileSaysSo() {
    Path missing = dir.resolve("nowhere/simulation.log");
    IOException e = assertThrows(IOException.class, () -> RunStats.of(missing, List.of()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }
}
