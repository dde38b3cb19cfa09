package io.perfgate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run ended when its injector did not end it: the note, read back, in plain words. */
class EndNoteTest {
  @TempDir Path run;

  private static EndNote note(EndNote.Cause cause, String detail) {
    return new EndNote(
        cause, detail, 42_500, "380 users", 4242, 256L << 20, 1024, "", "http://127.0.0.1:8080");
  }

  @Test
  void theNoteIsWrittenWholeAndReadBack() throws Exception {
    EndNote written = note(EndNote.Cause.HEAP, "java.lang.OutOfMemoryError: Java heap space");
    written.write(run);

    assertEquals(Optional.of(written), EndNote.read(run));
    assertEquals(written, EndNote.beside(run.resolve("simulation.log")).orElseThrow());
    String json = Files.readString(run.resolve("perfgate/ended.json"));
    assertTrue(json.contains("\"cause\" : \"injector-heap\""), json);
    assertTrue(json.contains("\"text\" : \"The injector"), json);
    assertEquals(Optional.empty(), EndNote.read(run.resolve("elsewhere")));
  }

  @Test
  void anUnreadableNoteStillSaysTheRunEndedBadly() throws Exception {
    Files.createDirectories(run.resolve("perfgate"));
    Files.writeString(run.resolve("perfgate/ended.json"), "{ not json");

    EndNote n = EndNote.read(run).orElseThrow();
    assertEquals(EndNote.Cause.ERROR, n.cause());
    assertTrue(n.detail().contains("is unreadable"), n.detail());
  }

  @Test
  void outOfHeapSaysWhichResourceWhenAtWhatLoadAndTheFix() {
    String text =
        note(EndNote.Cause.HEAP, "java.lang.OutOfMemoryError: Java heap space").describe();
    assertEquals(
        "The injector (the Gatling JVM, pid 4242) ran out of heap (256MB at most) 0:42 into the"
            + " run, at 380 users (java.lang.OutOfMemoryError: Java heap space), and the run ended"
            + " there. Give it a larger heap (-Dperfgate.heap=2G, or -Xmx in the jvmArgs of"
            + " pom.xml), run fewer users per injector (shard the test with -Dinjector.count), or"
            + " cap the answers its checks read (target.maxResponseSize).",
        text);
  }

  @Test
  void eachCauseNamesItsResourceAndFix() {
    assertTrue(
        note(EndNote.Cause.THREADS, "").describe().contains("could not start another thread"));
    assertTrue(note(EndNote.Cause.THREADS, "").describe().contains("ulimit -u"));
    String files = note(EndNote.Cause.FILES, "").describe();
    assertTrue(files.contains("ran out of file descriptors (open-file limit 1024)"), files);
    assertTrue(files.contains("ulimit -n"), files);
    assertTrue(
        note(EndNote.Cause.STOPPED, "").describe().contains("by a signal (SIGTERM or SIGINT"));
    String killed = note(EndNote.Cause.KILLED, "").describe();
    assertTrue(
        killed.contains("vanished 0:42 into the run, at 380 users without shutting down"), killed);
    assertTrue(killed.contains("SIGKILL (Maven reports exit status 137)"), killed);
    assertTrue(killed.contains("`dmesg | grep 4242`"), killed);
    String crashed =
        note(EndNote.Cause.KILLED, "")
            .withErrorFile("/r/run/perfgate/hs_err_pid4242.log")
            .describe();
    assertTrue(crashed.contains("crashed 0:42 into the run"), crashed);
    assertTrue(
        crashed.endsWith("the JVM's own report is /r/run/perfgate/hs_err_pid4242.log."), crashed);
    String error = note(EndNote.Cause.ERROR, "java.lang.StackOverflowError").describe();
    assertTrue(
        error.contains(
            "ended on an error 0:42 into the run, at 380 users (java.lang.StackOverflowError)"),
        error);
  }

  @Test
  void errorMessagesPointToTheirCause() {
    assertEquals(
        EndNote.Cause.HEAP, EndNote.Cause.ofError("java.lang.OutOfMemoryError: Java heap space"));
    assertEquals(
        EndNote.Cause.HEAP,
        EndNote.Cause.ofError(
            "io.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s)"));
    assertEquals(
        EndNote.Cause.THREADS,
        EndNote.Cause.ofError(
            "java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or"
                + " process/resource limits reached"));
    assertEquals(
        EndNote.Cause.FILES,
        EndNote.Cause.ofError(
            "Too many open files (java.lang.NoClassDefFoundError: io/perfgate/files/AtomicFiles$Content)"));
    assertEquals(EndNote.Cause.ERROR, EndNote.Cause.ofError("java.lang.StackOverflowError"));
  }
}
